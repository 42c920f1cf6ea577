import type { Kysely } from 'kysely';

/**
 * Account identity settings, external OpenID Connect identity providers and the short-lived state
 * of federated sign-ins; users remember the subject their provider knows them by.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_identity_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    /** JSON object of IBM's setting names to their (string) values. */
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .addColumn('modified_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identity_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('realm_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_encrypted', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('first_sign_in', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .addColumn('modified_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identity_providers_account_idx').on('identity_providers').column('account_id').execute();

  await db.schema
    .createTable('federation_logins')
    .addColumn('state_digest', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull())
    /** JSON, encrypted: the nonce and PKCE verifier sent to the provider, and the client's request. */
    .addColumn('secrets_encrypted', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('federation_codes')
    .addColumn('code_digest', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('iam_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('code_challenge', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('users').addColumn('idp_subject', 'text').execute();
  // A sign-in session (refresh token family) ends at a fixed time after it began, however often it is refreshed.
  await db.schema.alterTable('refresh_tokens').addColumn('session_started_at', 'text').execute();
  await db.schema.createIndex('users_realm_subject_unique').on('users').columns(['realm', 'idp_subject']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_realm_subject_unique').execute();
  await db.schema.alterTable('users').dropColumn('idp_subject').execute();
  await db.schema.alterTable('refresh_tokens').dropColumn('session_started_at').execute();
  for (const table of ['federation_codes', 'federation_logins', 'identity_providers', 'account_identity_settings']) await db.schema.dropTable(table).execute();
}
