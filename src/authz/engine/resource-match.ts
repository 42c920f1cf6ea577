/**
 * Matching a policy's resource attributes against a request's resource: which services a policy
 * covers (its scope, as a bitmask over the catalog's services) and the remaining attributes as
 * compiled matchers.
 */
import { IAM_ENABLED_SERVICES, IAM_SERVICE_GROUP, PLATFORM_SERVICES } from './catalog/catalog.js';
import { SERVICES } from './catalog/services.js';
import type { ResourceCondition, ResourceRef } from './types.js';

/** Each service's index in the catalog: its bit in a scope mask and its row in a role set. */
export const SERVICE_INDEX: ReadonlyMap<string, number> = new Map(SERVICES.map((s, i) => [s.name, i]));
if (SERVICES.length > 31) throw new Error('the decision engine keeps services in a 31-bit mask');

const maskOf = (names: readonly string[]): number => names.reduce((m, n) => m | (1 << SERVICE_INDEX.get(n)!), 0);

/** The services a policy covers, and how to say so. */
export interface ServiceScope {
  readonly mask: number;
  readonly description: string;
}

const scopes = new Map<string, ServiceScope>();
function scope(mask: number, description: string): ServiceScope {
  let s = scopes.get(description);
  if (!s) {
    s = Object.freeze({ mask, description });
    scopes.set(description, s);
  }
  return s;
}

/** Attributes that choose services rather than narrow the resource. */
export const SCOPE_ATTRIBUTES: ReadonlySet<string> = new Set(['accountId', 'serviceName', 'serviceType', 'service_group_id']);

/**
 * The services a policy's resource covers. Without `serviceName`, `serviceType` or
 * `service_group_id`, a policy covers every IAM-enabled service ("All Identity and Access enabled
 * services"), except IBM's resource-group form (`resourceType: resource-group`), which is about
 * resource groups.
 */
export function scopeOf(conditions: readonly ResourceCondition[]): ServiceScope {
  for (const c of conditions) {
    if (c.name === 'serviceName') {
      const i = SERVICE_INDEX.get(c.value as string);
      return scope(i === undefined ? 0 : 1 << i, `serviceName=${String(c.value)}`);
    }
    if (c.name === 'serviceType') {
      return c.value === 'service'
        ? scope(maskOf(IAM_ENABLED_SERVICES), 'serviceType=service (every IAM-enabled service)')
        : c.value === 'platform_service'
          ? scope(maskOf(PLATFORM_SERVICES), 'serviceType=platform_service (every account management service)')
          : scope(0, `serviceType=${String(c.value)}`);
    }
    if (c.name === 'service_group_id') {
      return c.value === 'IAM' ? scope(maskOf(IAM_SERVICE_GROUP), 'service_group_id=IAM (every IAM account management service)') : scope(0, `service_group_id=${String(c.value)}`);
    }
  }
  if (conditions.some((c) => c.name === 'resourceType' && c.operator === 'stringEquals' && c.value === 'resource-group')) {
    return scope(maskOf(['resource-controller']), 'resource groups');
  }
  return scope(maskOf(IAM_ENABLED_SERVICES), 'every IAM-enabled service');
}

// ---------------------------------------------------------------------------------------------

const ATTR_SERVICE_INSTANCE = 0;
const ATTR_RESOURCE_GROUP_ID = 1;
const ATTR_RESOURCE_TYPE = 2;
const ATTR_RESOURCE = 3;
const ATTR_REGION = 4;

const ATTR_CODES: Readonly<Record<string, number>> = {
  serviceInstance: ATTR_SERVICE_INSTANCE,
  resourceGroupId: ATTR_RESOURCE_GROUP_ID,
  resourceType: ATTR_RESOURCE_TYPE,
  resource: ATTR_RESOURCE,
  region: ATTR_REGION,
};

const OP_EQUALS = 0;
const OP_MATCH = 1;
const OP_EXISTS = 2;
const OP_EQUALS_ANY = 3;
const OP_MATCH_ANY = 4;

