/**
 * Reads an account through the API into the organization file's model (what `qgate export` writes), keeping
 * the ids the executor needs. Policies the format cannot express (conditions, other operators, unknown
 * instances) are set aside as unmanaged: reported, never changed.
 */
import { okWithEtag } from '#src/client/etag.js';
import { attributesOf, type V1Policy } from '../policy-view.js';
import { groupMembers, listAccessGroups, listInstances, listResourceGroups, listRoles, listServiceIds, listUsers, policiesOf, roleName } from '../listings.js';
import type { Session } from '../session.js';
import { policyTarget, type AccessGroupSpec, type InstanceSpec, type OrgFile, type PolicySpec, type RoleSpec } from './model.js';

const PUBLIC_ACCESS = 'AccessGroupId-PublicAccess';

export interface CurrentPolicy extends PolicySpec {
  id: string;
  /** Other policies of the group on the same resource, folded into this one (`roles` is the union of all). */
  alsoIds?: string[];
}

/** Folds a group's policies on the same resource into one, as the file has one policy per resource. */
function foldSameResource(policies: readonly CurrentPolicy[]): CurrentPolicy[] {
  const byTarget = new Map<string, CurrentPolicy>();
  for (const p of policies) {
    const first = byTarget.get(key(policyTarget(p)));
    if (!first) {
      byTarget.set(key(policyTarget(p)), { ...p, roles: [...p.roles] });
      continue;
    }
    for (const r of p.roles) if (!first.roles.some((x) => key(x) === key(r))) first.roles.push(r);
    first.alsoIds = [...(first.alsoIds ?? []), p.id];
  }
  return [...byTarget.values()];
}

export interface CurrentGroup extends AccessGroupSpec {
  id: string;
  members: string[];
  serviceIds: string[];
  policies: CurrentPolicy[];
}

/** The account as the model sees it, with ids. Names are compared without case, as the server does. */
export interface CurrentState {
  defaultResourceGroup: string;
  resourceGroups: Map<string, { name: string; id: string }>;
  instances: Map<string, InstanceSpec & { guid: string }>;
  roles: Map<string, Required<RoleSpec> & { id: string }>;
  serviceIds: Map<string, { name: string; description: string; id: string; iamId: string }>;
  accessGroups: Map<string, CurrentGroup>;
  users: Map<string, { email: string; iamId: string; state: string }>;
  /** Names that appear more than once in the account (the file cannot tell them apart). */
  ambiguous: string[];
  /** Things the file format cannot express, left alone. */
  unmanaged: string[];
}

export const key = (name: string) => name.toLowerCase();

function byName<T>(rows: T[], name: (r: T) => string, kind: string, ambiguous: string[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) {
    if (out.has(key(name(r)))) ambiguous.push(`${kind} '${name(r)}'`);
    else out.set(key(name(r)), r);
  }
  return out;
}

const MANAGED_ATTRIBUTES = new Set(['accountId', 'serviceName', 'serviceInstance', 'resourceGroupId', 'resourceType', 'resource']);

/** A v1 policy in the file's terms, or a reason why it cannot be one. */
function policySpec(p: V1Policy, instanceNames: Map<string, string>, groupNames: Map<string, string>): CurrentPolicy | string {
  const resources = Array.isArray(p.resources) ? p.resources : [];
  if (resources.length !== 1) return 'it has several resources';
  const attrs = attributesOf(p.resources);
  const spec: CurrentPolicy = { id: p.id, roles: p.roles.map((r) => roleName(r.role_id)) };
  for (const a of attrs) {
    if (!MANAGED_ATTRIBUTES.has(a.name)) return `it narrows by '${a.name}'`;
    if (a.operator !== undefined && a.operator !== 'stringEquals') return `it uses the operator '${a.operator}'`;
    if (a.name === 'serviceName') spec.service = a.value;
    else if (a.name === 'serviceInstance') {
      const name = instanceNames.get(a.value);
      if (name === undefined) return `its instance ${a.value} is not an instance you may see`;
      spec.instance = name;
    } else if (a.name === 'resourceGroupId') {
      const name = groupNames.get(a.value);
      if (name === undefined) return `its resource group ${a.value} is unknown`;
      spec.resourceGroup = name;
    } else if (a.name === 'resourceType') spec.resourceType = a.value;
    else if (a.name === 'resource') spec.resource = a.value;
  }
  if ((p as { rule?: unknown }).rule !== undefined) return 'it has time conditions';
  // An instance implies its service; writing both would be noise.
  if (spec.instance !== undefined && spec.service === 'quantum-computing') delete spec.service;
  return spec;
}

