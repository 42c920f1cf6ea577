import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, IdentityProvidersTable } from '#src/db/schema.js';

export type ProviderRow = Selectable<IdentityProvidersTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export function createProvidersRepo(db: Kysely<DB>) {
  return {
    findById: (id: string, executor: Executor = db) => executor.selectFrom('identity_providers').selectAll().where('id', '=', id).executeTakeFirst(),
    findByRealm: (realmId: string, executor: Executor = db) => executor.selectFrom('identity_providers').selectAll().where('realm_id', '=', realmId).executeTakeFirst(),
    list: (accountId: string) => db.selectFrom('identity_providers').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute(),
    listEnabled: (accountId: string) =>
      db.selectFrom('identity_providers').select(['realm_id', 'name']).where('account_id', '=', accountId).where('enabled', '=', 1).orderBy('name').execute(),
    insert: (trx: Transaction<DB>, row: ProviderRow) => trx.insertInto('identity_providers').values(row).execute(),
    /** Updates version `version - 1` to `version`; false when someone else changed it first. */
    async update(trx: Transaction<DB>, id: string, version: number, values: Updateable<IdentityProvidersTable>): Promise<boolean> {
      const r = await trx.updateTable('identity_providers').set({ ...values, version }).where('id', '=', id).where('version', '=', version - 1).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Users bound to a subject at this realm's provider. */
    async countBoundUsers(trx: Transaction<DB>, realmId: string): Promise<number> {
      const r = await trx.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('realm', '=', realmId).where('idp_subject', 'is not', null).executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    /** Ends the sign-in sessions (refresh tokens) of every user of a realm; returns how many tokens. */
    async revokeSessions(trx: Transaction<DB>, realmId: string): Promise<number> {
      const r = await trx.deleteFrom('refresh_tokens').where('iam_id', 'in', trx.selectFrom('users').select('iam_id').where('realm', '=', realmId)).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    sealedSecrets: () => db.selectFrom('identity_providers').select(['id', 'client_secret_encrypted']).execute(),
    /** Replaces a sealed secret by the same secret sealed again, unless someone stored another one meanwhile. */
    async replaceSealedSecret(id: string, before: string, after: string): Promise<boolean> {
      const r = await db.updateTable('identity_providers').set({ client_secret_encrypted: after }).where('id', '=', id).where('client_secret_encrypted', '=', before).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    deleteById: (trx: Transaction<DB>, id: string) => trx.deleteFrom('identity_providers').where('id', '=', id).execute(),
    async accountIds(): Promise<string[]> {
      return (await db.selectFrom('accounts').select('id').limit(2).execute()).map((r) => r.id);
    },
  };
}

export type ProvidersRepo = ReturnType<typeof createProvidersRepo>;
