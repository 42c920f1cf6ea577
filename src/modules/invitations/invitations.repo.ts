import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, InvitationsTable } from '#src/db/schema.js';

export type InvitationRow = Selectable<InvitationsTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export function createInvitationsRepo(db: Kysely<DB>) {
  return {
    findByDigest: (digest: string, executor: Executor = db) => executor.selectFrom('invitations').selectAll().where('token_digest', '=', digest).executeTakeFirst(),
    /** The open invitation of a pending user, if any. */
    findPendingForUser: (iamId: string, executor: Executor = db) =>
      executor.selectFrom('invitations').selectAll().where('iam_id', '=', iamId).where('state', '=', 'PENDING').executeTakeFirst(),
    list: (accountId: string, state: string | undefined, offset: number, limit: number) => {
      let q = db.selectFrom('invitations').selectAll().where('account_id', '=', accountId);
      if (state) q = q.where('state', '=', state);
      return q.orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute();
    },
    insert: (trx: Transaction<DB>, row: Insertable<InvitationsTable>) => trx.insertInto('invitations').values(row).execute(),
    updateById: (trx: Transaction<DB>, id: string, values: Updateable<InvitationsTable>) => trx.updateTable('invitations').set(values).where('id', '=', id).execute(),
    /** Moves a PENDING invitation to `state`; false when it was no longer pending (used twice, revoked meanwhile). */
    async closeIfPending(trx: Transaction<DB>, id: string, state: 'ACCEPTED' | 'REVOKED', at: string): Promise<boolean> {
      const values = state === 'ACCEPTED' ? { state, accepted_at: at } : { state, revoked_at: at };
      const result = await trx.updateTable('invitations').set(values).where('id', '=', id).where('state', '=', 'PENDING').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    revokeAllForUser: (trx: Transaction<DB>, iamId: string, at: string) =>
      trx.updateTable('invitations').set({ state: 'REVOKED', revoked_at: at }).where('iam_id', '=', iamId).where('state', '=', 'PENDING').execute(),
  };
}

export type InvitationsRepo = ReturnType<typeof createInvitationsRepo>;
