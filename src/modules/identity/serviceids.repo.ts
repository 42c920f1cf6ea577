import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, ServiceIdsTable } from '#src/db/schema.js';

export type ServiceIdRow = Selectable<ServiceIdsTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export interface ServiceIdListQuery {
  accountId: string;
  name?: string;
  groupId?: string;
  sort: 'name' | 'description' | 'created_at' | 'modified_at';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export function createServiceIdsRepo(db: Kysely<DB>) {
  return {
    findById: (id: string, executor: Executor = db) => executor.selectFrom('service_ids').selectAll().where('id', '=', id).executeTakeFirst(),
    findByIamId: (iamId: string, executor: Executor = db) => executor.selectFrom('service_ids').selectAll().where('iam_id', '=', iamId).executeTakeFirst(),
    list(query: ServiceIdListQuery) {
      let q = db.selectFrom('service_ids').selectAll().where('account_id', '=', query.accountId);
      if (query.name) q = q.where('name', '=', query.name);
      if (query.groupId) q = q.where('group_id', '=', query.groupId);
      return q.orderBy(query.sort, query.order).orderBy('id').offset(query.offset).limit(query.limit).execute();
    },
    async countInAccount(accountId: string, executor: Executor = db): Promise<number> {
      const row = await executor.selectFrom('service_ids').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    insert: (trx: Transaction<DB>, row: Insertable<ServiceIdsTable>) => trx.insertInto('service_ids').values(row).execute(),
    updateById: (trx: Transaction<DB>, id: string, values: Updateable<ServiceIdsTable>) => trx.updateTable('service_ids').set(values).where('id', '=', id).execute(),
    deleteById: (trx: Transaction<DB>, id: string) => trx.deleteFrom('service_ids').where('id', '=', id).execute(),
  };
}

export type ServiceIdsRepo = ReturnType<typeof createServiceIdsRepo>;
