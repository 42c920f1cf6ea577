import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, RefreshTokensTable } from '#src/db/schema.js';

export function createRefreshTokensRepo(db: Kysely<DB>) {
  return {
    findByDigest: (trx: Transaction<DB>, digest: string) => trx.selectFrom('refresh_tokens').selectAll().where('digest', '=', digest).executeTakeFirst(),
    insert: (executor: Kysely<DB> | Transaction<DB>, row: Insertable<RefreshTokensTable>) => executor.insertInto('refresh_tokens').values(row).execute(),
    /** Marks a token used; false when another request used it first. */
    async markUsed(trx: Transaction<DB>, id: string, at: string): Promise<boolean> {
      const result = await trx.updateTable('refresh_tokens').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    deleteFamily: (executor: Kysely<DB> | Transaction<DB>, familyId: string) => executor.deleteFrom('refresh_tokens').where('family_id', '=', familyId).execute(),
    deleteForIdentity: (executor: Kysely<DB> | Transaction<DB>, iamId: string) => executor.deleteFrom('refresh_tokens').where('iam_id', '=', iamId).execute(),
    deleteExpired: (now: string) => db.deleteFrom('refresh_tokens').where('expires_at', '<', now).execute(),
  };
}

export type RefreshTokensRepo = ReturnType<typeof createRefreshTokensRepo>;
