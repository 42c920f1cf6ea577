/**
 * Resources (IBM Resource Controller v2 and Resource Manager v2): an account's resource groups and
 * its Qiskit Runtime service instances, and the catalog they are made from.
 *
 * @remarks Instances are authorized as IBM does, on `{serviceName: 'quantum-computing',
 * serviceInstance: <guid>, resourceGroupId: <group>}`: Viewer sees an instance, Editor creates,
 * updates and deletes, locks and unlocks. An instance the caller may not see is answered as not
 * found. Deleting keeps the row with state `removed`.
 */
import crypto from 'node:crypto';
import type { Authorizer, Resource } from '#src/authz/authorizer.js';
import type { Principal } from '#src/authz/principal.js';
import { TOPICS } from '#src/db/change-topics.js';
import { isUniqueViolation } from '#src/db/dialect.js';
import type { Transactor, UnitOfWork } from '#src/db/transactor.js';
import type { ResourceInstancesTable } from '#src/db/schema.js';
import type { Updateable } from 'kysely';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { ids } from '#src/platform/ids.js';
import { decodePageToken, encodePageToken, pageUrl } from '#src/platform/paging.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import { CATALOG, QUANTUM_SERVICE, REGIONS, planOf, type Plan } from './resources.catalog.js';
import { cursorAfter, isInstanceCursor, scanInstances } from './instance-scan.js';
import type { InstanceRow, ResourceGroupRow, ResourcesRepo } from './resources.repo.js';
import type {
  CreateInstanceInput, LastOperationView, ListInstancesQueryInput, PlanHistoryView, ResourceGroupView, ResourceInstanceView, UpdateInstanceInput,
} from './resources.schemas.js';

/** Resource Controller and Resource Manager actions (see the catalog in authz/engine/catalog/services.ts). */
export const RESOURCE_ACTIONS = {
  instanceRetrieve: 'resource-controller.instance.retrieve',
  instanceCreate: 'resource-controller.instance.create',
  instanceUpdate: 'resource-controller.instance.update',
  instanceDelete: 'resource-controller.instance.delete',
  instanceLock: 'resource-controller.instance.lock',
  instanceUnlock: 'resource-controller.instance.unlock',
  groupRetrieve: 'resource-controller.group.retrieve',
  groupCreate: 'resource-controller.group.create',
  groupUpdate: 'resource-controller.group.update',
  groupDelete: 'resource-controller.group.delete',
} as const;

export interface ResourcesServiceDeps {
  repo: ResourcesRepo;
  /** Ends what runs on an instance that is being removed (its queued and running jobs), in the same transaction. */
  onInstanceRemoved?: (uow: UnitOfWork, instanceGuid: string) => Promise<void>;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  publicUrl: string;
  crnName: string;
}

/** What the runtime API needs to know about an instance named by a `Service-CRN` header. */
export interface InstanceRecord {
  readonly guid: string;
  readonly crn: string;
  readonly account_id: string;
  readonly name: string;
  readonly region_id: string;
  readonly resource_group_id: string;
  readonly resource_plan_id: string;
  readonly state: string;
  readonly locked: boolean;
}

const INSTANCE_NAME = /^[A-Za-z0-9 ._:-]{1,180}$/;
const GROUP_NAME = /^[A-Za-z0-9 _-]{1,40}$/;
const DEFAULT_PAGE = 100;


