/**
 * Access groups (IBM IAM Access Groups v2): the projects of an account. Members get what the
 * group's policies grant; the Public Access group stands for everyone in the account.
 */
import crypto from 'node:crypto';
import { ACTIONS, type Action } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import { TOPICS } from '#src/db/change-topics.js';
import { isUniqueViolation } from '#src/db/dialect.js';
import type { Transactor, UnitOfWork } from '#src/db/transactor.js';
import type { DB } from '#src/db/schema.js';
import type { Kysely, Transaction } from 'kysely';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { entityTag, ifMatchSatisfied } from '#src/platform/etag.js';
import type { AccountsRepo } from '#src/modules/accounts/accounts.repo.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { ServiceIdsRepo } from '#src/modules/identity/serviceids.repo.js';
import type { PoliciesRepo } from '#src/modules/policies/policies.repo.js';
import type { UsersRepo } from '#src/modules/users/users.repo.js';
import type { GroupRow, AccessGroupsRepo, RuleRow } from './access-groups.repo.js';
import type { GroupView, RuleInput } from './access-groups.schemas.js';
import { ruleMatches, type RuleCondition } from './dynamic-rules.js';

export const PUBLIC_ACCESS_GROUP = 'AccessGroupId-PublicAccess';

export interface AccessGroupLimits {
  groupsPerAccount: number;
  groupsPerIdentity: number;
  rulesPerGroup: number;
}

export interface AccessGroupsServiceDeps {
  repo: AccessGroupsRepo;
  accounts: AccountsRepo;
  users: UsersRepo;
  serviceIds: ServiceIdsRepo;
  policies: PoliciesRepo;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  publicUrl: string;
  crnName: string;
  limits: AccessGroupLimits;
}

type Href = { href: string };
type Executor = Kysely<DB> | Transaction<DB>;

/** A realm as rules and sign-ins name it: its id or issuer URL, compared without case or trailing slashes. */
const normRealm = (realm: string) => realm.trim().replace(/\/+$/, '').toLowerCase();

