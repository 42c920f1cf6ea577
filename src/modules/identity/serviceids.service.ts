/**
 * Service IDs (IAM Identity v1): identities for programs, with API keys of their own.
 */
import { ACTIONS, type Action } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import type { Transactor, UnitOfWork } from '#src/db/transactor.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import { identityTime, type Clock } from '#src/platform/clock.js';
import { entityTag, ifMatchSatisfied } from '#src/platform/etag.js';
import { ids, serviceIdIamId } from '#src/platform/ids.js';
import { decodePageToken, encodePageToken, isOffsetCursor, pageUrl } from '#src/platform/paging.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import { TOPICS } from '#src/db/change-topics.js';
import type { ApiKeysRepo } from './apikeys.repo.js';
import type { ApiKeysService } from './apikeys.service.js';
import type { ServiceIdView } from './identity.schemas.js';
import type { ServiceIdRow, ServiceIdsRepo } from './serviceids.repo.js';

export interface ServiceIdsServiceDeps {
  /** Removes what an identity was granted (memberships, policies) when it goes. */
  forget: (uow: UnitOfWork, iamId: string) => Promise<void>;
  repo: ServiceIdsRepo;
  apiKeysRepo: ApiKeysRepo;
  apiKeys: ApiKeysService;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  crnName: string;
  publicUrl: string;
  maxPerAccount: number;
  /** The account's `restrict_create_service_id` (identity settings); restricted when not given. */
  serviceIdCreationRestricted?: (accountId: string) => Promise<boolean>;
}