export function createResourcesService(deps: ResourcesServiceDeps) {
  const now = () => deps.clock.now().toISOString();
  const actorOf = (ctx: RequestContext) => ctx.principal?.iamId ?? '';
  const principalOf = (ctx: RequestContext): Principal => {
    if (!ctx.principal) throw appError('missing_token', 'authentication required: send Authorization: Bearer <access token>');
    return ctx.principal;
  };
  const sameAccount = (ctx: RequestContext, accountId: string | undefined): string => {
    const principal = principalOf(ctx);
    if (accountId !== undefined && accountId !== principal.accountId) throw appError('account_mismatch', `'account_id' must be your account (${principal.accountId})`);
    return principal.accountId;
  };

  // --- resource groups ---

  const groupCrn = (accountId: string, id: string) => `crn:v1:${deps.crnName}:public:resource-controller::a/${accountId}::resource-group:${id}`;
  const groupView = (row: ResourceGroupRow): ResourceGroupView => ({
    id: row.id, crn: groupCrn(row.account_id, row.id), account_id: row.account_id, name: row.name, state: row.state, default: row.is_default === 1,
    resource_linkages: [], created_at: row.created_at, updated_at: row.updated_at,
  });
  const groupResource = (accountId: string, id?: string): Resource => ({
    accountId, type: 'resource group', ...(id ? { id } : {}),
    attributes: { serviceName: 'resource-controller', resourceType: 'resource-group', ...(id ? { resource: id } : {}) },
  });
  const checkGroupName = (name: string) =>
    assertThat(GROUP_NAME.test(name), () => appError('invalid_body', "field 'name' must be 1 to 40 characters: letters, digits, spaces, - and _"));

  const loadGroup = async (ctx: RequestContext, id: string, action: string): Promise<ResourceGroupRow> => {
    const row = await deps.repo.groups.findById(id);
    if (!row) throw appError('resource_group_not_found', `resource group ${id} not found`);
    deps.authorizer.require(ctx, action, groupResource(row.account_id, row.id));
    return row;
  };

  // --- instances ---

  const instanceCrn = (region: string, accountId: string, guid: string) => `crn:v1:${deps.crnName}:public:${QUANTUM_SERVICE}:${region}:a/${accountId}:${guid}::`;
  const instanceResource = (row: { account_id: string; guid: string; resource_group_id: string }): Resource => ({
    accountId: row.account_id, type: 'resource instance', id: row.guid,
    attributes: { serviceName: QUANTUM_SERVICE, serviceInstance: row.guid, resourceGroupId: row.resource_group_id },
  });
  const operation = (type: string, at: string): LastOperationView => ({
    type, state: 'succeeded', async: false, description: `${type} succeeded`, cancelable: false, poll: false, updated_at: at,
  });

  const instanceView = (row: InstanceRow): ResourceInstanceView => ({
    id: row.crn, guid: row.guid, url: `/v2/resource_instances/${row.guid}`, crn: row.crn, name: row.name, account_id: row.account_id,
    region_id: row.region_id, resource_id: row.service_id, resource_plan_id: row.resource_plan_id, resource_group_id: row.resource_group_id,
    resource_group_crn: groupCrn(row.account_id, row.resource_group_id),
    target_crn: `crn:v1:${deps.crnName}:public:globalcatalog::::deployment:${row.resource_plan_id}%3A${row.region_id}`,
    reseller_channel_id: '', type: 'service_instance', state: row.state, locked: row.locked === 1, allow_cleanup: row.allow_cleanup === 1,
    onetime_credentials: false, migrated: false, controlled_by: '',
    parameters: JSON.parse(row.parameters) as Record<string, unknown>, tags: JSON.parse(row.tags) as string[],
    last_operation: JSON.parse(row.last_operation) as LastOperationView, plan_history: JSON.parse(row.plan_history) as PlanHistoryView[],
    created_at: row.created_at, created_by: row.created_by, updated_at: row.updated_at, updated_by: row.updated_by,
    deleted_at: row.deleted_at, deleted_by: row.deleted_by ?? '', scheduled_reclaim_at: null, scheduled_reclaim_by: '', restored_at: null, restored_by: '',
  });

  const findRow = (idOrCrn: string) => (idOrCrn.startsWith('crn:') ? deps.repo.instances.findByCrn(idOrCrn) : deps.repo.instances.findByGuid(idOrCrn));

  /**
   * Loads an instance for `action`: one the caller may not see is not found (whatever the account);
   * one they may see but not act on is 403.
   */
  const loadInstance = async (ctx: RequestContext, id: string, action: string): Promise<InstanceRow> => {
    const principal = principalOf(ctx);
    const row = await findRow(id);
    const visible = row !== undefined && deps.authorizer.decide(principal, RESOURCE_ACTIONS.instanceRetrieve, instanceResource(row)).permitted;
    if (!row || !visible) throw appError('resource_instance_not_found', `resource instance ${id} not found`, row ? { action } : undefined);
    if (action !== RESOURCE_ACTIONS.instanceRetrieve) deps.authorizer.require(ctx, action, instanceResource(row));
    return row;
  };
  const notRemoved = (row: InstanceRow) =>
    assertThat(row.state !== 'removed', () => appError('resource_instance_gone', `resource instance ${row.guid} has been deleted`));
  const notLocked = (row: InstanceRow, what: string) =>
    assertThat(row.locked !== 1, () => appError('resource_instance_locked', `resource instance ${row.guid} is locked; unlock it (DELETE /v2/resource_instances/${row.guid}/lock) before you ${what} it`));

  /** Applies a change to a live (and, unless locking, unlocked) instance, or explains why it cannot, as of the transaction. */
  const applyChange = async (uow: UnitOfWork, row: InstanceRow, values: Updateable<ResourceInstancesTable>, unlockedOnly: boolean, what: string) => {
    if (await deps.repo.instances.updateLive(uow.trx, row.guid, values, unlockedOnly)) return;
    const current = await deps.repo.instances.findByGuid(row.guid, uow.trx);
    if (current) {
      notRemoved(current);
      notLocked(current, what);
    }
    throw appError('resource_instance_gone', `resource instance ${row.guid} has been deleted`);
  };

  const validPlan = (planId: string, field: string): Plan => {
    const plan = planOf(planId);
    if (!plan) throw appError('invalid_body', `field '${field}' must be a plan of ${QUANTUM_SERVICE}: one of ${CATALOG[0]!.plans.map((p) => p.id).join(', ')}`);
    return plan;
  };
  const validName = (name: string) =>
    assertThat(INSTANCE_NAME.test(name) && name.trim() !== '', () => appError('invalid_body', "field 'name' must be 1 to 180 characters: letters, digits, spaces and - . _ :"));

  return {
    // --- catalog ---

    listCatalog(ctx: RequestContext, accountId: string | undefined) {
      sameAccount(ctx, accountId);
      return { resources: CATALOG.map((s) => ({ ...s, regions: [...s.regions], plans: s.plans.map((p) => ({ ...p, regions: [...p.regions], limits: { ...p.limits, backends: [...p.limits.backends] } })) })) };
    },

    getPlan(ctx: RequestContext, accountId: string | undefined, service: string, planId: string) {
      sameAccount(ctx, accountId);
      const plan = CATALOG.find((s) => s.name === service || s.id === service)?.plans.find((p) => p.id === planId);
      if (!plan) throw appError('catalog_entry_not_found', `the catalog has no plan '${planId}' of service '${service}'; see GET /v1/catalog/services`);
      return { ...plan, regions: [...plan.regions], limits: { ...plan.limits, backends: [...plan.limits.backends] } };
    },

    // --- resource groups ---

    async listGroups(ctx: RequestContext, q: { account_id?: string; name?: string; default?: boolean }) {
      const accountId = sameAccount(ctx, q.account_id);
      const principal = principalOf(ctx);
      const rows = await deps.repo.groups.list({ accountId, ...(q.name !== undefined ? { name: q.name } : {}), ...(q.default !== undefined ? { isDefault: q.default } : {}) });
      return { resources: rows.filter((r) => deps.authorizer.decide(principal, RESOURCE_ACTIONS.groupRetrieve, groupResource(r.account_id, r.id)).permitted).map(groupView) };
    },

    async getGroup(ctx: RequestContext, id: string) {
      return groupView(await loadGroup(ctx, id, RESOURCE_ACTIONS.groupRetrieve));
    },

    async createGroup(ctx: RequestContext, body: { name: string; account_id?: string }) {
      const accountId = sameAccount(ctx, body.account_id);
      deps.authorizer.require(ctx, RESOURCE_ACTIONS.groupCreate, groupResource(accountId));
      checkGroupName(body.name);
      return deps.transact(async (uow) => {
        const at = now();
        const row: ResourceGroupRow = { id: ids.resourceGroup(), account_id: accountId, name: body.name, state: 'ACTIVE', is_default: 0, created_at: at, updated_at: at };
        try {
          await deps.repo.groups.insert(uow.trx, row);
        } catch (err) {
          if (isUniqueViolation(err)) throw appError('resource_group_name_conflict', `a resource group named '${body.name}' already exists in this account`);
          throw err;
        }
        await deps.audit.record(uow.trx, ctx, { action: RESOURCE_ACTIONS.groupCreate, target: { type: 'resource_group', id: row.id }, outcome: 'success', status: 201, details: { name: row.name } });
        return { id: row.id, crn: groupCrn(accountId, row.id) };
      });
    },

    async updateGroup(ctx: RequestContext, id: string, body: { name?: string; state?: string }) {
      const row = await loadGroup(ctx, id, RESOURCE_ACTIONS.groupUpdate);
      if (body.name !== undefined) checkGroupName(body.name);
      return deps.transact(async (uow) => {
        const values = { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.state !== undefined ? { state: body.state } : {}), updated_at: now() };
        try {
          await deps.repo.groups.updateById(uow.trx, id, values);
        } catch (err) {
          if (isUniqueViolation(err)) throw appError('resource_group_name_conflict', `a resource group named '${body.name}' already exists in this account`);
          throw err;
        }
        await deps.audit.record(uow.trx, ctx, { action: RESOURCE_ACTIONS.groupUpdate, target: { type: 'resource_group', id }, outcome: 'success', status: 200, details: { fields: Object.keys(body) } });
        return groupView({ ...row, ...values });
      });
    },

    async removeGroup(ctx: RequestContext, id: string): Promise<void> {
      const row = await loadGroup(ctx, id, RESOURCE_ACTIONS.groupDelete);
      assertThat(row.is_default !== 1, () => appError('resource_group_is_default', `resource group ${id} is the account's default group and cannot be deleted`));
      await deps.transact(async (uow) => {
        const live = await deps.repo.instances.countLiveInGroup(id, uow.trx);
        assertThat(live === 0, () => appError('resource_group_not_empty', `resource group ${id} still has ${live} service instances; delete them first`));
        await deps.repo.groups.deleteById(uow.trx, id);
        await deps.audit.record(uow.trx, ctx, { action: RESOURCE_ACTIONS.groupDelete, target: { type: 'resource_group', id }, outcome: 'success', status: 204, details: { name: row.name } });
      });
    },

    // --- instances ---

    async createInstance(ctx: RequestContext, body: CreateInstanceInput) {
      const principal = principalOf(ctx);
      validName(body.name);
      const plan = validPlan(body.resource_plan_id, 'resource_plan_id');
      const region = body.target;
      assertThat((REGIONS as readonly string[]).includes(region), () => appError('invalid_body', `field 'target' must be a region: one of ${REGIONS.join(', ')}`));
      assertThat(plan.regions.includes(region), () => appError('invalid_body', `field 'target': plan '${plan.id}' is offered only in ${plan.regions.join(', ')}`));
      const group = await deps.repo.groups.findById(body.resource_group);
      assertThat(group && group.account_id === principal.accountId, () => appError('invalid_body', `field 'resource_group': ${body.resource_group} is not a resource group of your account`));
      assertThat(group.state === 'ACTIVE', () => appError('invalid_body', `field 'resource_group': resource group ${group.id} is ${group.state}, not ACTIVE`));
      deps.authorizer.require(ctx, RESOURCE_ACTIONS.instanceCreate, {
        accountId: group.account_id, type: 'resource instance', attributes: { serviceName: QUANTUM_SERVICE, resourceGroupId: group.id },
      });
      return deps.transact(async (uow) => {
        const current = await deps.repo.groups.findById(group.id, uow.trx);
        assertThat(current?.state === 'ACTIVE', () => appError('invalid_body', `field 'resource_group': resource group ${group.id} is no longer ACTIVE`));
        const at = now();
        const guid = crypto.randomUUID();
        const row: InstanceRow = {
          guid, crn: instanceCrn(region, group.account_id, guid), account_id: group.account_id, name: body.name, service_id: QUANTUM_SERVICE, region_id: region,
          resource_group_id: group.id, resource_plan_id: plan.id, tags: JSON.stringify(body.tags ?? []), parameters: JSON.stringify(body.parameters ?? {}),
          allow_cleanup: body.allow_cleanup ? 1 : 0, state: 'active', locked: 0, last_operation: JSON.stringify(operation('create', at)),
          plan_history: JSON.stringify([{ resource_plan_id: plan.id, start_date: at, requestor_id: principal.iamId }]),
          created_at: at, created_by: principal.iamId, updated_at: at, updated_by: principal.iamId, deleted_at: null, deleted_by: null,
        };
        await deps.repo.instances.insert(uow.trx, row);
        uow.changed(TOPICS.resourceInstance, guid);
        await deps.audit.record(uow.trx, ctx, { action: RESOURCE_ACTIONS.instanceCreate, target: { type: 'resource_instance', id: guid }, outcome: 'success', status: 201, details: { name: row.name, plan: plan.id, region, resource_group: group.id } });
        return instanceView(row);
      });
    },

    /** Instances of the caller's account they may see, in creation order, a page at a time. */
    async listInstances(ctx: RequestContext, q: ListInstancesQueryInput) {
      const principal = principalOf(ctx);
      const accountId = sameAccount(ctx, q.account_id);
      const limit = q.limit ?? DEFAULT_PAGE;
      const start = q.start ? decodePageToken(q.start, 'start', isInstanceCursor) : undefined;
      const empty = { rows_count: 0, next_url: null, resources: [] };
      if ((q.resource_id !== undefined && q.resource_id !== QUANTUM_SERVICE) || (q.type !== undefined && q.type !== 'service_instance') || q.sub_type !== undefined) return empty;
      const filter = {
        accountId, state: q.state ?? 'active',
        ...(q.guid !== undefined ? { guid: q.guid } : {}), ...(q.name !== undefined ? { name: q.name } : {}),
        ...(q.resource_group_id !== undefined ? { resourceGroupId: q.resource_group_id } : {}), ...(q.resource_plan_id !== undefined ? { resourcePlanId: q.resource_plan_id } : {}),
      };
      const from = q.updated_from, to = q.updated_to;
      const inWindow = (row: InstanceRow) => !(from && row.updated_at < from) && !(to && row.updated_at > to);
      const { picked, more } = await scanInstances(deps.repo, filter, start, limit, (row) =>
        inWindow(row) && deps.authorizer.decide(principal, RESOURCE_ACTIONS.instanceRetrieve, instanceResource(row)).permitted);
      const lastPicked = picked[picked.length - 1];
      const next = more && lastPicked ? pageUrl('', '/v2/resource_instances', q, { start: encodePageToken(cursorAfter(lastPicked)), limit }) : null;
      return { rows_count: picked.length, next_url: next, resources: picked.map(instanceView) };
    },

    async getInstance(ctx: RequestContext, id: string) {
      return instanceView(await loadInstance(ctx, id, RESOURCE_ACTIONS.instanceRetrieve));
    },

    async updateInstance(ctx: RequestContext, id: string, body: UpdateInstanceInput) {
      const row = await loadInstance(ctx, id, RESOURCE_ACTIONS.instanceUpdate);
      notRemoved(row);
      notLocked(row, 'update');
      if (body.name !== undefined) validName(body.name);
      const plan = body.resource_plan_id !== undefined ? validPlan(body.resource_plan_id, 'resource_plan_id') : undefined;
      assertThat(!plan || plan.regions.includes(row.region_id), () => appError('invalid_body', `field 'resource_plan_id': plan '${plan!.id}' is not offered in ${row.region_id}`));
      return deps.transact(async (uow) => {
        const at = now();
        const actor = actorOf(ctx);
        const history = JSON.parse(row.plan_history) as PlanHistoryView[];
        const values = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.parameters !== undefined ? { parameters: JSON.stringify(body.parameters) } : {}),
          ...(body.allow_cleanup !== undefined ? { allow_cleanup: body.allow_cleanup ? 1 : 0 } : {}),
          ...(plan && plan.id !== row.resource_plan_id ? { resource_plan_id: plan.id, plan_history: JSON.stringify([...history, { resource_plan_id: plan.id, start_date: at, requestor_id: actor }]) } : {}),
          last_operation: JSON.stringify(operation('update', at)), updated_at: at, updated_by: actor,
        };
        await applyChange(uow, row, values, true, 'update');
        uow.changed(TOPICS.resourceInstance, row.guid);
        await deps.audit.record(uow.trx, ctx, { action: RESOURCE_ACTIONS.instanceUpdate, target: { type: 'resource_instance', id: row.guid }, outcome: 'success', status: 200, details: { fields: Object.keys(body) } });
        return instanceView({ ...row, ...values });
      });
    },

    async removeInstance(ctx: RequestContext, id: string, recursive: boolean): Promise<void> {
      const row = await loadInstance(ctx, id, RESOURCE_ACTIONS.instanceDelete);
      notRemoved(row);
      notLocked(row, 'delete');
      await deps.transact(async (uow) => {
        const at = now();
        const actor = actorOf(ctx);
        await applyChange(uow, row, { state: 'removed', last_operation: JSON.stringify(operation('delete', at)), updated_at: at, updated_by: actor, deleted_at: at, deleted_by: actor }, true, 'delete');
        uow.changed(TOPICS.resourceInstance, row.guid);
        await deps.onInstanceRemoved?.(uow, row.guid);
        await deps.audit.record(uow.trx, ctx, { action: RESOURCE_ACTIONS.instanceDelete, target: { type: 'resource_instance', id: row.guid }, outcome: 'success', status: 204, details: { name: row.name, recursive } });
      });
    },

    async setLocked(ctx: RequestContext, id: string, locked: boolean) {
      const action = locked ? RESOURCE_ACTIONS.instanceLock : RESOURCE_ACTIONS.instanceUnlock;
      const row = await loadInstance(ctx, id, action);
      notRemoved(row);
      return deps.transact(async (uow) => {
        const at = now();
        const values = { locked: locked ? 1 : 0, last_operation: JSON.stringify(operation(locked ? 'lock' : 'unlock', at)), updated_at: at, updated_by: actorOf(ctx) };
        await applyChange(uow, row, values, false, locked ? 'lock' : 'unlock');
        uow.changed(TOPICS.resourceInstance, row.guid);
        await deps.audit.record(uow.trx, ctx, { action, target: { type: 'resource_instance', id: row.guid }, outcome: 'success', status: 200 });
        return instanceView({ ...row, ...values });
      });
    },

    /**
     * The instance a GUID or CRN names, whatever its state, without authorization: for the runtime
     * API, which authorizes each call itself (`quantum-computing.*` on the instance).
     */
    async findInstanceByCrnOrGuid(idOrCrn: string): Promise<InstanceRecord | undefined> {
      const row = await findRow(idOrCrn);
      if (!row) return undefined;
      return {
        guid: row.guid, crn: row.crn, account_id: row.account_id, name: row.name, region_id: row.region_id, resource_group_id: row.resource_group_id,
        resource_plan_id: row.resource_plan_id, state: row.state, locked: row.locked === 1,
      };
    },

    /** A plan's definition and limits, or undefined for an unknown plan id. */
    planOf,
  };
}

export type ResourcesService = ReturnType<typeof createResourcesService>;
