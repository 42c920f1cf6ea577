/**
 * The organization file's model (schemas/org.schema.json describes the YAML): what `qgate apply` makes true and
 * what `qgate export` writes. Everything is named, never identified by id, so one file can set up any account.
 */

export interface OrgFile {
  version: 1;
  resourceGroups?: ResourceGroupSpec[];
  instances?: InstanceSpec[];
  roles?: RoleSpec[];
  serviceIds?: ServiceIdSpec[];
  accessGroups?: AccessGroupSpec[];
  users?: UserSpec[];
}

export interface ResourceGroupSpec {
  name: string;
}

export interface InstanceSpec {
  name: string;
  /** A plan of the quantum-computing service: `open` or `standard`. */
  plan: string;
  location: string;
  /** Resource group name; the account's default group when left out. */
  resourceGroup?: string;
}

export interface RoleSpec {
  name: string;
  displayName?: string;
  description?: string;
  /** The service whose actions the role grants (default quantum-computing). */
  service?: string;
  actions: string[];
}

export interface ServiceIdSpec {
  name: string;
  description?: string;
}

export interface PolicySpec {
  /** Role names: Viewer, Operator, Editor, Administrator, Reader, Writer, Manager, or a custom role's name. */
  roles: string[];
  service?: string;
  /** A service instance's name (implies service quantum-computing). */
  instance?: string;
  resourceGroup?: string;
  resourceType?: string;
  resource?: string;
}

export interface AccessGroupSpec {
  name: string;
  description?: string;
  /** People, by email. Left out: the group's people are not managed. */
  members?: string[];
  /** Service IDs, by name. Left out: the group's service IDs are not managed. */
  serviceIds?: string[];
  /** Left out: the group's policies are not managed. */
  policies?: PolicySpec[];
}

export interface UserSpec {
  /** A person of the account; invited when not yet one. */
  email: string;
}

/** A place in the file, as keys and list indexes from its top: `['accessGroups', 0, 'members', 2]`. */
export type DocPath = (string | number)[];

/** The kinds of things a file manages, in the order they are created. */
export const SECTIONS = ['resourceGroups', 'instances', 'roles', 'serviceIds', 'accessGroups', 'users'] as const;
export type Section = (typeof SECTIONS)[number];

/** What a policy applies to, as a stable key: `service=quantum-computing instance=QR-ml`. */
export function policyTarget(p: Omit<PolicySpec, 'roles'>): string {
  const service = p.service ?? (p.instance !== undefined ? 'quantum-computing' : undefined);
  const parts: string[] = [];
  if (service !== undefined) parts.push(`service=${service}`);
  if (p.instance !== undefined) parts.push(`instance=${p.instance}`);
  if (p.resourceGroup !== undefined) parts.push(`resource-group=${p.resourceGroup}`);
  if (p.resourceType !== undefined) parts.push(`resourceType=${p.resourceType}`);
  if (p.resource !== undefined) parts.push(`resource=${p.resource}`);
  return parts.length === 0 ? 'the whole account' : parts.join(' ');
}

export const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};