export function createServiceIdsService(deps: ServiceIdsServiceDeps) {
  const view = (row: ServiceIdRow): ServiceIdView => ({
    id: row.id,
    iam_id: row.iam_id,
    entity_tag: entityTag(row.id, row.version),
    crn: `crn:v1:${deps.crnName}:public:iam-identity::a/${row.account_id}::serviceid:${row.id}`,
    locked: row.locked === 1,
    created_at: identityTime(row.created_at) ?? '',
    modified_at: identityTime(row.modified_at) ?? '',
    account_id: row.account_id,
    ...(row.group_id ? { group_id: row.group_id } : {}),
    name: row.name,
    description: row.description,
    unique_instance_crns: JSON.parse(row.unique_instance_crns) as string[],
  });

  const load = async (ctx: RequestContext, id: string, action: Action): Promise<ServiceIdRow> => {
    const row = await deps.repo.findById(id);
    if (!row) throw appError('serviceid_not_found', `service ID ${id} not found`);
    deps.authorizer.require(ctx, action, { accountId: row.account_id, type: 'service ID', id });
    return row;
  };

  return {
    async create(ctx: RequestContext, body: { account_id: string; name: string; description?: string; group_id?: string; unique_instance_crns?: string[]; apikey?: { name: string; description?: string; apikey?: string; store_value?: boolean; action_when_leaked?: string; expires_at?: string } }, locked: boolean): Promise<ServiceIdView> {
      // An account that leaves creation open (NOT_RESTRICTED) lets each of its users create service IDs as their own;
      // otherwise (RESTRICTED, and qgate's default NOT_SET) only a policy granting the action does, or the owner.
      const caller = ctx.principal;
      const open = caller?.kind === 'user' && caller.accountId === body.account_id && deps.serviceIdCreationRestricted !== undefined && !(await deps.serviceIdCreationRestricted(body.account_id));
      deps.authorizer.require(ctx, ACTIONS.serviceIdCreate, { accountId: body.account_id, type: 'service ID', ...(open ? { ownerIamId: caller.iamId } : {}) });
      return deps.transact(async (uow) => {
        await uow.serialize(`serviceids-in:${body.account_id}`);
        const count = await deps.repo.countInAccount(body.account_id, uow.trx);
        assertThat(count < deps.maxPerAccount, () => appError('serviceid_limit_reached', `the account already has ${count} service IDs, the most allowed (${deps.maxPerAccount})`));
        const now = deps.clock.now().toISOString();
        const id = ids.serviceId();
        const row: ServiceIdRow = {
          id, iam_id: serviceIdIamId(id), account_id: body.account_id, name: body.name, description: body.description ?? '', group_id: body.group_id ?? null,
          unique_instance_crns: JSON.stringify(body.unique_instance_crns ?? []), locked: locked ? 1 : 0, version: 1, created_at: now,
          created_by: ctx.principal?.iamId ?? '', modified_at: now,
        };
        await deps.repo.insert(uow.trx, row);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.serviceIdCreate, target: { type: 'serviceid', id }, outcome: 'success', status: 201, details: { name: row.name } });
        const result = view(row);
        if (body.apikey) {
          const key = await deps.apiKeys.insertKey(uow, ctx, body.account_id, { ...body.apikey, iam_id: row.iam_id });
          result.apikey = deps.apiKeys.view(key.row, key.value);
        }
        return result;
      });
    },

    async list(ctx: RequestContext, query: { account_id?: string; name?: string; group_id?: string; pagesize?: number; pagetoken?: string; sort?: 'name' | 'description' | 'created_at' | 'modified_at'; order?: 'asc' | 'desc'; include_history?: boolean }) {
      const accountId = query.account_id ?? ctx.principal?.accountId ?? '';
      deps.authorizer.require(ctx, ACTIONS.serviceIdList, { accountId, type: 'service IDs' });
      const limit = query.pagesize ?? 20;
      const offset = query.pagetoken ? decodePageToken(query.pagetoken, 'pagetoken', isOffsetCursor).o : 0;
      const rows = await deps.repo.list({ accountId, name: query.name, groupId: query.group_id, sort: query.sort ?? 'created_at', order: query.order ?? 'asc', offset, limit: limit + 1 });
      const page = await Promise.all(rows.slice(0, limit).map(async (r) => {
        const v = view(r);
        if (query.include_history) v.history = await deps.audit.history(r.account_id, r.id);
        return v;
      }));
      const base = { ...query, pagetoken: undefined };
      const url = (o: number) => pageUrl(deps.publicUrl, '/v1/serviceids/', base, { pagetoken: o > 0 ? encodePageToken({ o }) : undefined });
      return { offset, limit, first: url(0), ...(offset > 0 ? { previous: url(Math.max(0, offset - limit)) } : {}), ...(rows.length > limit ? { next: url(offset + limit) } : {}), serviceids: page };
    },

    async get(ctx: RequestContext, id: string, include: { include_history?: boolean; include_activity?: boolean }) {
      const row = await load(ctx, id, ACTIONS.serviceIdRead);
      const v = view(row);
      if (include.include_history) v.history = await deps.audit.history(row.account_id, row.id);
      return v;
    },

    async update(ctx: RequestContext, id: string, ifMatch: string | undefined, body: { name?: string; description?: string; unique_instance_crns?: string[] }) {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the service ID's entity_tag, or * to overwrite"));
      const row = await load(ctx, id, ACTIONS.serviceIdUpdate);
      assertThat(row.locked === 0, () => appError('entity_locked', `service ID ${id} is locked; unlock it first`));
      assertThat(ifMatchSatisfied(ifMatch, entityTag(row.id, row.version)), () => appError('entity_tag_mismatch', `If-Match does not match the current entity_tag of service ID ${id}; read it again and retry`));
      return deps.transact(async (uow) => {
        const values = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.unique_instance_crns !== undefined ? { unique_instance_crns: JSON.stringify(body.unique_instance_crns) } : {}),
        };
        await deps.repo.updateById(uow.trx, id, { ...values, version: row.version + 1, modified_at: deps.clock.now().toISOString() });
        uow.changed(TOPICS.serviceId, row.iam_id);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.serviceIdUpdate, target: { type: 'serviceid', id }, outcome: 'success', status: 200, details: { fields: Object.keys(values) } });
        return view((await deps.repo.findById(id, uow.trx))!);
      });
    },

    /** Deletes a service ID and its API keys; tokens of either stop working at once. */
    async remove(ctx: RequestContext, id: string): Promise<void> {
      const row = await load(ctx, id, ACTIONS.serviceIdDelete);
      assertThat(row.locked === 0, () => appError('entity_locked', `service ID ${id} is locked; unlock it first`));
      await deps.transact(async (uow) => {
        for (const key of await deps.apiKeysRepo.idsForIdentity(row.iam_id, uow.trx)) uow.changed(TOPICS.apiKey, key.id);
        await deps.apiKeysRepo.deleteForIdentity(uow.trx, row.iam_id);
        await deps.forget(uow, row.iam_id);
        await deps.repo.deleteById(uow.trx, id);
        uow.changed(TOPICS.serviceId, row.iam_id);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.serviceIdDelete, target: { type: 'serviceid', id }, outcome: 'success', status: 204, details: { name: row.name } });
      });
    },

    async setLocked(ctx: RequestContext, id: string, locked: boolean): Promise<void> {
      const row = await load(ctx, id, ACTIONS.serviceIdLock);
      await deps.transact(async (uow) => {
        await deps.repo.updateById(uow.trx, id, { locked: locked ? 1 : 0, version: row.version + 1, modified_at: deps.clock.now().toISOString() });
        uow.changed(TOPICS.serviceId, row.iam_id);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.serviceIdLock, target: { type: 'serviceid', id }, outcome: 'success', status: 204, details: { locked } });
      });
    },
  };
}

export type ServiceIdsService = ReturnType<typeof createServiceIdsService>;