/** A request attribute by code; an empty string counts as absent. */
export function requestAttribute(r: ResourceRef, attr: number): string | undefined {
  let v: string | undefined;
  switch (attr) {
    case ATTR_SERVICE_INSTANCE:
      v = r.serviceInstance;
      break;
    case ATTR_RESOURCE_GROUP_ID:
      v = r.resourceGroupId;
      break;
    case ATTR_RESOURCE_TYPE:
      v = r.resourceType;
      break;
    case ATTR_RESOURCE:
      v = r.resource;
      break;
    default:
      v = r.region;
  }
  return v === '' ? undefined : v;
}

/** `stringMatch` pattern → anchored RegExp: `*` any run of characters, `?` exactly one. */
export function compileGlob(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[\\^$.|+()[\]{}/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

/** One narrowing attribute of a policy, compiled. */
export class AttrMatcher {
  constructor(
    readonly attr: number,
    readonly op: number,
    readonly str: string,
    readonly strs: readonly string[] | null,
    readonly patterns: readonly RegExp[] | null,
    readonly exists: boolean,
    readonly source: ResourceCondition,
  ) {}
}

export function compileMatcher(c: ResourceCondition): AttrMatcher {
  const attr = ATTR_CODES[c.name]!;
  switch (c.operator) {
    case 'stringEquals':
      return new AttrMatcher(attr, OP_EQUALS, c.value as string, null, null, false, c);
    case 'stringMatch':
      return new AttrMatcher(attr, OP_MATCH, '', null, [compileGlob(c.value as string)], false, c);
    case 'stringExists':
      return new AttrMatcher(attr, OP_EXISTS, '', null, null, c.value === true, c);
    case 'stringEqualsAnyOf':
      return new AttrMatcher(attr, OP_EQUALS_ANY, '', c.value as readonly string[], null, false, c);
    default:
      return new AttrMatcher(attr, OP_MATCH_ANY, '', null, (c.value as readonly string[]).map(compileGlob), false, c);
  }
}

/** Whether one matcher accepts the request's resource. An attribute the request lacks matches only `stringExists: false`. */
export function matcherAccepts(m: AttrMatcher, r: ResourceRef): boolean {
  const v = requestAttribute(r, m.attr);
  if (m.op === OP_EXISTS) return (v !== undefined) === m.exists;
  if (v === undefined) return false;
  switch (m.op) {
    case OP_EQUALS:
      return v === m.str;
    case OP_EQUALS_ANY:
      return m.strs!.includes(v);
    default: {
      const p = m.patterns!;
      for (let i = 0; i < p.length; i++) if (p[i]!.test(v)) return true;
      return false;
    }
  }
}

export function matchersAccept(ms: readonly AttrMatcher[], r: ResourceRef): boolean {
  for (let i = 0; i < ms.length; i++) if (!matcherAccepts(ms[i]!, r)) return false;
  return true;
}

/** Why a matcher rejects a resource, e.g. `resource attribute serviceInstance=X does not match Y`. */
export function describeMismatch(m: AttrMatcher, r: ResourceRef): string {
  const name = m.source.name;
  const v = requestAttribute(r, m.attr);
  const actual = v === undefined ? `resource has no ${name}` : `resource attribute ${name}=${v}`;
  switch (m.source.operator) {
    case 'stringExists':
      return m.exists ? `resource has no ${name} (the policy requires one)` : `resource attribute ${name}=${v} is set (the policy requires none)`;
    case 'stringEquals':
      return `${actual} does not match ${m.str}`;
    case 'stringMatch':
      return `${actual} does not match the pattern ${String(m.source.value)}`;
    case 'stringEqualsAnyOf':
      return `${actual} is not one of ${(m.strs ?? []).join(', ')}`;
    default:
      return `${actual} matches none of the patterns ${(m.source.value as readonly string[]).join(', ')}`;
  }
}
