import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, ResourceGroupsTable, ResourceInstancesTable } from '#src/db/schema.js';

export type ResourceGroupRow = Selectable<ResourceGroupsTable>;
export type InstanceRow = Selectable<ResourceInstancesTable>;
type Executor = Kysely<DB> | Transaction<DB>;

export interface InstanceListQuery {
  accountId: string;
  guid?: string;
  name?: string;
  resourceGroupId?: string;
  resourcePlanId?: string;
  state: string;
  /** Rows strictly after this (created_at, guid). */
  after?: { createdAt: string; guid: string };
  limit: number;
}

export function createResourcesRepo(db: Kysely<DB>) {
  return {
    groups: {
      findById: (id: string, executor: Executor = db) => executor.selectFrom('resource_groups').selectAll().where('id', '=', id).executeTakeFirst(),
      list: (q: { accountId: string; name?: string; isDefault?: boolean }) => {
        let query = db.selectFrom('resource_groups').selectAll().where('account_id', '=', q.accountId);
        if (q.name !== undefined) query = query.where('name', '=', q.name);
        if (q.isDefault !== undefined) query = query.where('is_default', '=', q.isDefault ? 1 : 0);
        return query.orderBy('created_at').orderBy('id').execute();
      },
      insert: (trx: Transaction<DB>, row: Insertable<ResourceGroupsTable>) => trx.insertInto('resource_groups').values(row).execute(),
      updateById: (trx: Transaction<DB>, id: string, values: Updateable<ResourceGroupsTable>) => trx.updateTable('resource_groups').set(values).where('id', '=', id).execute(),
      deleteById: (trx: Transaction<DB>, id: string) => trx.deleteFrom('resource_groups').where('id', '=', id).execute(),
    },

    instances: {
      findByGuid: (guid: string, executor: Executor = db) => executor.selectFrom('resource_instances').selectAll().where('guid', '=', guid).executeTakeFirst(),
      findByCrn: (crn: string, executor: Executor = db) => executor.selectFrom('resource_instances').selectAll().where('crn', '=', crn).executeTakeFirst(),
      /** One page of an account's instances in (created_at, guid) order. */
      list: (q: InstanceListQuery) => {
        let query = db.selectFrom('resource_instances').selectAll().where('account_id', '=', q.accountId).where('state', '=', q.state);
        if (q.guid !== undefined) query = query.where('guid', '=', q.guid);
        if (q.name !== undefined) query = query.where('name', '=', q.name);
        if (q.resourceGroupId !== undefined) query = query.where('resource_group_id', '=', q.resourceGroupId);
        if (q.resourcePlanId !== undefined) query = query.where('resource_plan_id', '=', q.resourcePlanId);
        const after = q.after;
        if (after) query = query.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('guid', '>', after.guid)])]));
        return query.orderBy('created_at').orderBy('guid').limit(q.limit).execute();
      },
      async countLiveInGroup(groupId: string, executor: Executor = db): Promise<number> {
        const r = await executor.selectFrom('resource_instances').select((eb) => eb.fn.countAll().as('n')).where('resource_group_id', '=', groupId).where('state', '!=', 'removed').executeTakeFirstOrThrow();
        return Number(r.n);
      },
      insert: (trx: Transaction<DB>, row: Insertable<ResourceInstancesTable>) => trx.insertInto('resource_instances').values(row).execute(),
      /** Updates a live instance (and, with `unlockedOnly`, only an unlocked one); false when none matched. */
      async updateLive(trx: Transaction<DB>, guid: string, values: Updateable<ResourceInstancesTable>, unlockedOnly: boolean): Promise<boolean> {
        let query = trx.updateTable('resource_instances').set(values).where('guid', '=', guid).where('state', '!=', 'removed');
        if (unlockedOnly) query = query.where('locked', '=', 0);
        return Number((await query.executeTakeFirst()).numUpdatedRows) > 0;
      },
    },
  };
}

export type ResourcesRepo = ReturnType<typeof createResourcesRepo>;
