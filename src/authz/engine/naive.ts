/**
 * A deliberately naive evaluator of the same semantics as the decision index, for tests only: it
 * reads the policies' JSON as stored, on every question, with no index, no compilation and no
 * shared code beyond the catalog's role → action table and the shape check that decides which
 * policies the index accepts. Written to be obviously right, not fast.
 */
import { getService, isServiceAction, roleActions } from './catalog/catalog.js';
import type { SystemRoleName } from './catalog/roles.js';
import { parsePolicy } from './parse-policy.js';
import { PUBLIC_ACCESS_GROUP_ID, type CustomRoleInput, type DecisionRequest, type MembershipInput } from './types.js';

/** Everything the naive evaluator knows, as plain data. */
export interface NaiveWorld {
  /** Policy id → the account it belongs to and its JSON (v1 or v2). */
  readonly policies: Map<string, { accountId: string; policy: unknown }>;
  /** Custom roles by CRN as given. */
  readonly customRoles: Map<string, CustomRoleInput>;
  readonly memberships: MembershipInput[];
  /** Accounts whose Public Access setting was changed (default: enabled). */
  readonly publicAccess: Map<string, boolean>;
}

export interface NaiveAnswer {
  readonly permitted: boolean;
  /** Ids of the policies that grant. */
  readonly granting: string[];
  /** Ids of the policies that apply to the subject at all. */
  readonly applicable: string[];
}

export function emptyNaiveWorld(): NaiveWorld {
  return { policies: new Map(), customRoles: new Map(), memberships: [], publicAccess: new Map() };
}

type Json = Record<string, any>;

interface Attribute {
  name: string;
  operator: string;
  value: any;
}

/** Role CRN → `system:<Name>` or `custom:<account>/<Name>`, whatever the cname; undefined otherwise. */
function roleKey(crn: string): string | undefined {
  const system = /^crn:v1:[A-Za-z0-9_.-]+:public:iam::::(?:role|serviceRole):([A-Za-z][A-Za-z0-9_-]*)$/.exec(crn);
  if (system) return `system:${system[1]}`;
  const custom = /^crn:v1:[A-Za-z0-9_.-]+:public:iam-access-management::a\/([A-Za-z0-9_.-]+)::customRole:([A-Za-z][A-Za-z0-9_-]*)$/.exec(crn);
  if (custom) return `custom:${custom[1]}/${custom[2]}`;
  return undefined;
}

/** `*` matches any run of characters, `?` exactly one; everything else itself. */
function globMatches(pattern: string[], text: string[]): boolean {
  if (pattern.length === 0) return text.length === 0;
  const [first, ...rest] = pattern;
  if (first === '*') {
    for (let skip = 0; skip <= text.length; skip++) if (globMatches(rest, text.slice(skip))) return true;
    return false;
  }
  if (text.length === 0) return false;
  return (first === '?' || first === text[0]) && globMatches(rest, text.slice(1));
}

function attributeMatches(attr: Attribute, actual: string | undefined): boolean {
  const present = actual !== undefined && actual !== '';
  switch (attr.operator) {
    case 'stringExists':
      return present === attr.value;
    case 'stringEquals':
      return present && actual === attr.value;
    case 'stringMatch':
      return present && globMatches([...attr.value], [...actual!]);
    case 'stringEqualsAnyOf':
      return present && attr.value.includes(actual);
    case 'stringMatchAnyOf':
      return present && attr.value.some((p: string) => globMatches([...p], [...actual!]));
    default:
      return false;
  }
}