export function createAccessGroupsService(deps: AccessGroupsServiceDeps) {
  const now = () => deps.clock.now().toISOString();
  const href = (id: string) => `${deps.publicUrl}/v2/groups/${id}`;

  const view = (row: GroupRow, showCrn = false): GroupView => ({
    id: row.id, name: row.name, description: row.description, account_id: row.account_id, created_at: row.created_at, created_by_id: row.created_by_id,
    last_modified_at: row.last_modified_at, last_modified_by_id: row.last_modified_by_id, href: href(row.id), is_federated: false,
    ...(showCrn ? { crn: `crn:v1:${deps.crnName}:public:iam-groups::a/${row.account_id}::group:${row.id}` } : {}),
  });

  const publicAccess = async (accountId: string): Promise<GroupRow> => {
    const account = await deps.accounts.findById(accountId);
    const at = account?.created_at ?? now();
    return {
      id: PUBLIC_ACCESS_GROUP, account_id: accountId, name: 'Public Access', name_key: 'public access', version: 1,
      description: 'Everyone in the account: policies on this group apply to all its users and service IDs.',
      created_at: at, created_by_id: 'system', last_modified_at: at, last_modified_by_id: 'system',
    };
  };

  const resource = (accountId: string, groupId?: string) => ({ accountId, type: 'access group', ...(groupId ? { id: groupId, attributes: { resource: groupId } } : {}) });

  /** Loads a group the caller may act on; the Public Access group is answered for every account. */
  const load = async (ctx: RequestContext, groupId: string, action: Action): Promise<GroupRow> => {
    if (groupId === PUBLIC_ACCESS_GROUP) {
      const accountId = ctx.principal?.accountId ?? '';
      deps.authorizer.require(ctx, action, resource(accountId, groupId));
      return publicAccess(accountId);
    }
    const row = await deps.repo.findById(groupId);
    if (!row) throw appError('group_not_found', `access group ${groupId} not found`);
    deps.authorizer.require(ctx, action, resource(row.account_id, groupId));
    return row;
  };

  const editable = (row: GroupRow) => assertThat(row.id !== PUBLIC_ACCESS_GROUP, () => appError('group_not_editable', 'the Public Access group cannot be changed, given members or deleted'));

  /** The type of an identity in the account, or undefined when it is not one. */
  const identityType = async (accountId: string, iamId: string, executor?: Executor): Promise<'user' | 'service' | undefined> => {
    if (iamId.startsWith('iam-ServiceId-')) return (await deps.serviceIds.findByIamId(iamId, executor))?.account_id === accountId ? 'service' : undefined;
    return (await deps.users.findByIamId(iamId, executor))?.account_id === accountId ? 'user' : undefined;
  };

  const page = (path: string, query: Record<string, unknown>, offset: number, limit: number, total: number) => {
    const link = (o: number): Href => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...query, offset: o, limit } as Record<string, unknown>)) if (v !== undefined && v !== '') params.set(k, String(v));
      return { href: `${deps.publicUrl}${path}?${params.toString()}` };
    };
    const lastOffset = limit > 0 ? Math.max(0, Math.floor((total - 1) / limit) * limit) : 0;
    return {
      first: link(0),
      ...(offset > 0 && limit > 0 ? { previous: link(Math.max(0, offset - limit)) } : {}),
      ...(limit > 0 && offset + limit < total ? { next: link(offset + limit) } : {}),
      last: link(lastOffset),
    };
  };

  /** Adds one member inside a unit of work; returns the per-member 207 entry. */
  const addOne = async (uow: UnitOfWork, ctx: RequestContext, group: GroupRow, member: { iam_id: string; type: string }) => {
    const actual = await identityType(group.account_id, member.iam_id, uow.trx);
    const requested = member.type === 'service' ? 'service' : member.type === 'user' ? 'user' : 'profile';
    if (!actual || actual !== requested) {
      return { iam_id: member.iam_id, type: member.type, status_code: 404, trace: ctx.requestId, errors: [{ code: 'member_not_found', message: `${member.iam_id} is not a ${requested} of this account` }] };
    }
    // One lock per account, not per member: bulk adds in different orders cannot deadlock.
    await uow.serialize(`memberships-in:${group.account_id}`);
    const at = now();
    if (await deps.repo.members.find(group.id, member.iam_id, at, uow.trx)) {
      return { iam_id: member.iam_id, type: member.type, status_code: 200, trace: ctx.requestId };
    }
    const groups = await deps.repo.members.groupsOf(group.account_id, member.iam_id, at, uow.trx);
    if (groups.length >= deps.limits.groupsPerIdentity) {
      return { iam_id: member.iam_id, type: member.type, status_code: 400, trace: ctx.requestId, errors: [{ code: 'group_limit_reached', message: `${member.iam_id} already belongs to ${groups.length} access groups, the most allowed` }] };
    }
    await deps.repo.members.insert(uow.trx, { group_id: group.id, account_id: group.account_id, iam_id: member.iam_id, type: member.type, membership_type: 'static', expires_at: null, created_at: at, created_by_id: ctx.principal?.iamId ?? '' });
    uow.changed(TOPICS.groupMembers, group.id);
    await deps.audit.record(uow.trx, ctx, { action: ACTIONS.membersAdd, target: { type: 'access_group', id: group.id }, outcome: 'success', status: 200, details: { iam_id: member.iam_id } });
    return { iam_id: member.iam_id, type: member.type, created_at: at, created_by_id: ctx.principal?.iamId ?? '', status_code: 200, trace: ctx.requestId };
  };

  /** Deletes a group's memberships, rules and policies inside a unit of work. */
  const purge = async (uow: UnitOfWork, groupId: string) => {
    for (const p of await deps.policies.idsForSubject(groupId, uow.trx)) uow.changed(TOPICS.policy, p.id);
    await deps.policies.deleteForSubject(uow.trx, groupId);
    await deps.repo.members.deleteForGroup(uow.trx, groupId);
    await deps.repo.rules.deleteForGroup(uow.trx, groupId);
    uow.changed(TOPICS.groupMembers, groupId);
  };

  const ruleView = (row: RuleRow) => ({
    id: row.id, name: row.name, expiration: row.expiration, realm_name: row.realm_name, access_group_id: row.group_id, account_id: row.account_id,
    conditions: JSON.parse(row.conditions) as { claim: string; operator: string; value: string }[],
    created_at: row.created_at, created_by_id: row.created_by_id, last_modified_at: row.last_modified_at, last_modified_by_id: row.last_modified_by_id,
  });

  const validateRule = (input: RuleInput) => {
    input.conditions.forEach((c, i) => {
      if (c.operator === 'IN') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(c.value);
        } catch {
          parsed = undefined;
        }
        assertThat(Array.isArray(parsed) && parsed.every((v) => typeof v === 'string'), () => appError('invalid_body', `field 'conditions.${i}.value' must be a JSON array of strings for the IN operator, e.g. ["ml","finance"]`));
      }
    });
    assertThat(/^https?:\/\/\S+$/.test(input.realm_name) || /^[A-Za-z0-9._:-]+$/.test(input.realm_name), () => appError('invalid_body', "field 'realm_name' must be the identity provider's URL or realm name"));
  };

  return {
    view,

    async create(ctx: RequestContext, accountId: string | undefined, body: { name: string; description?: string }) {
      const account = accountId ?? ctx.principal?.accountId ?? '';
      deps.authorizer.require(ctx, ACTIONS.groupCreate, resource(account));
      assertThat(body.name.trim().toLowerCase() !== 'public access', () => appError('group_name_conflict', "the name 'Public Access' is reserved"));
      return deps.transact(async (uow) => {
        await uow.serialize(`groups-in:${account}`);
        const count = await deps.repo.countInAccount(account, uow.trx);
        assertThat(count < deps.limits.groupsPerAccount, () => appError('group_limit_reached', `the account already has ${count} access groups, the most allowed (${deps.limits.groupsPerAccount})`));
        const at = now();
        const actor = ctx.principal?.iamId ?? '';
        const row: GroupRow = { id: `AccessGroupId-${crypto.randomUUID()}`, account_id: account, name: body.name.trim(), name_key: body.name.trim().toLowerCase(), description: body.description ?? '', version: 1, created_at: at, created_by_id: actor, last_modified_at: at, last_modified_by_id: actor };
        try {
          await deps.repo.insert(uow.trx, row);
        } catch (err) {
          if (isUniqueViolation(err)) throw appError('group_name_conflict', `an access group named '${row.name}' already exists in this account`);
          throw err;
        }
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.groupCreate, target: { type: 'access_group', id: row.id }, outcome: 'success', status: 201, details: { name: row.name } });
        return { group: view(row), etag: entityTag(row.id, row.version) };
      });
    },

    async list(ctx: RequestContext, q: { account_id?: string; iam_id?: string; membership_type?: 'static' | 'dynamic' | 'all'; search?: string; limit?: number; offset?: number; sort?: string; hide_public_access?: boolean; show_crn?: boolean; show_federated?: boolean }) {
      const accountId = q.account_id ?? ctx.principal?.accountId ?? '';
      deps.authorizer.require(ctx, ACTIONS.groupList, resource(accountId));
      let search: { field: 'id' | 'name' | 'description'; value: string } | undefined;
      if (q.search) {
        const m = /^(id|name|description):(.+)$/.exec(q.search);
        search = m ? { field: m[1] as 'id' | 'name' | 'description', value: m[2]! } : { field: 'name', value: q.search };
      }
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const sortField = (q.sort ?? 'name').replace(/^-/, '');
      const at = now();
      const filter = { accountId, memberIamId: q.iam_id, membershipType: q.membership_type, nowIso: at, search };
      const includePublic = !q.hide_public_access && !search && (!q.iam_id || (await identityType(accountId, q.iam_id)) !== undefined);
      const stored = await deps.repo.count(filter);
      const total = stored + (includePublic ? 1 : 0);
      // The Public Access group leads the list, as on IBM Cloud.
      const rows = await deps.repo.list({ ...filter, sort: sortField === 'is_federated' ? 'name' : (sortField as 'id' | 'name' | 'description'), desc: (q.sort ?? '').startsWith('-'), offset: includePublic ? Math.max(0, offset - 1) : offset, limit: includePublic && offset === 0 ? Math.max(0, limit - 1) : limit });
      const groups = [...(includePublic && offset === 0 && limit > 0 ? [await publicAccess(accountId)] : []), ...rows].map((r) => view(r, q.show_crn));
      return { limit, offset, total_count: total, ...page('/v2/groups', { account_id: accountId, iam_id: q.iam_id, search: q.search, hide_public_access: q.hide_public_access, sort: q.sort }, offset, limit, total), groups };
    },

    async get(ctx: RequestContext, groupId: string, showCrn = false) {
      const row = await load(ctx, groupId, ACTIONS.groupRead);
      return { group: view(row, showCrn), etag: entityTag(row.id, row.version) };
    },

    async update(ctx: RequestContext, groupId: string, ifMatch: string | undefined, body: { name?: string; description?: string }) {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the group's ETag, or * to overwrite"));
      const row = await load(ctx, groupId, ACTIONS.groupUpdate);
      editable(row);
      assertThat(ifMatchSatisfied(ifMatch, entityTag(row.id, row.version)), () => appError('precondition_failed', `If-Match does not match the current ETag of access group ${groupId}; read it again and retry`));
      assertThat(body.name === undefined || body.name.trim().toLowerCase() !== 'public access', () => appError('group_name_conflict', "the name 'Public Access' is reserved"));
      return deps.transact(async (uow) => {
        const values = {
          ...(body.name !== undefined ? { name: body.name.trim(), name_key: body.name.trim().toLowerCase() } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          version: row.version + 1, last_modified_at: now(), last_modified_by_id: ctx.principal?.iamId ?? '',
        };
        try {
          await deps.repo.updateById(uow.trx, groupId, values);
        } catch (err) {
          if (isUniqueViolation(err)) throw appError('group_name_conflict', `an access group named '${body.name}' already exists in this account`);
          throw err;
        }
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.groupUpdate, target: { type: 'access_group', id: groupId }, outcome: 'success', status: 200, details: { fields: Object.keys(body) } });
        const updated = { ...row, ...values };
        return { group: view(updated), etag: entityTag(updated.id, updated.version) };
      });
    },

    /** Deletes a group; with members or rules only when `force`, which also removes its policies. */
    async remove(ctx: RequestContext, groupId: string, force: boolean): Promise<void> {
      const row = await load(ctx, groupId, ACTIONS.groupDelete);
      editable(row);
      await deps.transact(async (uow) => {
        const members = await deps.repo.members.count(groupId, { nowIso: now() }, uow.trx);
        const rules = await deps.repo.rules.count(groupId, uow.trx);
        assertThat(force || (members === 0 && rules === 0), () => appError('group_not_empty', `access group ${groupId} has ${members} members and ${rules} rules; delete it with force=true to remove them and its policies too`));
        await purge(uow, groupId);
        await deps.repo.deleteById(uow.trx, groupId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.groupDelete, target: { type: 'access_group', id: groupId }, outcome: 'success', status: 204, details: { name: row.name, force } });
      });
    },

    async isMember(ctx: RequestContext, groupId: string, iamId: string): Promise<boolean> {
      const group = await load(ctx, groupId, ACTIONS.membersRead);
      if (group.id === PUBLIC_ACCESS_GROUP) return (await identityType(group.account_id, iamId)) !== undefined;
      return !!(await deps.repo.members.find(groupId, iamId, now()));
    },

    async addMembers(ctx: RequestContext, groupId: string, members: { iam_id: string; type: string }[]) {
      const group = await load(ctx, groupId, ACTIONS.membersAdd);
      editable(group);
      return deps.transact(async (uow) => {
        const out = [];
        for (const m of members) out.push(await addOne(uow, ctx, group, m));
        return { members: out };
      });
    },

    async listMembers(ctx: RequestContext, groupId: string, q: { membership_type?: string; limit?: number; offset?: number; type?: string; verbose?: boolean; sort?: string }) {
      const group = await load(ctx, groupId, ACTIONS.membersList);
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const at = now();
      const total = group.id === PUBLIC_ACCESS_GROUP ? 0 : await deps.repo.members.count(groupId, { membershipType: q.membership_type, type: q.type, nowIso: at });
      const rows = group.id === PUBLIC_ACCESS_GROUP ? [] : await deps.repo.members.list(groupId, { membershipType: q.membership_type, type: q.type, nowIso: at, offset, limit, sortBy: q.sort === 'created_at' ? 'created_at' : 'iam_id' });
      const members = await Promise.all(rows.map(async (r) => {
        const base = { iam_id: r.iam_id, type: r.type, membership_type: r.membership_type, href: `${href(groupId)}/members/${r.iam_id}`, created_at: r.created_at, created_by_id: r.created_by_id };
        if (!q.verbose) return base;
        if (r.type === 'service') {
          const s = await deps.serviceIds.findByIamId(r.iam_id);
          return { ...base, name: s?.name ?? '', description: s?.description ?? '' };
        }
        const u = await deps.users.findByIamId(r.iam_id);
        return { ...base, name: u ? `${u.firstname} ${u.lastname}`.trim() : '', email: u?.email ?? '' };
      }));
      return { limit, offset, total_count: total, ...page(`/v2/groups/${groupId}/members`, { membership_type: q.membership_type, type: q.type, verbose: q.verbose }, offset, limit, total), members };
    },

    async removeMember(ctx: RequestContext, groupId: string, iamId: string): Promise<void> {
      const group = await load(ctx, groupId, ACTIONS.membersRemove);
      editable(group);
      await deps.transact(async (uow) => {
        const removed = await deps.repo.members.deleteStatic(uow.trx, groupId, iamId);
        assertThat(removed, () => appError('member_not_found', `${iamId} is not a static member of access group ${groupId}`));
        uow.changed(TOPICS.groupMembers, groupId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.membersRemove, target: { type: 'access_group', id: groupId }, outcome: 'success', status: 204, details: { iam_id: iamId } });
      });
    },

    async removeMembers(ctx: RequestContext, groupId: string, iamIds: string[]) {
      const group = await load(ctx, groupId, ACTIONS.membersRemove);
      editable(group);
      return deps.transact(async (uow) => {
        const members = [];
        for (const iamId of iamIds) {
          if (await deps.repo.members.deleteStatic(uow.trx, groupId, iamId)) {
            uow.changed(TOPICS.groupMembers, groupId);
            await deps.audit.record(uow.trx, ctx, { action: ACTIONS.membersRemove, target: { type: 'access_group', id: groupId }, outcome: 'success', status: 204, details: { iam_id: iamId } });
            members.push({ iam_id: iamId, trace: ctx.requestId, status_code: 204 });
          } else {
            members.push({ iam_id: iamId, trace: ctx.requestId, status_code: 404, errors: [{ code: 'member_not_found', message: `${iamId} is not a static member of this group` }] });
          }
        }
        return { access_group_id: groupId, members };
      });
    },

    async removeFromAll(ctx: RequestContext, accountId: string | undefined, iamId: string) {
      const account = accountId ?? ctx.principal?.accountId ?? '';
      deps.authorizer.require(ctx, ACTIONS.membersRemove, resource(account));
      const memberships = await deps.repo.members.groupsOf(account, iamId, now());
      if (memberships.length === 0) throw appError('member_not_found', `${iamId} is not a member of any access group in this account`);
      return deps.transact(async (uow) => {
        const groups = [];
        for (const { group_id } of memberships) {
          const removed = await deps.repo.members.deleteStatic(uow.trx, group_id, iamId);
          if (removed) {
            uow.changed(TOPICS.groupMembers, group_id);
            await deps.audit.record(uow.trx, ctx, { action: ACTIONS.membersRemove, target: { type: 'access_group', id: group_id }, outcome: 'success', status: 204, details: { iam_id: iamId } });
          }
          groups.push({ access_group_id: group_id, status_code: removed ? 204 : 404, trace: ctx.requestId, ...(removed ? {} : { errors: [{ code: 'member_not_found', message: 'only a dynamic membership; it lapses by itself' }] }) });
        }
        return { iam_id: iamId, groups };
      });
    },

    async addToAll(ctx: RequestContext, accountId: string | undefined, iamId: string, body: { type: string; groups: string[] }) {
      const account = accountId ?? ctx.principal?.accountId ?? '';
      deps.authorizer.require(ctx, ACTIONS.membersAdd, resource(account));
      return deps.transact(async (uow) => {
        const groups = [];
        for (const groupId of body.groups) {
          const group = await deps.repo.findById(groupId, uow.trx);
          const permitted = group && group.account_id === account && deps.authorizer.decide(ctx.principal!, ACTIONS.membersAdd, resource(account, groupId)).permitted;
          if (!group || !permitted) {
            groups.push({ access_group_id: groupId, status_code: 404, trace: ctx.requestId, errors: [{ code: 'group_not_found', message: `access group ${groupId} not found` }] });
            continue;
          }
          const entry = await addOne(uow, ctx, group, { iam_id: iamId, type: body.type });
          groups.push({ access_group_id: groupId, status_code: entry.status_code, trace: ctx.requestId, ...(entry.errors ? { errors: entry.errors } : {}) });
        }
        return { iam_id: iamId, groups };
      });
    },

    async createRule(ctx: RequestContext, groupId: string, input: RuleInput) {
      const group = await load(ctx, groupId, ACTIONS.rulesCreate);
      editable(group);
      validateRule(input);
      return deps.transact(async (uow) => {
        await uow.serialize(`rules-of:${groupId}`);
        const count = await deps.repo.rules.count(groupId, uow.trx);
        assertThat(count < deps.limits.rulesPerGroup, () => appError('rule_limit_reached', `access group ${groupId} already has ${count} rules, the most allowed (${deps.limits.rulesPerGroup})`));
        const at = now();
        const actor = ctx.principal?.iamId ?? '';
        const row: RuleRow = { id: `ClaimRule-${crypto.randomUUID()}`, group_id: groupId, account_id: group.account_id, name: input.name ?? '', expiration: input.expiration, realm_name: input.realm_name, conditions: JSON.stringify(input.conditions), version: 1, created_at: at, created_by_id: actor, last_modified_at: at, last_modified_by_id: actor };
        await deps.repo.rules.insert(uow.trx, row);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.rulesCreate, target: { type: 'access_group_rule', id: row.id }, outcome: 'success', status: 201, details: { access_group_id: groupId } });
        return { rule: ruleView(row), etag: entityTag(row.id, row.version) };
      });
    },

    async listRules(ctx: RequestContext, groupId: string) {
      await load(ctx, groupId, ACTIONS.rulesList);
      return { rules: (await deps.repo.rules.list(groupId)).map(ruleView) };
    },

    async getRule(ctx: RequestContext, groupId: string, ruleId: string) {
      await load(ctx, groupId, ACTIONS.rulesRead);
      const row = await deps.repo.rules.find(groupId, ruleId);
      if (!row) throw appError('rule_not_found', `rule ${ruleId} not found in access group ${groupId}`);
      return { rule: ruleView(row), etag: entityTag(row.id, row.version) };
    },

    async replaceRule(ctx: RequestContext, groupId: string, ruleId: string, ifMatch: string | undefined, input: RuleInput) {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the rule's ETag, or * to overwrite"));
      await load(ctx, groupId, ACTIONS.rulesUpdate);
      validateRule(input);
      const row = await deps.repo.rules.find(groupId, ruleId);
      if (!row) throw appError('rule_not_found', `rule ${ruleId} not found in access group ${groupId}`);
      assertThat(ifMatchSatisfied(ifMatch, entityTag(row.id, row.version)), () => appError('precondition_failed', `If-Match does not match the current ETag of rule ${ruleId}`));
      return deps.transact(async (uow) => {
        const values = { name: input.name ?? '', expiration: input.expiration, realm_name: input.realm_name, conditions: JSON.stringify(input.conditions), version: row.version + 1, last_modified_at: now(), last_modified_by_id: ctx.principal?.iamId ?? '' };
        await deps.repo.rules.updateById(uow.trx, ruleId, values);
        // What the old rule granted ends now; the new conditions apply at each person's next sign-in.
        const removed = await deps.repo.members.deleteDynamicByRule(uow.trx, groupId, ruleId);
        if (removed > 0) uow.changed(TOPICS.groupMembers, groupId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.rulesUpdate, target: { type: 'access_group_rule', id: ruleId }, outcome: 'success', status: 200, details: { access_group_id: groupId, dynamic_members_removed: removed } });
        const updated = { ...row, ...values };
        return { rule: ruleView(updated), etag: entityTag(updated.id, updated.version) };
      });
    },

    async removeRule(ctx: RequestContext, groupId: string, ruleId: string): Promise<void> {
      await load(ctx, groupId, ACTIONS.rulesDelete);
      const row = await deps.repo.rules.find(groupId, ruleId);
      if (!row) throw appError('rule_not_found', `rule ${ruleId} not found in access group ${groupId}`);
      await deps.transact(async (uow) => {
        await deps.repo.rules.deleteById(uow.trx, ruleId);
        const removed = await deps.repo.members.deleteDynamicByRule(uow.trx, groupId, ruleId);
        if (removed > 0) uow.changed(TOPICS.groupMembers, groupId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.rulesDelete, target: { type: 'access_group_rule', id: ruleId }, outcome: 'success', status: 204, details: { access_group_id: groupId, dynamic_members_removed: removed } });
      });
    },

    async getSettings(ctx: RequestContext, accountId: string | undefined) {
      const account = accountId ?? ctx.principal?.accountId ?? '';
      deps.authorizer.require(ctx, ACTIONS.groupSettingsRead, resource(account));
      const row = await deps.repo.settings.find(account);
      const acct = await deps.accounts.findById(account);
      return { account_id: account, last_modified_at: row?.last_modified_at ?? acct?.created_at ?? '', last_modified_by_id: row?.last_modified_by_id ?? 'system', public_access_enabled: row ? row.public_access_enabled === 1 : true };
    },

    /** Turning Public Access off also deletes every policy granted to the Public Access group. */
    async updateSettings(ctx: RequestContext, accountId: string | undefined, body: { public_access_enabled?: boolean }) {
      const account = accountId ?? ctx.principal?.accountId ?? '';
      deps.authorizer.require(ctx, ACTIONS.groupSettingsUpdate, resource(account));
      const enabled = body.public_access_enabled ?? true;
      const at = now();
      await deps.transact(async (uow) => {
        await deps.repo.settings.upsert(uow.trx, { account_id: account, public_access_enabled: enabled ? 1 : 0, last_modified_at: at, last_modified_by_id: ctx.principal?.iamId ?? '' });
        if (!enabled) {
          for (const p of await deps.policies.idsForSubject(PUBLIC_ACCESS_GROUP, uow.trx)) uow.changed(TOPICS.policy, p.id);
          await uow.trx.deleteFrom('policies').where('account_id', '=', account).where('subject_value', '=', PUBLIC_ACCESS_GROUP).execute();
        }
        uow.changed(TOPICS.groupSettings, account);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.groupSettingsUpdate, target: { type: 'account', id: account }, outcome: 'success', status: 200, details: { public_access_enabled: enabled } });
      });
      return { account_id: account, last_modified_at: at, last_modified_by_id: ctx.principal?.iamId ?? '', public_access_enabled: enabled };
    },

    /** Adds a (pending) user to groups named in an invitation, inside the invitation's unit of work. */
    async addInvitee(uow: UnitOfWork, ctx: RequestContext, accountId: string, iamId: string, groupIds: readonly string[]) {
      const distinct = new Set(groupIds);
      assertThat(distinct.size <= deps.limits.groupsPerIdentity, () =>
        appError('group_limit_reached', `field 'access_groups' names ${distinct.size} access groups; one identity may belong to at most ${deps.limits.groupsPerIdentity}`));
      for (const groupId of distinct) {
        const group = await deps.repo.findById(groupId, uow.trx);
        if (!group || group.account_id !== accountId) throw appError('invalid_body', `field 'access_groups': access group ${groupId} does not exist in this account`);
        const at = now();
        if (await deps.repo.members.find(groupId, iamId, at, uow.trx)) continue;
        await deps.repo.members.insert(uow.trx, { group_id: groupId, account_id: accountId, iam_id: iamId, type: 'user', membership_type: 'static', expires_at: null, created_at: at, created_by_id: ctx.principal?.iamId ?? '' });
        uow.changed(TOPICS.groupMembers, groupId);
      }
    },

    /**
     * Re-evaluates every dynamic rule of the account for a person who has just signed in through an
     * identity provider (named by any of `realms`: its realm id or issuer URL), inside the sign-in's
     * unit of work: groups whose rules match take (or keep) them for the rule's expiration, the
     * others let go of them. Static memberships are not touched.
     *
     * The per-identity group limit covers dynamic memberships too: renewing one (or one beside a
     * static membership of the same group) is always allowed, as it adds no group; new ones are
     * taken in their groups' creation order (oldest first) while there is room, and the rest are
     * skipped and named in the audit event, never failing the sign-in.
     */
    async applyDynamicRules(uow: UnitOfWork, ctx: RequestContext, input: { accountId: string; iamId: string; realms: string[]; claims: Record<string, unknown>; joining: boolean }) {
      // Joining counts under the lock static adds and invitations take: the caller took it (before it wrote
      // anything, as they do) when {@link hasDynamicRules} said it might join. Without it, rules only let go.
      const realms = new Set(input.realms.map(normRealm));
      // In the rules' order, so in their groups' creation order: a Map keeps a key where it was first set.
      const granted = new Map<string, { hours: number; ruleId: string }>();
      for (const rule of await deps.repo.rules.forAccount(input.accountId, uow.trx)) {
        if (!realms.has(normRealm(rule.realm_name)) || !ruleMatches(input.claims, JSON.parse(rule.conditions) as RuleCondition[])) continue;
        const best = granted.get(rule.group_id);
        if (!best || rule.expiration > best.hours) granted.set(rule.group_id, { hours: rule.expiration, ruleId: rule.id });
      }
      const nowMs = deps.clock.now().getTime();
      const at = new Date(nowMs).toISOString();
      const current = new Set((await deps.repo.members.dynamicOf(input.accountId, input.iamId, uow.trx)).map((m) => m.group_id));
      const left: string[] = [];
      for (const groupId of current) {
        if (granted.has(groupId)) continue;
        await deps.repo.members.deleteDynamic(uow.trx, groupId, input.iamId);
        uow.changed(TOPICS.groupMembers, groupId);
        left.push(groupId);
      }
      // Counted after letting go: static memberships and dynamic ones until their expiry (renewing a lapsed one needs room, as a new one does).
      const memberOf = new Set((await deps.repo.members.groupsOf(input.accountId, input.iamId, at, uow.trx)).map((m) => m.group_id));
      const joined: string[] = [];
      const skipped: string[] = [];
      // A rule made since the caller looked for rules takes effect at the next sign-in.
      for (const [groupId, { hours, ruleId }] of input.joining ? granted : []) {
        if (!memberOf.has(groupId)) {
          if (memberOf.size >= deps.limits.groupsPerIdentity) {
            skipped.push(groupId);
            continue;
          }
          memberOf.add(groupId);
        }
        const expiresAt = new Date(nowMs + hours * 3600_000).toISOString();
        if (current.has(groupId)) await deps.repo.members.setDynamicExpiry(uow.trx, groupId, input.iamId, expiresAt, ruleId);
        else await deps.repo.members.insert(uow.trx, { group_id: groupId, account_id: input.accountId, iam_id: input.iamId, type: 'user', membership_type: 'dynamic', expires_at: expiresAt, created_at: at, created_by_id: ruleId });
        uow.changed(TOPICS.groupMembers, groupId);
        joined.push(groupId);
      }
      if (granted.size > 0 || left.length > 0) {
        await deps.audit.record(uow.trx, ctx, {
          action: 'iam-groups.members.dynamic', outcome: 'success', status: 200, accountId: input.accountId, actorIamId: input.iamId,
          target: { type: 'user', id: input.iamId },
          details: { joined, left, ...(skipped.length > 0 ? { skipped, group_limit: deps.limits.groupsPerIdentity } : {}) },
        });
      }
    },

    /** Whether the account has dynamic rules for any of these realms: a federated sign-in there may join groups. */
    async hasDynamicRules(accountId: string, realms: string[]): Promise<boolean> {
      const wanted = new Set(realms.map(normRealm));
      return (await deps.repo.rules.forAccount(accountId)).some((rule) => wanted.has(normRealm(rule.realm_name)));
    },

    /** Removes an identity from every group (user removal). */
    async forgetIdentity(uow: UnitOfWork, iamId: string) {
      for (const { group_id } of await deps.repo.members.deleteForIdentity(uow.trx, iamId)) uow.changed(TOPICS.groupMembers, group_id);
    },
  };
}

export type AccessGroupsService = ReturnType<typeof createAccessGroupsService>;
