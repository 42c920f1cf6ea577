/**
 * Reads IBM v1 and v2 access policies into the engine's normalised form, checking their shape.
 * Every error names its field (`resources[0].attributes[2].operator: must be one of …`), so the
 * HTTP layer can answer 400 with it. Whether the roles fit the service is checked in validate.ts,
 * which needs the account's custom roles; the index only needs the shape.
 */
import { validateRule } from './conditions.js';
import { parseRoleCrn } from './role-crn.js';
import {
  RESOURCE_ATTRIBUTE_NAMES,
  RESOURCE_OPERATORS,
  type Checked,
  type FieldError,
  type PolicySpec,
  type ResourceAttributeName,
  type ResourceCondition,
  type ResourceOperator,
} from './types.js';

export const POLICY_PATTERNS = [
  'time-based-conditions:once',
  'time-based-conditions:weekly:all-day',
  'time-based-conditions:weekly:custom-hours',
  'attribute-based-condition:resource:literal-and-wildcard',
] as const;

/** Roles one policy may grant at most (IBM does not document a limit; this keeps bodies sane). */
export const MAX_POLICY_ROLES = 20;
const MAX_VALUE_LENGTH = 1000;
const MAX_ANY_OF = 10;
/** Attributes that choose the service(s): exact values only, so the roles can be checked against them. */
const EXACT_ONLY: ReadonlySet<string> = new Set(['accountId', 'serviceName', 'serviceType', 'service_group_id']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Issues {
  readonly list: FieldError[] = [];
  add(field: string, message: string): undefined {
    this.list.push({ field, message: `${field}: ${message}` });
    return undefined;
  }
}

function isValueString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_VALUE_LENGTH;
}

function parseRoles(roles: unknown, field: string, issues: Issues): string[] {
  if (!Array.isArray(roles) || roles.length === 0) return issues.add(field, 'must be a non-empty array of {role_id}') ?? [];
  if (roles.length > MAX_POLICY_ROLES) return issues.add(field, `must hold at most ${MAX_POLICY_ROLES} roles`) ?? [];
  const out: string[] = [];
  roles.forEach((role: unknown, i: number) => {
    const id = isObject(role) ? role.role_id : undefined;
    if (typeof id !== 'string') return issues.add(`${field}[${i}].role_id`, 'is required');
    const parsed = parseRoleCrn(id);
    if (!parsed) return issues.add(`${field}[${i}].role_id`, `${id} is not a role CRN`);
    if (!out.includes(parsed.crn)) out.push(parsed.crn);
    return undefined;
  });
  return out;
}

/** Checks the resource attributes as a whole: the account, and at most one way of choosing services. */
function checkResource(conditions: readonly ResourceCondition[], indexes: readonly number[], field: string, issues: Issues): void {
  const at = (name: string) => conditions.findIndex((c) => c.name === name);
  if (at('accountId') < 0) issues.add(field, 'accountId is required');
  const choosers = ['serviceName', 'serviceType', 'service_group_id'].filter((n) => at(n) >= 0);
  if (choosers.length > 1) issues.add(field, `${choosers.join(' and ')} exclude each other: give one`);
  conditions.forEach((c, i) => {
    const f = `${field}[${indexes[i]}]`;
    if (EXACT_ONLY.has(c.name) && c.operator !== 'stringEquals') issues.add(`${f}.operator`, `${c.name} must use stringEquals`);
    else if (c.name === 'serviceType' && c.value !== 'service' && c.value !== 'platform_service') issues.add(`${f}.value`, 'serviceType must be service or platform_service');
    else if (c.name === 'service_group_id' && c.value !== 'IAM') issues.add(`${f}.value`, 'service_group_id must be IAM');
  });
}

