/**
 * Access policies (IBM Policy Management v1 and v2): who (a person, service ID or access group) has
 * which roles on which resources, optionally only at certain times. Creating, replacing or deleting a
 * policy needs `iam.policy.*` (the Administrator role) on every resource the policy targets.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { ACTIONS } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import { normalizeRoleCrn, parsePolicy, parseRoleCrn, policyTargetResources, validatePolicy, type PolicySpec, type ResourceRef } from '#src/authz/engine/index.js';
import { ROLE_DESCRIPTIONS, type SystemRoleName } from '#src/authz/engine/catalog/roles.js';
import { TOPICS } from '#src/db/change-topics.js';
import type { DB } from '#src/db/schema.js';
import type { Transactor, UnitOfWork } from '#src/db/transactor.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Principal } from '#src/authz/principal.js';
import type { Clock } from '#src/platform/clock.js';
import { entityTag, ifMatchSatisfied } from '#src/platform/etag.js';
import { decodePageToken, encodePageToken, pageUrl } from '#src/platform/paging.js';
import type { AccessGroupsRepo } from '#src/modules/access-groups/access-groups.repo.js';
import { PUBLIC_ACCESS_GROUP } from '#src/modules/access-groups/access-groups.service.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { ServiceIdsRepo } from '#src/modules/identity/serviceids.repo.js';
import type { UsersRepo } from '#src/modules/users/users.repo.js';
import type { PoliciesRepo, PolicyRow } from './policies.repo.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type Version = 'v1' | 'v2';

export interface PoliciesServiceDeps {
  repo: PoliciesRepo;
  groups: AccessGroupsRepo;
  users: UsersRepo;
  serviceIds: ServiceIdsRepo;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  publicUrl: string;
  maxPerAccount: number;
}

/** v1 JSON → v2 JSON, so that the v2 API lists every policy in one shape. */
function toV2(body: Record<string, any>): Record<string, unknown> {
  const subject = body.subjects?.[0]?.attributes?.[0];
  return {
    subject: { attributes: subject ? [{ key: subject.name, operator: 'stringEquals', value: subject.value }] : [] },
    control: { grant: { roles: (body.roles ?? []).map((r: { role_id: string }) => ({ role_id: r.role_id })) } },
    resource: { attributes: (body.resources?.[0]?.attributes ?? []).map((a: { name: string; value: string; operator?: string }) => ({ key: a.name, operator: a.operator ?? 'stringEquals', value: a.value })) },
  };
}

