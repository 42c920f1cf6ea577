import { sql, type Kysely } from 'kysely';

/**
 * A federated user remembers the issuer that vouched for their subject: a provider whose issuer later
 * changes, or a realm re-created for another provider, must not sign in as them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('idp_issuer', 'text').execute();
  await sql`update users set idp_issuer = (select p.issuer from identity_providers p where p.realm_id = users.realm) where idp_subject is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('idp_issuer').execute();
}
