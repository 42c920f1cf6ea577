import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { ApiKeysTable, DB } from '#src/db/schema.js';
import { contains } from '#src/db/dialect.js';

export type ApiKeyRow = Selectable<ApiKeysTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export interface ApiKeyListQuery {
  accountId: string;
  /** Keys of this identity only; undefined lists the account's keys (`scope=account`). */
  iamId?: string;
  /** `user` (keys of people) or `serviceid`. */
  type?: 'user' | 'serviceid';
  nameFilter?: string;
  sort: 'name' | 'description' | 'created_at' | 'created_by';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export function createApiKeysRepo(db: Kysely<DB>) {
  return {
    findById: (id: string, executor: Executor = db) => executor.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),
    findByDigest: (digest: string) => db.selectFrom('api_keys').selectAll().where('digest', '=', digest).executeTakeFirst(),
    list(query: ApiKeyListQuery) {
      let q = db.selectFrom('api_keys').selectAll().where('account_id', '=', query.accountId);
      if (query.iamId) q = q.where('iam_id', '=', query.iamId);
      if (query.type === 'serviceid') q = q.where('iam_id', 'like', 'iam-ServiceId-%');
      if (query.type === 'user') q = q.where('iam_id', 'not like', 'iam-ServiceId-%');
      if (query.nameFilter) q = q.where(contains(db, 'name', query.nameFilter, { ignoreCase: true }));
      return q.orderBy(query.sort, query.order).orderBy('id').offset(query.offset).limit(query.limit).execute();
    },
    async countForIdentity(iamId: string, executor: Executor = db): Promise<number> {
      const row = await executor.selectFrom('api_keys').select((eb) => eb.fn.countAll().as('n')).where('iam_id', '=', iamId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    idsForIdentity: (iamId: string, executor: Executor = db) =>
      executor.selectFrom('api_keys').select('id').where('iam_id', '=', iamId).execute(),
    insert: (trx: Transaction<DB>, row: Insertable<ApiKeysTable>) => trx.insertInto('api_keys').values(row).execute(),
    updateById: (trx: Transaction<DB>, id: string, values: Updateable<ApiKeysTable>) => trx.updateTable('api_keys').set(values).where('id', '=', id).execute(),
    deleteById: (trx: Transaction<DB>, id: string) => trx.deleteFrom('api_keys').where('id', '=', id).execute(),
    deleteForIdentity: (trx: Transaction<DB>, iamId: string) => trx.deleteFrom('api_keys').where('iam_id', '=', iamId).execute(),
    /** Records sign-ins in bulk: last-used times are not worth a synchronous write per token. */
    async recordActivity(activity: Map<string, { at: string; count: number }>): Promise<void> {
      for (const [id, { at, count }] of activity) {
        await db
          .updateTable('api_keys')
          .set((eb) => ({ last_authn_at: at, authn_count: eb('authn_count', '+', count) }))
          .where('id', '=', id)
          .execute();
      }
    },
  };
}

export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
