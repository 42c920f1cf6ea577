import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, FederationCodesTable, FederationLoginsTable } from '#src/db/schema.js';

export type LoginRow = Selectable<FederationLoginsTable>;
export type CodeRow = Selectable<FederationCodesTable>;

/** Sign-ins in progress and one-time codes: each row is taken (deleted) by the one request that uses it. */
export function createSignInRepo(db: Kysely<DB>) {
  return {
    insertLogin: (row: LoginRow) => db.insertInto('federation_logins').values(row).execute(),
    takeLogin: (digest: string) => db.deleteFrom('federation_logins').where('state_digest', '=', digest).returningAll().executeTakeFirst(),
    insertCode: (trx: Transaction<DB>, row: CodeRow) => trx.insertInto('federation_codes').values(row).execute(),
    takeCode: (digest: string) => db.deleteFrom('federation_codes').where('code_digest', '=', digest).returningAll().executeTakeFirst(),
    async deleteExpired(nowIso: string): Promise<void> {
      await db.deleteFrom('federation_logins').where('expires_at', '<', nowIso).execute();
      await db.deleteFrom('federation_codes').where('expires_at', '<', nowIso).execute();
    },
  };
}

export type SignInRepo = ReturnType<typeof createSignInRepo>;
