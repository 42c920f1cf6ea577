import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { CustomRolesTable, DB, PoliciesTable } from '#src/db/schema.js';

export type PolicyRow = Selectable<PoliciesTable>;
export type CustomRoleRow = Selectable<CustomRolesTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export interface PolicyListQuery {
  accountId: string;
  iamId?: string;
  accessGroupId?: string;
  type?: string;
  state?: string;
  apiVersion?: string;
  /** Policies created before this (created_at, id) pair come next (paging). */
  after?: { createdAt: string; id: string };
  limit: number;
}

export function createPoliciesRepo(db: Kysely<DB>) {
  return {
    findById: (id: string, executor: Executor = db) => executor.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst(),
    list(q: PolicyListQuery) {
      let query = db.selectFrom('policies').selectAll().where('account_id', '=', q.accountId);
      if (q.iamId) query = query.where('subject_key', '=', 'iam_id').where('subject_value', '=', q.iamId);
      if (q.accessGroupId) query = query.where('subject_key', '=', 'access_group_id').where('subject_value', '=', q.accessGroupId);
      if (q.type) query = query.where('type', '=', q.type);
      query = query.where('state', '=', q.state ?? 'active');
      if (q.apiVersion) query = query.where('api_version', '=', q.apiVersion);
      if (q.after) {
        const { createdAt, id } = q.after;
        query = query.where((eb) => eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)])]));
      }
      return query.orderBy('created_at').orderBy('id').limit(q.limit).execute();
    },
    async countInAccount(accountId: string, executor: Executor = db): Promise<number> {
      return Number((await executor.selectFrom('policies').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', accountId).where('state', '=', 'active').executeTakeFirstOrThrow()).n);
    },
    /** Every active policy, for building the decision index. */
    allActive: () => db.selectFrom('policies').selectAll().where('state', '=', 'active').execute(),
    idsForSubject: (subject: string, executor: Executor = db) => executor.selectFrom('policies').select('id').where('subject_value', '=', subject).execute(),
    insert: (trx: Transaction<DB>, row: Insertable<PoliciesTable>) => trx.insertInto('policies').values(row).execute(),
    updateById: (trx: Transaction<DB>, id: string, values: Updateable<PoliciesTable>) => trx.updateTable('policies').set(values).where('id', '=', id).execute(),
    deleteForSubject: (trx: Transaction<DB>, subject: string) => trx.deleteFrom('policies').where('subject_value', '=', subject).execute(),
    /** Policies that grant a custom role (a role in use cannot be deleted). */
    async countUsingRole(accountId: string, roleCrn: string): Promise<number> {
      const rows = await db.selectFrom('policies').select('body').where('account_id', '=', accountId).where('state', '=', 'active').where('body', 'like', `%${roleCrn.replace(/[%_\\]/g, '')}%`).execute();
      return rows.length;
    },

    roles: {
      findById: (id: string, executor: Executor = db) => executor.selectFrom('custom_roles').selectAll().where('id', '=', id).executeTakeFirst(),
      findByCrn: (crn: string, executor: Executor = db) => executor.selectFrom('custom_roles').selectAll().where('crn', '=', crn).executeTakeFirst(),
      list: (accountId: string, serviceName?: string) => {
        let q = db.selectFrom('custom_roles').selectAll().where('account_id', '=', accountId);
        if (serviceName) q = q.where('service_name', '=', serviceName);
        return q.orderBy('created_at').orderBy('id').execute();
      },
      all: () => db.selectFrom('custom_roles').selectAll().execute(),
      async countInAccount(accountId: string, executor: Executor = db): Promise<number> {
        return Number((await executor.selectFrom('custom_roles').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow()).n);
      },
      insert: (trx: Transaction<DB>, row: Insertable<CustomRolesTable>) => trx.insertInto('custom_roles').values(row).execute(),
      updateById: (trx: Transaction<DB>, id: string, values: Updateable<CustomRolesTable>) => trx.updateTable('custom_roles').set(values).where('id', '=', id).execute(),
      deleteById: (trx: Transaction<DB>, id: string) => trx.deleteFrom('custom_roles').where('id', '=', id).execute(),
    },
  };
}

export type PoliciesRepo = ReturnType<typeof createPoliciesRepo>;