export async function readCurrentState(s: Session): Promise<CurrentState> {
  const ambiguous: string[] = [];
  const unmanaged: string[] = [];
  const [rgs, instances, roles, sids, groups, users] = await Promise.all([
    listResourceGroups(s), listInstances(s), listRoles(s), listServiceIds(s), listAccessGroups(s), listUsers(s),
  ]);
  const rgName = new Map(rgs.map((g) => [g.id, g.name]));
  const defaultGroup = rgs.find((g) => g.default);
  const instanceName = new Map(instances.map((i) => [i.guid, i.name]));
  const sidName = new Map(sids.map((x) => [x.iam_id, x.name]));

  const state: CurrentState = {
    defaultResourceGroup: defaultGroup?.name ?? 'Default',
    resourceGroups: byName(rgs.map((g) => ({ name: g.name, id: g.id })), (g) => g.name, 'resource group', ambiguous),
    instances: byName(
      instances.map((i) => ({ name: i.name, plan: i.resource_plan_id, location: i.region_id, resourceGroup: rgName.get(i.resource_group_id) ?? i.resource_group_id, guid: i.guid })),
      (i) => i.name, 'instance', ambiguous,
    ),
    roles: byName(
      roles.custom_roles.map((r) => ({ name: r.name, displayName: r.display_name, description: r.description, service: r.service_name, actions: r.actions, id: r.id })),
      (r) => r.name, 'custom role', ambiguous,
    ),
    serviceIds: byName(sids.map((x) => ({ name: x.name, description: x.description, id: x.id, iamId: x.iam_id })), (x) => x.name, 'service ID', ambiguous),
    accessGroups: new Map(),
    users: byName(users.map((u) => ({ email: u.email, iamId: u.iam_id, state: u.state })), (u) => u.email, 'user', ambiguous),
    ambiguous,
    unmanaged,
  };

  const visible = groups.filter((g) => g.id !== PUBLIC_ACCESS);
  const details = await Promise.all(visible.map(async (g) => {
    const [members, policies] = await Promise.all([groupMembers(s, g.id), policiesOf(s, { access_group_id: g.id })]);
    return { g, members, policies };
  }));
  const groupRows: CurrentGroup[] = details.map(({ g, members, policies }) => {
    const people: string[] = [];
    const services: string[] = [];
    for (const m of members) {
      if (m.membership_type !== 'static') continue;
      if (m.type === 'user' && m.email) people.push(m.email);
      else if (m.type === 'service' && sidName.has(m.iam_id)) services.push(sidName.get(m.iam_id)!);
      else unmanaged.push(`member ${m.iam_id} of access group '${g.name}' (a ${m.type})`);
    }
    const specs: CurrentPolicy[] = [];
    for (const p of policies) {
      const spec = policySpec(p, instanceName, rgName);
      if (typeof spec === 'string') unmanaged.push(`policy ${p.id} of access group '${g.name}': ${spec}`);
      else specs.push(spec);
    }
    return { id: g.id, name: g.name, description: g.description, members: people, serviceIds: services, policies: foldSameResource(specs) };
  });
  state.accessGroups = byName(groupRows, (g) => g.name, 'access group', ambiguous);
  return state;
}

/** A policy with its keys in reading order: what it is on, then the roles. */
function policyForFile(p: CurrentPolicy): PolicySpec {
  return {
    ...(p.service !== undefined ? { service: p.service } : {}),
    ...(p.instance !== undefined ? { instance: p.instance } : {}),
    ...(p.resourceGroup !== undefined ? { resourceGroup: p.resourceGroup } : {}),
    ...(p.resourceType !== undefined ? { resourceType: p.resourceType } : {}),
    ...(p.resource !== undefined ? { resource: p.resource } : {}),
    roles: p.roles,
  };
}

/** The account as an organization file (what `qgate export` writes): stable order, defaults left out. */
export function toOrgFile(state: CurrentState): OrgFile {
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
  const file: OrgFile = { version: 1 };
  file.resourceGroups = sorted(state.resourceGroups).map((g) => ({ name: g.name }));
  file.instances = sorted(state.instances).map((i) => ({
    name: i.name, plan: i.plan, location: i.location,
    ...(i.resourceGroup && i.resourceGroup !== state.defaultResourceGroup ? { resourceGroup: i.resourceGroup } : {}),
  }));
  file.roles = sorted(state.roles).map((r) => ({
    name: r.name,
    ...(r.displayName !== r.name ? { displayName: r.displayName } : {}),
    ...(r.description ? { description: r.description } : {}),
    ...(r.service !== 'quantum-computing' ? { service: r.service } : {}),
    actions: [...r.actions],
  }));
  file.serviceIds = sorted(state.serviceIds).map((x) => ({ name: x.name, ...(x.description ? { description: x.description } : {}) }));
  file.accessGroups = sorted(state.accessGroups).map((g) => ({
    name: g.name,
    ...(g.description ? { description: g.description } : {}),
    members: [...g.members].sort(),
    ...(g.serviceIds.length > 0 ? { serviceIds: [...g.serviceIds].sort() } : {}),
    policies: g.policies.map(policyForFile).sort((a, b) => policyTarget(a).localeCompare(policyTarget(b))),
  }));
  file.users = sorted(state.users).map((u) => ({ email: u.email }));
  return file;
}

/** Reads one policy's entity tag, for a replacement. */
export async function policyEtag(s: Session, id: string): Promise<string> {
  return (await okWithEtag(s.client.GET('/v1/policies/{policy_id}', { params: { path: { policy_id: id } } }))).etag;
}