export function createPoliciesService(deps: PoliciesServiceDeps) {
  const now = () => deps.clock.now().toISOString();

  const roleView = async (roleId: string) => {
    const parsed = parseRoleCrn(roleId);
    if (parsed?.kind === 'custom') {
      const custom = await deps.repo.roles.findByCrn(normalizeRoleCrn(roleId) ?? roleId);
      return { role_id: roleId, display_name: custom?.display_name ?? parsed.name, description: custom?.description ?? '' };
    }
    const name = (parsed?.name ?? roleId.split(':').pop() ?? '') as SystemRoleName;
    return { role_id: roleId, display_name: name, description: ROLE_DESCRIPTIONS[name] ?? '' };
  };

  const view = async (row: PolicyRow, version: Version) => {
    const body = JSON.parse(row.body) as Record<string, any>;
    const meta = {
      id: row.id, type: row.type, description: row.description, href: `${deps.publicUrl}/${row.api_version}/policies/${row.id}`,
      created_at: row.created_at, created_by_id: row.created_by_id, last_modified_at: row.last_modified_at, last_modified_by_id: row.last_modified_by_id, state: row.state,
    };
    if (version === 'v1' && row.api_version === 'v2') {
      // IBM's v1 listing shows a v2 policy as a placeholder pointing at its v2 URL.
      const attrs = (body.subject?.attributes ?? []) as { key: string; value: string }[];
      return {
        ...meta,
        description: 'This is a unsupported policy version placeholder; read the policy at its href with the v2 API.',
        subjects: [{ attributes: attrs.map((a) => ({ name: a.key, value: a.value })) }],
        roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:UnsupportedVersion', display_name: 'UnsupportedVersion', description: '' }],
        resources: [{ attributes: ((body.resource?.attributes ?? []) as { key: string; value: unknown; operator: string }[]).map((a) => ({ name: a.key, value: a.value, operator: a.operator })) }],
      };
    }
    if (version === 'v1') {
      return { ...meta, subjects: body.subjects, roles: await Promise.all((body.roles as { role_id: string }[]).map((r) => roleView(r.role_id))), resources: body.resources };
    }
    const v2 = row.api_version === 'v2' ? body : { ...toV2(body) };
    return { ...meta, subject: v2.subject, control: v2.control, resource: v2.resource, ...(v2.pattern ? { pattern: v2.pattern } : {}), ...(v2.rule ? { rule: v2.rule } : {}) };
  };

  /** Checks a body in depth; custom roles are looked up in the account first (the validator is synchronous). */
  const validate = async (accountId: string, body: unknown, version: Version): Promise<PolicySpec> => {
    const customs = new Map((await deps.repo.roles.list(accountId)).map((r) => [r.crn, { accountId: r.account_id, serviceName: r.service_name }]));
    const result = validatePolicy(body, { accountId, customRole: (crn) => customs.get(crn) }, version);
    if (!result.ok) throw appError('invalid_body', result.errors.map((e) => e.message).join('; '), { fields: result.errors.map((e) => e.field) });
    return result.value;
  };

  const assertSubjectExists = async (accountId: string, spec: PolicySpec, executor?: Executor) => {
    const { kind, value } = spec.subject;
    let ok: boolean;
    if (kind === 'access_group_id') ok = value === PUBLIC_ACCESS_GROUP || (await deps.groups.findById(value, executor))?.account_id === accountId;
    else if (value.startsWith('iam-ServiceId-')) ok = (await deps.serviceIds.findByIamId(value, executor))?.account_id === accountId;
    else ok = (await deps.users.findByIamId(value, executor))?.account_id === accountId;
    assertThat(ok, () => appError('invalid_body', `subject: ${kind} ${value} is not ${kind === 'access_group_id' ? 'an access group' : 'a user or service ID'} of account ${accountId}`));
  };

  const targets = (spec: PolicySpec): ResourceRef[] => policyTargetResources(spec);

  /** Requires `action` (iam.policy.*) on every resource the policy targets. */
  const requireOnTargets = (ctx: RequestContext, action: string, spec: PolicySpec) => {
    for (const r of targets(spec)) {
      const { accountId, ...attributes } = r;
      deps.authorizer.require(ctx, action, { accountId, type: 'policy target', attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as Record<string, string> });
    }
  };

  /** The normalised form of a stored policy (stored policies were validated when written). */
  const specOf = (row: PolicyRow): PolicySpec | undefined => {
    const parsed = parsePolicy({ ...(JSON.parse(row.body) as object), id: row.id });
    return parsed.ok ? parsed.value : undefined;
  };

  /** Whether the caller may see a stored policy: its subject is them, or they may read policies on its targets. */
  const visible = (principal: Principal, row: PolicyRow): boolean => {
    if (principal.accountId !== row.account_id) return false;
    if (principal.isOwner || (row.subject_key === 'iam_id' && row.subject_value === principal.iamId)) return true;
    // Viewer on IAM Access Management reads every policy of the account.
    if (deps.authorizer.decide(principal, ACTIONS.policyRead, { accountId: row.account_id, type: 'policy', attributes: { serviceName: 'iam-access-management' } }).permitted) return true;
    const spec = specOf(row);
    if (!spec) return false;
    return targets(spec).every((r) => {
      const { accountId, ...attributes } = r;
      return deps.authorizer.decide(principal, ACTIONS.policyRead, { accountId, type: 'policy', attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as Record<string, string> }).permitted;
    });
  };

  const load = async (ctx: RequestContext, id: string, action: string): Promise<PolicyRow> => {
    const row = await deps.repo.findById(id);
    const principal = ctx.principal;
    // Another account's policy: the decision point refuses it as not found (and records the attempt).
    if (row && principal && row.account_id !== principal.accountId) deps.authorizer.require(ctx, action, { accountId: row.account_id, type: 'policy', id });
    if (!row || !principal || !visible(principal, row)) throw appError('policy_not_found', `policy ${id} not found`);
    return row;
  };

  const subjectOf = (spec: PolicySpec) => ({ subject_key: spec.subject.kind, subject_value: spec.subject.value });

  const storedBody = (body: Record<string, unknown>, version: Version) => {
    const { description: _d, ...rest } = body;
    void _d;
    return JSON.stringify(version === 'v1' ? { type: rest.type, subjects: rest.subjects, roles: rest.roles, resources: rest.resources } : rest);
  };

  return {
    view,

    /** Creates a policy inside an open unit of work (also used for an invitation's `iam_policy`). */
    async insert(uow: UnitOfWork, ctx: RequestContext, accountId: string, body: Record<string, unknown>, version: Version, spec: PolicySpec): Promise<PolicyRow> {
      await uow.serialize(`policies-in:${accountId}`);
      const count = await deps.repo.countInAccount(accountId, uow.trx);
      assertThat(count < deps.maxPerAccount, () => appError('policy_limit_reached', `the account already has ${count} policies, the most allowed (${deps.maxPerAccount})`));
      const at = now();
      const actor = ctx.principal?.iamId ?? '';
      const row: PolicyRow = {
        id: crypto.randomUUID(), account_id: accountId, type: String(body.type ?? 'access'), api_version: version, description: typeof body.description === 'string' ? body.description : '',
        ...subjectOf(spec), body: storedBody(body, version), state: 'active', version: 1, created_at: at, created_by_id: actor, last_modified_at: at, last_modified_by_id: actor,
      };
      await deps.repo.insert(uow.trx, row);
      uow.changed(TOPICS.policy, row.id);
      await deps.audit.record(uow.trx, ctx, { action: ACTIONS.policyCreate, target: { type: 'policy', id: row.id }, outcome: 'success', status: 201, details: { subject: spec.subject, roles: spec.roles, version } });
      return row;
    },

    /**
     * Checks a policy to be created in `accountId` (its shape, its roles, the caller's right to grant
     * it), outside any transaction; the subject is checked by the caller.
     */
    async prepare(ctx: RequestContext, accountId: string, body: Record<string, unknown>, version: Version): Promise<PolicySpec> {
      assertThat(body.type === 'access', () => appError('invalid_body', "field 'type': only access policies are supported; authorization (service-to-service) policies are not"));
      const spec = await validate(accountId, body, version);
      requireOnTargets(ctx, ACTIONS.policyCreate, spec);
      return spec;
    },

    async create(ctx: RequestContext, body: Record<string, unknown>, version: Version) {
      const accountId = ctx.principal?.accountId ?? '';
      const spec = await this.prepare(ctx, accountId, body, version);
      await assertSubjectExists(accountId, spec);
      const row = await deps.transact((uow) => this.insert(uow, ctx, accountId, body, version, spec));
      return { policy: await view(row, version), etag: entityTag(row.id, row.version) };
    },

    async list(ctx: RequestContext, version: Version, q: { account_id: string; iam_id?: string; access_group_id?: string; type?: string; state?: string; limit?: number; start?: string; service_name?: string }) {
      const principal = ctx.principal;
      if (!principal) throw appError('missing_token', 'authentication required');
      if (principal.accountId !== q.account_id) throw appError('account_mismatch', `query parameter 'account_id' must be your account (${principal.accountId})`);
      const limit = q.limit ?? 50;
      let after = q.start ? decodePageToken(q.start, 'start', (v): v is { c: string; i: string } => typeof v.c === 'string' && typeof v.i === 'string') : undefined;
      const out: PolicyRow[] = [];
      let more = false;
      // Read in batches until a page of visible policies is full (invisible ones are skipped, not counted).
      for (let round = 0; round < 50 && out.length <= limit; round++) {
        const batch = await deps.repo.list({ accountId: q.account_id, iamId: q.iam_id, accessGroupId: q.access_group_id, type: q.type, state: q.state, after: after ? { createdAt: after.c, id: after.i } : undefined, limit: limit + 1 });
        for (const row of batch) if (visible(principal, row) && (!q.service_name || row.body.includes(`"${q.service_name}"`))) out.push(row);
        if (batch.length < limit + 1) break;
        const last = batch[batch.length - 1]!;
        after = { c: last.created_at, i: last.id };
      }
      if (out.length > limit) {
        more = true;
        out.length = limit;
      }
      const lastRow = out[out.length - 1];
      const start = more && lastRow ? encodePageToken({ c: lastRow.created_at, i: lastRow.id }) : undefined;
      const path = `/${version}/policies`;
      const base = { ...q, start: undefined };
      return {
        limit,
        first: { href: pageUrl(deps.publicUrl, path, base, {}) },
        ...(start ? { next: { href: pageUrl(deps.publicUrl, path, base, { start }), start } } : {}),
        policies: await Promise.all(out.map((r) => view(r, version))),
      };
    },

    async get(ctx: RequestContext, id: string, version: Version) {
      const row = await load(ctx, id, ACTIONS.policyRead);
      assertThat(version === 'v2' || row.api_version === 'v1', () => appError('policy_not_found', `policy ${id} is a v2 policy; read it at /v2/policies/${id}`));
      return { policy: await view(row, version), etag: entityTag(row.id, row.version) };
    },

    async replace(ctx: RequestContext, id: string, ifMatch: string | undefined, body: Record<string, unknown>, version: Version) {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the policy's ETag"));
      const row = await load(ctx, id, ACTIONS.policyUpdate);
      assertThat(row.state === 'active', () => appError('policy_not_found', `policy ${id} is deleted`));
      assertThat(body.type === row.type, () => appError('invalid_body', `field 'type' cannot change (it is ${row.type})`));
      assertThat(ifMatchSatisfied(ifMatch, entityTag(row.id, row.version)), () => appError('policy_conflict_error', `If-Match does not match the current ETag of policy ${id}; read it again and retry`));
      const old = specOf(row);
      if (old) requireOnTargets(ctx, ACTIONS.policyUpdate, old);
      const spec = await validate(row.account_id, body, version);
      requireOnTargets(ctx, ACTIONS.policyUpdate, spec);
      await assertSubjectExists(row.account_id, spec);
      const updated = await deps.transact(async (uow) => {
        const values = {
          ...subjectOf(spec), api_version: version, body: storedBody(body, version), description: typeof body.description === 'string' ? body.description : '',
          version: row.version + 1, last_modified_at: now(), last_modified_by_id: ctx.principal?.iamId ?? '',
        };
        await deps.repo.updateById(uow.trx, id, values);
        uow.changed(TOPICS.policy, id);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.policyUpdate, target: { type: 'policy', id }, outcome: 'success', status: 200, details: { subject: spec.subject, roles: spec.roles } });
        return { ...row, ...values };
      });
      return { policy: await view(updated, version), etag: entityTag(updated.id, updated.version) };
    },

    /** Deletes a policy (kept as `state: deleted` so it can be restored, as on IBM Cloud). */
    async remove(ctx: RequestContext, id: string): Promise<void> {
      const row = await load(ctx, id, ACTIONS.policyDelete);
      assertThat(row.state === 'active', () => appError('policy_not_found', `policy ${id} is already deleted`));
      const spec = specOf(row);
      if (spec) requireOnTargets(ctx, ACTIONS.policyDelete, spec);
      else deps.authorizer.require(ctx, ACTIONS.policyDelete, { accountId: row.account_id, type: 'policy', attributes: { serviceName: 'iam-access-management' } });
      await deps.transact(async (uow) => {
        await deps.repo.updateById(uow.trx, id, { state: 'deleted', version: row.version + 1, last_modified_at: now(), last_modified_by_id: ctx.principal?.iamId ?? '' });
        uow.changed(TOPICS.policy, id);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.policyDelete, target: { type: 'policy', id }, outcome: 'success', status: 204 });
      });
    },

    /** `PATCH {state: active}`: restores a deleted policy. */
    async restore(ctx: RequestContext, id: string, ifMatch: string | undefined, version: Version) {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the policy's ETag"));
      const row = await load(ctx, id, ACTIONS.policyCreate);
      assertThat(ifMatchSatisfied(ifMatch, entityTag(row.id, row.version)), () => appError('policy_conflict_error', `If-Match does not match the current ETag of policy ${id}`));
      const spec = await validate(row.account_id, JSON.parse(row.body), row.api_version as Version);
      requireOnTargets(ctx, ACTIONS.policyCreate, spec);
      await assertSubjectExists(row.account_id, spec);
      const updated = await deps.transact(async (uow) => {
        const values = { state: 'active', version: row.version + 1, last_modified_at: now(), last_modified_by_id: ctx.principal?.iamId ?? '' };
        await deps.repo.updateById(uow.trx, id, values);
        uow.changed(TOPICS.policy, id);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.policyCreate, target: { type: 'policy', id }, outcome: 'success', status: 200, details: { restored: true } });
        return { ...row, ...values };
      });
      return { policy: await view(updated, version), etag: entityTag(updated.id, updated.version) };
    },

    /** Deletes every policy of a subject (a removed user) inside a unit of work. */
    async forgetSubject(uow: UnitOfWork, subject: string) {
      for (const p of await deps.repo.idsForSubject(subject, uow.trx)) uow.changed(TOPICS.policy, p.id);
      await deps.repo.deleteForSubject(uow.trx, subject);
    },
  };
}

export type PoliciesService = ReturnType<typeof createPoliciesService>;
