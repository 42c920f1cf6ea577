/**
 * Names accepted wherever ids are: each resolver lists what the caller may see and picks the one entry whose id,
 * name (or email, CRN…) matches. No match and several matches are both errors that say what was found.
 */
import { ok } from '#src/client/client.js';
import { CliError } from './io.js';
import { listAccessGroups, listApiKeys, listInstances, listResourceGroups, listRoles, listServiceIds, listUsers, roleName, type AccessGroup, type ApiKey, type CustomRole, type Instance, type ResourceGroup, type ServiceId, type User } from './listings.js';
import type { Session } from './session.js';

/** Nothing has the name or id asked for (as opposed to several things having it). */
export class NotFound extends CliError {}

/** Picks the entry of `rows` that `ref` names; `keys` are the fields compared (ids first, exactly; names without case). */
export function pickOne<T>(kind: string, ref: string, rows: readonly T[], ids: (row: T) => (string | undefined)[], names: (row: T) => (string | undefined)[], describe: (row: T) => string): T {
  const byId = rows.filter((r) => ids(r).includes(ref));
  if (byId.length === 1) return byId[0]!;
  const lower = ref.toLowerCase();
  const byName = rows.filter((r) => names(r).some((n) => n !== undefined && n.toLowerCase() === lower));
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new CliError(`'${ref}' names ${byName.length} ${kind}s: ${byName.map(describe).join(', ')}; use the id instead`);
  }
  throw new NotFound(`no ${kind} '${ref}' found (looked for its id or name among ${rows.length} ${kind}s you may see)`);
}

export async function resolveUser(s: Session, ref: string): Promise<User> {
  return pickOne('user', ref, await listUsers(s), (u) => [u.iam_id, u.id], (u) => [u.email, u.user_id], (u) => `${u.email} (${u.iam_id})`);
}

export async function resolveAccessGroup(s: Session, ref: string): Promise<AccessGroup> {
  return pickOne('access group', ref, await listAccessGroups(s), (g) => [g.id], (g) => [g.name], (g) => `${g.name} (${g.id})`);
}

export async function resolveServiceId(s: Session, ref: string): Promise<ServiceId> {
  return pickOne('service ID', ref, await listServiceIds(s), (x) => [x.id, x.iam_id], (x) => [x.name], (x) => `${x.name} (${x.id})`);
}

/** A member or subject: a user (email or IAM id) or a service ID (name, id or IAM id). */
export async function resolveIdentity(s: Session, ref: string): Promise<{ iamId: string; type: 'user' | 'service'; label: string }> {
  if (ref.startsWith('iam-ServiceId-') || ref.startsWith('ServiceId-')) {
    const sid = await resolveServiceId(s, ref);
    return { iamId: sid.iam_id, type: 'service', label: sid.name };
  }
  if (ref.includes('@') || ref.startsWith('QGid-')) {
    const user = await resolveUser(s, ref);
    return { iamId: user.iam_id, type: 'user', label: user.email };
  }
  // A bare name is a service ID's; several service IDs of that name are reported, not taken for a missing one.
  const sid = await resolveServiceId(s, ref).catch((err: unknown) => {
    if (err instanceof NotFound) return undefined;
    throw err;
  });
  if (sid) return { iamId: sid.iam_id, type: 'service', label: sid.name };
  const user = await resolveUser(s, ref).catch((err: unknown) => {
    if (err instanceof NotFound) throw new NotFound(`no service ID or person '${ref}' found (people by email or IAM ID, service IDs by name or id)`);
    throw err;
  });
  return { iamId: user.iam_id, type: 'user', label: user.email };
}

/** An API key by id, or by name among the caller's own keys (then the account's, when the caller may list them). */
export async function resolveApiKey(s: Session, ref: string): Promise<ApiKey> {
  if (/^ApiKey-/.test(ref)) return ok(s.client.GET('/v1/apikeys/{id}', { params: { path: { id: ref } } }));
  const own = await listApiKeys(s, 'entity');
  if (own.some((k) => k.name.toLowerCase() === ref.toLowerCase())) return pickOne('API key', ref, own, (k) => [k.id], (k) => [k.name], (k) => `${k.name} (${k.id})`);
  const all = await listApiKeys(s, 'account').catch(() => own);
  return pickOne('API key', ref, all, (k) => [k.id], (k) => [k.name], (k) => `${k.name} (${k.id}, ${k.iam_id})`);
}

export async function resolveInstance(s: Session, ref: string): Promise<Instance> {
  return pickOne('service instance', ref, await listInstances(s), (i) => [i.guid, i.id, i.crn], (i) => [i.name], (i) => `${i.name} (${i.guid})`);
}

/** A resource group by id or name; no ref means the account's default group. */
export async function resolveResourceGroup(s: Session, ref: string | undefined): Promise<ResourceGroup> {
  const groups = await listResourceGroups(s);
  if (ref === undefined) {
    const def = groups.find((g) => g.default);
    if (!def) throw new CliError('the account has no default resource group you may see; name one with -g');
    return def;
  }
  return pickOne('resource group', ref, groups, (g) => [g.id, g.crn], (g) => [g.name], (g) => `${g.name} (${g.id})`);
}

export async function resolveCustomRole(s: Session, ref: string): Promise<CustomRole> {
  const { custom_roles } = await listRoles(s);
  return pickOne('custom role', ref, custom_roles, (r) => [r.id, r.crn], (r) => [r.name, r.display_name], (r) => `${r.name} (${r.id})`);
}

export interface RoleChoice {
  crn: string;
  names: string[];
}

/** The roles a policy on one service may grant, each with the names it answers to. */
export async function roleChoices(s: Session, serviceName: string | undefined): Promise<RoleChoice[]> {
  const roles = await listRoles(s, serviceName);
  return [
    ...roles.system_roles.map((r) => ({ crn: r.crn, names: [roleName(r.crn), r.display_name] })),
    ...roles.service_roles.map((r) => ({ crn: r.crn, names: [roleName(r.crn), r.display_name] })),
    ...roles.custom_roles.map((r) => ({ crn: r.crn, names: [r.name, r.display_name] })),
  ].filter((r, i, all) => all.findIndex((o) => o.crn === r.crn) === i);
}

/** One role name (Viewer, Writer, a custom role's name or display name) or CRN to the CRN a policy takes. */
export function pickRole(choices: readonly RoleChoice[], name: string): string {
  return name.startsWith('crn:') ? name : pickOne('role', name, choices, () => [], (r) => r.names, (r) => r.crn).crn;
}

/** Role names or CRNs to the CRNs a policy takes, for one service. */
export async function resolveRoleCrns(s: Session, serviceName: string | undefined, names: readonly string[]): Promise<string[]> {
  const choices = await roleChoices(s, serviceName);
  return names.map((n) => pickRole(choices, n));
}