/** Minutes east of UTC of a `+05:30`/`-04:00`/`Z` suffix. */
function offsetOf(text: string): number {
  if (text.endsWith('Z')) return 0;
  const m = /([+-])(\d\d):(\d\d)$/.exec(text)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The wall clock at a UTC offset, read with UTC getters. */
function wallClock(now: Date, offsetMinutes: number): Date {
  return new Date(now.getTime() + offsetMinutes * 60_000);
}

function conditionHolds(rule: Json, now: Date): boolean {
  if (rule.operator === 'and') return rule.conditions.every((c: Json) => conditionHolds(c, now));
  if (rule.operator === 'or') return rule.conditions.some((c: Json) => conditionHolds(c, now));
  switch (rule.operator) {
    case 'dateTimeGreaterThanOrEquals':
      return now.getTime() >= Date.parse(rule.value);
    case 'dateTimeLessThanOrEquals':
      return now.getTime() <= Date.parse(rule.value);
    case 'dayOfWeekAnyOf':
      return rule.value.some((entry: string) => {
        const day = wallClock(now, offsetOf(entry)).getUTCDay();
        return (day === 0 ? 7 : day) === Number(entry[0]);
      });
    case 'timeGreaterThanOrEquals':
    case 'timeLessThanOrEquals': {
      const [h, m, s] = rule.value.replace(/(Z|[+-]\d\d:\d\d)$/, '').split(':').map(Number);
      const wanted = h * 3600 + m * 60 + (s ?? 0);
      const clock = wallClock(now, offsetOf(rule.value));
      const current = clock.getUTCHours() * 3600 + clock.getUTCMinutes() * 60 + clock.getUTCSeconds();
      return rule.operator === 'timeGreaterThanOrEquals' ? current >= wanted : current <= wanted;
    }
    default:
      return false;
  }
}

/** The policy's parts, read straight from its JSON. */
function read(policy: Json): { subjectKind: string; subjectValue: string; roles: string[]; attributes: Attribute[]; rule: Json | undefined } {
  if (policy.subjects) {
    const s = policy.subjects[0].attributes[0];
    return {
      subjectKind: s.name,
      subjectValue: s.value,
      roles: policy.roles.map((r: Json) => r.role_id),
      attributes: policy.resources[0].attributes.map((a: Json) => ({ name: a.name, operator: a.operator ?? 'stringEquals', value: a.value })),
      rule: undefined,
    };
  }
  const s = policy.subject.attributes[0];
  return {
    subjectKind: s.key,
    subjectValue: s.value,
    roles: policy.control.grant.roles.map((r: Json) => r.role_id),
    attributes: policy.resource.attributes.map((a: Json) => ({ name: a.key, operator: a.operator, value: a.value })),
    rule: policy.rule,
  };
}

const checked = new WeakMap<object, boolean>();
/** Whether the index would accept the policy's shape (remembered per object: the check is the slow part). */
function wellFormed(policy: unknown): boolean {
  if (typeof policy !== 'object' || policy === null) return false;
  let ok = checked.get(policy);
  if (ok === undefined) checked.set(policy, (ok = parsePolicy(policy).ok));
  return ok;
}

/** Answers a request by looking at every policy of the world. */
export function naiveEvaluate(world: NaiveWorld, request: DecisionRequest): NaiveAnswer {
  const granting: string[] = [];
  const applicable: string[] = [];
  const { subject, resource, action, now } = request;
  if (subject.accountId !== resource.accountId) return { permitted: false, granting, applicable };
  const service = getService(resource.serviceName);
  const publicEnabled = world.publicAccess.get(resource.accountId) ?? true;

  for (const [id, { accountId, policy }] of world.policies) {
    // The index refuses malformed and deleted policies; so does this.
    if ((policy as Json)?.state === 'deleted' || !wellFormed(policy)) continue;
    if (accountId !== subject.accountId) continue;
    const p = read(policy as Json);

    let applies = false;
    let active = true;
    if (p.subjectKind === 'iam_id') applies = p.subjectValue === subject.iamId;
    else if (p.subjectValue === PUBLIC_ACCESS_GROUP_ID) {
      applies = true;
      active = publicEnabled;
    } else {
      applies = world.memberships.some((m) => m.accountId === accountId && m.groupId === p.subjectValue && m.iamId === subject.iamId);
    }
    if (!applies) continue;
    applicable.push(id);
    if (!active || !service) continue;

    const attr = (name: string) => p.attributes.find((a) => a.name === name);
    if (attr('accountId')?.value !== resource.accountId) continue;
    const serviceName = attr('serviceName');
    const serviceType = attr('serviceType');
    const serviceGroup = attr('service_group_id');
    let coversService: boolean;
    if (serviceName) coversService = serviceName.value === service.name;
    else if (serviceType) coversService = serviceType.value === service.type;
    else if (serviceGroup) coversService = serviceGroup.value === service.serviceGroupId;
    else if (p.attributes.some((a) => a.name === 'resourceType' && a.operator === 'stringEquals' && a.value === 'resource-group')) coversService = service.name === 'resource-controller';
    else coversService = service.type === 'service';
    if (!coversService) continue;

    const actual: Record<string, string | undefined> = {
      serviceInstance: resource.serviceInstance,
      resourceGroupId: resource.resourceGroupId,
      resourceType: resource.resourceType,
      resource: resource.resource,
      region: resource.region,
    };
    const narrowing = p.attributes.filter((a) => !['accountId', 'serviceName', 'serviceType', 'service_group_id'].includes(a.name));
    if (!narrowing.every((a) => attributeMatches(a, actual[a.name]))) continue;

    const roleGrants = p.roles.some((crn) => {
      const key = roleKey(crn);
      if (key?.startsWith('system:')) return roleActions(key.slice(7) as SystemRoleName, service.name).includes(action);
      if (!key) return false;
      return [...world.customRoles.values()].some(
        (role) =>
          roleKey(role.crn) === key &&
          role.accountId === accountId &&
          role.serviceName === service.name &&
          role.actions.includes(action) &&
          isServiceAction(service.name, action),
      );
    });
    if (!roleGrants) continue;
    if (p.rule !== undefined && !conditionHolds(p.rule, now)) continue;
    granting.push(id);
  }
  return { permitted: granting.length > 0, granting, applicable };
}
