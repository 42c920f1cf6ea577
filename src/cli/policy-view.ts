/**
 * Policies as people read them: `Viewer, Writer on quantum-computing instance QR-ml` rather than attribute lists
 * of GUIDs and role CRNs.
 */
import { roleName } from './listings.js';

export interface PolicyAttribute {
  name: string;
  value: string;
  operator?: string;
}

/** The v1 policy fields the CLI reads (the generated types leave `resources` and `subjects` open). */
export interface V1Policy {
  id: string;
  type: string;
  description: string;
  roles: { role_id: string; display_name: string }[];
  resources: unknown;
  subjects: unknown;
}

export function attributesOf(v: unknown): PolicyAttribute[] {
  const first = Array.isArray(v) ? (v[0] as { attributes?: unknown } | undefined) : undefined;
  return Array.isArray(first?.attributes) ? (first.attributes as PolicyAttribute[]) : [];
}

/** `service=quantum-computing instance=QR-ml`, with GUIDs and group ids replaced by names where known. */
export function describeResource(attrs: readonly PolicyAttribute[], names: { instances?: Map<string, string>; resourceGroups?: Map<string, string> } = {}): string {
  const parts = attrs
    .filter((a) => a.name !== 'accountId')
    .map((a) => {
      const op = a.operator && a.operator !== 'stringEquals' ? `(${a.operator})` : '';
      if (a.name === 'serviceName') return `service${op}=${a.value}`;
      if (a.name === 'serviceInstance') return `instance${op}=${names.instances?.get(a.value) ?? a.value}`;
      if (a.name === 'resourceGroupId') return `resource-group${op}=${names.resourceGroups?.get(a.value) ?? a.value}`;
      return `${a.name}${op}=${a.value}`;
    });
  return parts.length === 0 ? 'all resources in the account' : parts.join(' ');
}

export function roleNames(policy: V1Policy): string[] {
  return policy.roles.map((r) => roleName(r.role_id));
}
