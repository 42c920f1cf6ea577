/**
 * Every page of the account's listings the CLI reads (users, access groups and their members and policies,
 * service IDs, API keys, instances, resource groups, roles), each with the row type commands and the
 * organization-file reader share.
 */
import { ok } from '#src/client/client.js';
import { collectPages, queryParam } from '#src/client/paging.js';
import type { V1Policy } from './policy-view.js';
import type { Session } from './session.js';

type Row<T> = T extends Array<infer R> ? R : never;

export async function listUsers(s: Session) {
  return collectPages(async (cursor) => {
    const page = await ok(s.client.GET('/v2/accounts/{account_id}/users', { params: { path: { account_id: s.accountId }, query: { limit: 100, ...(cursor ? { _start: cursor } : {}) } } }));
    return { items: page.resources, next: queryParam(page.next_url, '_start') };
  });
}
export type User = Row<Awaited<ReturnType<typeof listUsers>>>;

export async function listAccessGroups(s: Session) {
  return collectPages(async (cursor) => {
    const page = await ok(s.client.GET('/v2/groups', { params: { query: { account_id: s.accountId, limit: 100, offset: Number(cursor ?? 0) } } }));
    return { items: page.groups, next: queryParam(page.next?.href, 'offset') };
  });
}
export type AccessGroup = Row<Awaited<ReturnType<typeof listAccessGroups>>>;

export async function listServiceIds(s: Session) {
  return collectPages(async (cursor) => {
    const page = await ok(s.client.GET('/v1/serviceids/', { params: { query: { account_id: s.accountId, pagesize: 100, ...(cursor ? { pagetoken: cursor } : {}) } } }));
    return { items: page.serviceids, next: queryParam(page.next, 'pagetoken') };
  });
}
export type ServiceId = Row<Awaited<ReturnType<typeof listServiceIds>>>;

export async function listApiKeys(s: Session, scope: 'entity' | 'account' = 'entity', iamId?: string) {
  return collectPages(async (cursor) => {
    const page = await ok(s.client.GET('/v1/apikeys', { params: { query: { account_id: s.accountId, scope, pagesize: 100, ...(iamId ? { iam_id: iamId } : {}), ...(cursor ? { pagetoken: cursor } : {}) } } }));
    return { items: page.apikeys, next: queryParam(page.next, 'pagetoken') };
  });
}
export type ApiKey = Row<Awaited<ReturnType<typeof listApiKeys>>>;

export async function listInstances(s: Session) {
  return collectPages(async (cursor) => {
    const page = await ok(s.client.GET('/v2/resource_instances', { params: { query: { limit: 100, ...(cursor ? { start: cursor } : {}) } } }));
    return { items: page.resources, next: queryParam(page.next_url, 'start') };
  });
}
export type Instance = Row<Awaited<ReturnType<typeof listInstances>>>;

export async function listResourceGroups(s: Session) {
  return (await ok(s.client.GET('/v2/resource_groups', { params: { query: { account_id: s.accountId } } }))).resources;
}
export type ResourceGroup = Row<Awaited<ReturnType<typeof listResourceGroups>>>;

export async function listRoles(s: Session, serviceName?: string) {
  return ok(s.client.GET('/v2/roles', { params: { query: { account_id: s.accountId, ...(serviceName ? { service_name: serviceName } : {}) } } }));
}
export type CustomRole = Awaited<ReturnType<typeof listRoles>>['custom_roles'][number];

/** The last segment of a role CRN: `Viewer`, `Writer`, or a custom role's name. */
export function roleName(crn: string): string {
  return crn.slice(crn.lastIndexOf(':') + 1);
}

export async function groupMembers(s: Session, groupId: string) {
  return collectPages(async (cursor) => {
    const page = await ok(s.client.GET('/v2/groups/{access_group_id}/members', { params: { path: { access_group_id: groupId }, query: { limit: 100, offset: Number(cursor ?? 0), verbose: true } } }));
    return { items: page.members, next: queryParam(page.next?.href, 'offset') };
  });
}

export async function policiesOf(s: Session, query: { access_group_id?: string; iam_id?: string } = {}): Promise<V1Policy[]> {
  return collectPages(async (cursor) => {
    const page = await ok(s.client.GET('/v1/policies', { params: { query: { account_id: s.accountId, type: 'access', limit: 100, ...query, ...(cursor ? { start: cursor } : {}) } } }));
    return { items: page.policies as V1Policy[], next: page.next?.start };
  });
}
