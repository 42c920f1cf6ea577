import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { AccessGroupMembersTable, AccessGroupRulesTable, AccessGroupsTable, DB } from '#src/db/schema.js';
import { contains } from '#src/db/dialect.js';

export type GroupRow = Selectable<AccessGroupsTable>;
export type MemberRow = Selectable<AccessGroupMembersTable>;
export type RuleRow = Selectable<AccessGroupRulesTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export interface GroupListQuery {
  accountId: string;
  /** Only groups this identity belongs to (statically, or dynamically until expiry). */
  memberIamId?: string;
  membershipType?: 'static' | 'dynamic' | 'all';
  nowIso: string;
  search?: { field: 'id' | 'name' | 'description'; value: string };
  sort: 'id' | 'name' | 'description' | 'created_at';
  desc: boolean;
  offset: number;
  limit: number;
}

export function createAccessGroupsRepo(db: Kysely<DB>) {
  const groupsQuery = (q: Omit<GroupListQuery, 'offset' | 'limit' | 'sort' | 'desc'>) => {
    let query = db.selectFrom('access_groups').where('access_groups.account_id', '=', q.accountId);
    if (q.search) {
      const { field, value } = q.search;
      query = query.where(contains(db, `access_groups.${field}`, value, { ignoreCase: true }));
    }
    if (q.memberIamId) {
      const iamId = q.memberIamId;
      query = query.where((eb) => {
        let members = eb.selectFrom('access_group_members as m').select('m.group_id').whereRef('m.group_id', '=', 'access_groups.id').where('m.iam_id', '=', iamId)
          .where((w) => w.or([w('m.expires_at', 'is', null), w('m.expires_at', '>', q.nowIso)]));
        if (q.membershipType && q.membershipType !== 'all') members = members.where('m.membership_type', '=', q.membershipType);
        return eb.exists(members);
      });
    }
    return query;
  };

  return {
    findById: (id: string, executor: Executor = db) => executor.selectFrom('access_groups').selectAll().where('id', '=', id).executeTakeFirst(),
    findByName: (accountId: string, name: string, executor: Executor = db) =>
      executor.selectFrom('access_groups').selectAll().where('account_id', '=', accountId).where('name_key', '=', name.toLowerCase()).executeTakeFirst(),
    list: (q: GroupListQuery) => groupsQuery(q).selectAll().orderBy(q.sort, q.desc ? 'desc' : 'asc').orderBy('id').offset(q.offset).limit(q.limit).execute(),
    async count(q: Omit<GroupListQuery, 'offset' | 'limit' | 'sort' | 'desc'>): Promise<number> {
      return Number((await groupsQuery(q).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    },
    async countInAccount(accountId: string, executor: Executor = db): Promise<number> {
      return Number((await executor.selectFrom('access_groups').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow()).n);
    },
    insert: (trx: Transaction<DB>, row: Insertable<AccessGroupsTable>) => trx.insertInto('access_groups').values(row).execute(),
    updateById: (trx: Transaction<DB>, id: string, values: Updateable<AccessGroupsTable>) => trx.updateTable('access_groups').set(values).where('id', '=', id).execute(),
    deleteById: (trx: Transaction<DB>, id: string) => trx.deleteFrom('access_groups').where('id', '=', id).execute(),

    members: {
      list: (groupId: string, q: { membershipType?: string; type?: string; nowIso: string; offset: number; limit: number; sortBy: 'iam_id' | 'created_at' }) => {
        let query = db.selectFrom('access_group_members').selectAll().where('group_id', '=', groupId)
          .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', q.nowIso)]));
        if (q.membershipType && q.membershipType !== 'all') query = query.where('membership_type', '=', q.membershipType);
        if (q.type) query = query.where('type', '=', q.type);
        return query.orderBy(q.sortBy).orderBy('iam_id').offset(q.offset).limit(q.limit).execute();
      },
      async count(groupId: string, q: { membershipType?: string; type?: string; nowIso: string }, executor: Executor = db): Promise<number> {
        let query = executor.selectFrom('access_group_members').select((eb) => eb.fn.countAll().as('n')).where('group_id', '=', groupId)
          .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', q.nowIso)]));
        if (q.membershipType && q.membershipType !== 'all') query = query.where('membership_type', '=', q.membershipType);
        if (q.type) query = query.where('type', '=', q.type);
        return Number((await query.executeTakeFirstOrThrow()).n);
      },
      find: (groupId: string, iamId: string, nowIso: string, executor: Executor = db) =>
        executor.selectFrom('access_group_members').selectAll().where('group_id', '=', groupId).where('iam_id', '=', iamId)
          .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', nowIso)])).executeTakeFirst(),
      groupsOf: (accountId: string, iamId: string, nowIso: string, executor: Executor = db) =>
        executor.selectFrom('access_group_members').select('group_id').distinct().where('account_id', '=', accountId).where('iam_id', '=', iamId)
          .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', nowIso)])).execute(),
      insert: (trx: Transaction<DB>, row: Insertable<AccessGroupMembersTable>) => trx.insertInto('access_group_members').values(row).execute(),
      /** Removes a static membership; true when there was one. */
      async deleteStatic(trx: Transaction<DB>, groupId: string, iamId: string): Promise<boolean> {
        const r = await trx.deleteFrom('access_group_members').where('group_id', '=', groupId).where('iam_id', '=', iamId).where('membership_type', '=', 'static').executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      },
      deleteForGroup: (trx: Transaction<DB>, groupId: string) => trx.deleteFrom('access_group_members').where('group_id', '=', groupId).execute(),
      /** An identity's dynamic memberships in an account, lapsed ones included. */
      dynamicOf: (accountId: string, iamId: string, executor: Executor = db) =>
        executor.selectFrom('access_group_members').selectAll().where('account_id', '=', accountId).where('iam_id', '=', iamId).where('membership_type', '=', 'dynamic').execute(),
      setDynamicExpiry: (trx: Transaction<DB>, groupId: string, iamId: string, expiresAt: string, by: string) =>
        trx.updateTable('access_group_members').set({ expires_at: expiresAt, created_by_id: by }).where('group_id', '=', groupId).where('iam_id', '=', iamId).where('membership_type', '=', 'dynamic').execute(),
      deleteDynamic: (trx: Transaction<DB>, groupId: string, iamId: string) =>
        trx.deleteFrom('access_group_members').where('group_id', '=', groupId).where('iam_id', '=', iamId).where('membership_type', '=', 'dynamic').execute(),
      /** Removes the dynamic memberships a rule granted (they come back at the next sign-in only if a rule still matches). */
      async deleteDynamicByRule(trx: Transaction<DB>, groupId: string, ruleId: string): Promise<number> {
        const r = await trx.deleteFrom('access_group_members').where('group_id', '=', groupId).where('membership_type', '=', 'dynamic').where('created_by_id', '=', ruleId).executeTakeFirst();
        return Number(r.numDeletedRows);
      },
      deleteForIdentity: (trx: Transaction<DB>, iamId: string) => trx.deleteFrom('access_group_members').where('iam_id', '=', iamId).returning('group_id').execute(),
      /** Every live membership, for building the decision index. */
      all: (nowIso: string) =>
        db.selectFrom('access_group_members').select(['group_id', 'account_id', 'iam_id', 'expires_at']).where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', nowIso)])).execute(),
      ofGroup: (groupId: string, nowIso: string) =>
        db.selectFrom('access_group_members').select(['group_id', 'account_id', 'iam_id', 'expires_at']).where('group_id', '=', groupId)
          .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', nowIso)])).execute(),
    },

    rules: {
      list: (groupId: string) => db.selectFrom('access_group_rules').selectAll().where('group_id', '=', groupId).orderBy('created_at').execute(),
      find: (groupId: string, ruleId: string) => db.selectFrom('access_group_rules').selectAll().where('group_id', '=', groupId).where('id', '=', ruleId).executeTakeFirst(),
      async count(groupId: string, executor: Executor = db): Promise<number> {
        return Number((await executor.selectFrom('access_group_rules').select((eb) => eb.fn.countAll().as('n')).where('group_id', '=', groupId).executeTakeFirstOrThrow()).n);
      },
      insert: (trx: Transaction<DB>, row: Insertable<AccessGroupRulesTable>) => trx.insertInto('access_group_rules').values(row).execute(),
      updateById: (trx: Transaction<DB>, id: string, values: Updateable<AccessGroupRulesTable>) => trx.updateTable('access_group_rules').set(values).where('id', '=', id).execute(),
      deleteById: (trx: Transaction<DB>, id: string) => trx.deleteFrom('access_group_rules').where('id', '=', id).execute(),
      deleteForGroup: (trx: Transaction<DB>, groupId: string) => trx.deleteFrom('access_group_rules').where('group_id', '=', groupId).execute(),
      /** An account's rules in their groups' creation order (oldest group first, then by id), for the per-identity limit to take groups in. */
      forAccount: (accountId: string, executor: Executor = db) =>
        executor.selectFrom('access_group_rules as r').innerJoin('access_groups as g', 'g.id', 'r.group_id').selectAll('r').where('r.account_id', '=', accountId)
          .orderBy('g.created_at').orderBy('g.id').orderBy('r.created_at').orderBy('r.id').execute(),
    },

    settings: {
      find: (accountId: string) => db.selectFrom('access_group_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst(),
      all: () => db.selectFrom('access_group_settings').selectAll().execute(),
      async upsert(trx: Transaction<DB>, row: { account_id: string; public_access_enabled: number; last_modified_at: string; last_modified_by_id: string }) {
        const { account_id: _key, ...values } = row;
        await trx.insertInto('access_group_settings').values(row).onConflict((oc) => oc.column('account_id').doUpdateSet(values)).execute();
      },
    },
  };
}

export type AccessGroupsRepo = ReturnType<typeof createAccessGroupsRepo>;