function parseAttribute(attr: unknown, f: string, nameKey: 'name' | 'key', operators: readonly ResourceOperator[], defaultOperator: ResourceOperator | undefined, issues: Issues): ResourceCondition | undefined {
  if (!isObject(attr)) return issues.add(f, 'must be an object');
  const name = attr[nameKey];
  if (typeof name !== 'string' || !(RESOURCE_ATTRIBUTE_NAMES as readonly string[]).includes(name)) {
    return issues.add(`${f}.${nameKey}`, `must be one of ${RESOURCE_ATTRIBUTE_NAMES.join(', ')}`);
  }
  const operator = attr.operator ?? defaultOperator;
  if (typeof operator !== 'string' || !(operators as readonly string[]).includes(operator)) {
    return issues.add(`${f}.operator`, `must be one of ${operators.join(', ')}`);
  }
  const value = attr.value;
  if (operator === 'stringExists') {
    if (typeof value !== 'boolean') return issues.add(`${f}.value`, 'must be true or false with stringExists');
  } else if (operator === 'stringEqualsAnyOf' || operator === 'stringMatchAnyOf') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ANY_OF || !value.every(isValueString)) {
      return issues.add(`${f}.value`, `must be a list of 1 to ${MAX_ANY_OF} strings of 1 to ${MAX_VALUE_LENGTH} characters with ${operator}`);
    }
    return { name: name as ResourceAttributeName, operator, value: [...(value as string[])] };
  } else if (!isValueString(value)) {
    return issues.add(`${f}.value`, `must be a string of 1 to ${MAX_VALUE_LENGTH} characters`);
  }
  return { name: name as ResourceAttributeName, operator: operator as ResourceOperator, value: value as string | boolean };
}

function parseAttributes(list: unknown, field: string, nameKey: 'name' | 'key', operators: readonly ResourceOperator[], defaultOperator: ResourceOperator | undefined, issues: Issues): ResourceCondition[] {
  if (!Array.isArray(list) || list.length === 0) return issues.add(field, 'must be a non-empty array') ?? [];
  const out: ResourceCondition[] = [];
  const indexes: number[] = [];
  const before = issues.list.length;
  list.forEach((attr: unknown, i: number) => {
    const c = parseAttribute(attr, `${field}[${i}]`, nameKey, operators, defaultOperator, issues);
    if (!c) return;
    if (out.some((o) => o.name === c.name)) {
      issues.add(`${field}[${i}].${nameKey}`, `${c.name} appears more than once`);
      return;
    }
    out.push(c);
    indexes.push(i);
  });
  if (issues.list.length === before) checkResource(out, indexes, field, issues);
  return out;
}

function parseSubject(attributes: unknown, field: string, nameKey: 'name' | 'key', requireOperator: boolean, issues: Issues): PolicySpec['subject'] | undefined {
  if (!Array.isArray(attributes) || attributes.length !== 1) return issues.add(field, 'must hold exactly one attribute (iam_id or access_group_id)');
  const attr: unknown = attributes[0];
  const f = `${field}[0]`;
  if (!isObject(attr)) return issues.add(f, 'must be an object');
  const name = attr[nameKey];
  if (name !== 'iam_id' && name !== 'access_group_id') return issues.add(`${f}.${nameKey}`, 'must be one of iam_id, access_group_id');
  if (requireOperator && attr.operator !== 'stringEquals') return issues.add(`${f}.operator`, 'must be stringEquals');
  if (!isValueString(attr.value)) return issues.add(`${f}.value`, `must be a string of 1 to ${MAX_VALUE_LENGTH} characters`);
  return { kind: name, value: attr.value };
}

function parseId(body: Record<string, unknown>, issues: Issues): string | undefined {
  if (body.id === undefined) return undefined;
  if (!isValueString(body.id)) return issues.add('id', 'must be a non-empty string');
  return body.id;
}

function checkType(body: Record<string, unknown>, issues: Issues): void {
  if (body.type === undefined) issues.add('type', 'is required');
  else if (body.type !== 'access') issues.add('type', 'must be access (authorization policies are not supported)');
}

