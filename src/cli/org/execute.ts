/**
 * The executor: makes a plan's changes through the API, one after another, in the plan's order. Ids of what it
 * creates are remembered so later changes can refer to them (an invitation into a group made a moment ago).
 */
import { ok } from '#src/client/client.js';
import { ApiError } from '#src/client/errors.js';
import { okWithEtag } from '#src/client/etag.js';
import { resolveRoleCrns } from '../resolve.js';
import type { Session } from '../session.js';
import type { PolicySpec } from './model.js';
import { describeChange, type Change } from './plan.js';
import { key, policyEtag, type CurrentState } from './state.js';

export interface ExecuteHooks {
  /** Called before each change (for a progress display). */
  onChange?: (change: Change, index: number, total: number) => void;
  /** Called with a note about a change that was skipped on purpose. */
  onNote?: (message: string) => void;
}

export async function executePlan(s: Session, state: CurrentState, changes: readonly Change[], hooks: ExecuteHooks = {}): Promise<void> {
  const rgIds = new Map([...state.resourceGroups.values()].map((g) => [key(g.name), g.id]));
  const instanceGuids = new Map([...state.instances.values()].map((i) => [key(i.name), i.guid]));
  const groupIds = new Map([...state.accessGroups.values()].map((g) => [key(g.name), g.id]));
  const sidIamIds = new Map([...state.serviceIds.values()].map((x) => [key(x.name), x.iamId]));
  const userIamIds = new Map([...state.users.values()].map((u) => [key(u.email), u.iamId]));
  const need = (map: Map<string, string>, name: string, what: string) => {
    const id = map.get(key(name));
    if (!id) throw new Error(`${what} '${name}' was not found while applying; the account changed during the apply, run it again`);
    return id;
  };

  const policyBody = async (groupId: string, p: PolicySpec) => {
    const service = p.service ?? (p.instance !== undefined ? 'quantum-computing' : undefined);
    const attributes: { name: string; value: string }[] = [{ name: 'accountId', value: s.accountId }];
    if (service !== undefined) attributes.push({ name: 'serviceName', value: service });
    if (p.instance !== undefined) attributes.push({ name: 'serviceInstance', value: need(instanceGuids, p.instance, 'instance') });
    if (p.resourceGroup !== undefined) attributes.push({ name: 'resourceGroupId', value: need(rgIds, p.resourceGroup, 'resource group') });
    if (p.resourceType !== undefined) attributes.push({ name: 'resourceType', value: p.resourceType });
    if (p.resource !== undefined) attributes.push({ name: 'resource', value: p.resource });
    const roles = await resolveRoleCrns(s, service, p.roles);
    return {
      type: 'access' as const,
      subjects: [{ attributes: [{ name: 'access_group_id', value: groupId }] }],
      roles: roles.map((role_id) => ({ role_id })),
      resources: [{ attributes }],
    };
  };

  let index = 0;
  for (const c of changes) {
    hooks.onChange?.(c, index++, changes.length);
    try {
      await run(c);
    } catch (err) {
      if (err instanceof ApiError) throw new ApiError(err.status, err.code, `${describeChange(c)}: ${err.message}`, err.trace);
      throw err;
    }
  }

  async function run(c: Change): Promise<void> {
    switch (c.kind) {
      case 'resource group': {
        if (c.op === '+') rgIds.set(key(c.name), (await ok(s.client.POST('/v2/resource_groups', { body: { name: c.name, account_id: s.accountId } }))).id);
        else await ok(s.client.DELETE('/v2/resource_groups/{id}', { params: { path: { id: c.id } } }));
        return;
      }
      case 'instance': {
        if (c.op === '+') {
          const inst = await ok(s.client.POST('/v2/resource_instances', {
            body: { name: c.spec.name, target: c.spec.location, resource_plan_id: c.spec.plan, resource_group: need(rgIds, c.spec.resourceGroup, 'resource group') },
          }));
          instanceGuids.set(key(c.spec.name), inst.guid);
        } else if (c.op === '~') {
          await ok(s.client.PATCH('/v2/resource_instances/{id}', { params: { path: { id: c.guid } }, body: { resource_plan_id: c.spec.plan } }));
        } else {
          await ok(s.client.DELETE('/v2/resource_instances/{id}', { params: { path: { id: c.guid } } }));
        }
        return;
      }
      case 'role': {
        if (c.op === '+') {
          await ok(s.client.POST('/v2/roles', {
            body: { name: c.spec.name, display_name: c.spec.displayName, description: c.spec.description, account_id: s.accountId, service_name: c.spec.service, actions: c.spec.actions },
          }));
        } else if (c.op === '~') {
          const { etag } = await okWithEtag(s.client.GET('/v2/roles/{role_id}', { params: { path: { role_id: c.id } } }));
          await ok(s.client.PUT('/v2/roles/{role_id}', {
            params: { path: { role_id: c.id } }, headers: { 'If-Match': etag },
            body: { actions: c.spec.actions, display_name: c.spec.displayName, description: c.spec.description },
          }));
        } else {
          await ok(s.client.DELETE('/v2/roles/{role_id}', { params: { path: { role_id: c.id } } }));
        }
        return;
      }
      case 'service ID': {
        if (c.op === '+') {
          const sid = await ok(s.client.POST('/v1/serviceids/', { body: { name: c.name, account_id: s.accountId, ...(c.description ? { description: c.description } : {}) } }));
          sidIamIds.set(key(c.name), sid.iam_id);
        } else if (c.op === '~') {
          const { etag } = await okWithEtag(s.client.GET('/v1/serviceids/{id}', { params: { path: { id: c.id } } }));
          await ok(s.client.PUT('/v1/serviceids/{id}', { params: { path: { id: c.id } }, headers: { 'If-Match': etag }, body: { description: c.description } }));
        } else {
          await ok(s.client.DELETE('/v1/serviceids/{id}', { params: { path: { id: c.id } } }));
        }
        return;
      }
      case 'access group': {
        if (c.op === '+') {
          const g = await ok(s.client.POST('/v2/groups', { params: { query: { account_id: s.accountId } }, body: { name: c.name, ...(c.description ? { description: c.description } : {}) } }));
          groupIds.set(key(c.name), g.id);
        } else if (c.op === '~') {
          const { etag } = await okWithEtag(s.client.GET('/v2/groups/{access_group_id}', { params: { path: { access_group_id: c.id } } }));
          await ok(s.client.PATCH('/v2/groups/{access_group_id}', { params: { path: { access_group_id: c.id } }, headers: { 'If-Match': etag }, body: { description: c.description } }));
        } else {
          await ok(s.client.DELETE('/v2/groups/{access_group_id}', { params: { path: { access_group_id: c.id }, query: { force: true } } }));
        }
        return;
      }
      case 'user': {
        if (c.op === '+') {
          const groups = c.groups.map((g) => need(groupIds, g, 'access group'));
          const res = await ok(s.client.POST('/v2/accounts/{account_id}/users', {
            params: { path: { account_id: s.accountId } },
            body: { users: [{ email: c.email, account_role: 'Member' }], ...(groups.length > 0 ? { access_groups: groups } : {}) },
          }));
          const id = res.resources[0]?.id;
          if (id) userIamIds.set(key(c.email), id);
        } else {
          try {
            await ok(s.client.DELETE('/v2/accounts/{account_id}/users/{iam_id}', { params: { path: { account_id: s.accountId, iam_id: c.iamId } } }));
          } catch (err) {
            // The owner stays whatever a file says; the API refuses, and that is not a failure of the apply.
            if (err instanceof ApiError && err.code === 'cannot_remove_owner') hooks.onNote?.(`kept ${c.email}: the account owner cannot be removed`);
            else throw err;
          }
        }
        return;
      }
      case 'member': {
        const groupId = need(groupIds, c.group, 'access group');
        if (c.op === '+') {
          const iamId = c.type === 'user' ? need(userIamIds, c.member, 'user') : need(sidIamIds, c.member, 'service ID');
          const res = await ok(s.client.PUT('/v2/groups/{access_group_id}/members', { params: { path: { access_group_id: groupId } }, body: { members: [{ iam_id: iamId, type: c.type }] } }));
          const failed = res.members.find((m) => m.status_code >= 300);
          if (failed) throw new ApiError(failed.status_code, failed.errors?.[0]?.code ?? 'member_not_added', failed.errors?.[0]?.message ?? `${c.member} was not added`, failed.trace);
        } else {
          await ok(s.client.DELETE('/v2/groups/{access_group_id}/members/{iam_id}', { params: { path: { access_group_id: groupId, iam_id: c.iamId } } }));
        }
        return;
      }
      case 'policy': {
        if (c.op === '+') {
          await ok(s.client.POST('/v1/policies', { body: await policyBody(need(groupIds, c.group, 'access group'), c.spec) }));
        } else if (c.op === '~') {
          const etag = await policyEtag(s, c.id);
          await ok(s.client.PUT('/v1/policies/{policy_id}', { params: { path: { policy_id: c.id } }, headers: { 'If-Match': etag }, body: await policyBody(need(groupIds, c.group, 'access group'), c.spec) }));
        } else {
          await ok(s.client.DELETE('/v1/policies/{policy_id}', { params: { path: { policy_id: c.id } } }));
        }
        return;
      }
    }
  }
}