function rejectTags(resource: Record<string, unknown>, field: string, issues: Issues): void {
  // Ignoring tags would widen the grant to untagged resources: refuse them instead.
  if (resource.tags !== undefined && !(Array.isArray(resource.tags) && resource.tags.length === 0)) issues.add(field, 'access management tags are not supported');
}

/** Reads a v1 policy (`subjects`, `roles`, `resources`). */
export function parsePolicyV1(body: unknown): Checked<PolicySpec> {
  const issues = new Issues();
  if (!isObject(body)) return { ok: false, errors: [{ field: 'body', message: 'body: must be a JSON object' }] };
  const id = parseId(body, issues);
  checkType(body, issues);
  let subject: PolicySpec['subject'] | undefined;
  if (!Array.isArray(body.subjects) || body.subjects.length !== 1) issues.add('subjects', 'must hold exactly one subject');
  else if (!isObject(body.subjects[0])) issues.add('subjects[0]', 'must be an object');
  else subject = parseSubject(body.subjects[0].attributes, 'subjects[0].attributes', 'name', false, issues);
  const roles = parseRoles(body.roles, 'roles', issues);
  let resource: ResourceCondition[] = [];
  if (!Array.isArray(body.resources) || body.resources.length !== 1) issues.add('resources', 'must hold exactly one resource');
  else if (!isObject(body.resources[0])) issues.add('resources[0]', 'must be an object');
  else {
    rejectTags(body.resources[0], 'resources[0].tags', issues);
    resource = parseAttributes(body.resources[0].attributes, 'resources[0].attributes', 'name', ['stringEquals', 'stringMatch'], 'stringEquals', issues);
  }
  if (issues.list.length > 0 || !subject) return { ok: false, errors: issues.list };
  return { ok: true, value: { id, version: 'v1', subject, roles, resource, rule: undefined, pattern: undefined } };
}

/** Reads a v2 policy (`subject`, `control.grant.roles`, `resource`, optional `pattern` and `rule`). */
export function parsePolicyV2(body: unknown): Checked<PolicySpec> {
  const issues = new Issues();
  if (!isObject(body)) return { ok: false, errors: [{ field: 'body', message: 'body: must be a JSON object' }] };
  const id = parseId(body, issues);
  checkType(body, issues);
  const subject = isObject(body.subject) ? parseSubject(body.subject.attributes, 'subject.attributes', 'key', true, issues) : issues.add('subject', 'is required');
  const grant = isObject(body.control) && isObject(body.control.grant) ? body.control.grant : undefined;
  const roles = grant ? parseRoles(grant.roles, 'control.grant.roles', issues) : (issues.add('control.grant.roles', 'is required') ?? []);
  let resource: ResourceCondition[] = [];
  if (!isObject(body.resource)) issues.add('resource', 'is required');
  else {
    rejectTags(body.resource, 'resource.tags', issues);
    resource = parseAttributes(body.resource.attributes, 'resource.attributes', 'key', RESOURCE_OPERATORS, undefined, issues);
  }
  let pattern: string | undefined;
  if (body.pattern !== undefined) {
    if (typeof body.pattern !== 'string' || !(POLICY_PATTERNS as readonly string[]).includes(body.pattern)) issues.add('pattern', `must be one of ${POLICY_PATTERNS.join(', ')}`);
    else pattern = body.pattern;
  }
  const rule = body.rule === undefined ? undefined : validateRule(body.rule, 'rule', issues.list);
  if (issues.list.length > 0 || !subject) return { ok: false, errors: issues.list };
  return { ok: true, value: { id, version: 'v2', subject, roles, resource, rule, pattern } };
}

/** Reads a v1 or v2 policy, telling them apart by their fields (`subjects` vs `subject`). */
export function parsePolicy(body: unknown): Checked<PolicySpec> {
  if (isObject(body) && ('subject' in body || 'control' in body || 'resource' in body || 'rule' in body)) return parsePolicyV2(body);
  return parsePolicyV1(body);
}
