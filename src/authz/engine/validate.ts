/**
 * Validation of what the HTTP layer receives: policies (v1 and v2) including whether their roles
 * exist for the service they target, and custom roles. Errors name the field:
 * `roles[1].role_id: crn:v1:bluemix:public:iam::::role:Wizard is not a role of service quantum-computing`.
 */
import { getService, IAM_ENABLED_SERVICES, isServiceAction, PLATFORM_SERVICES, serviceHasRole, IAM_SERVICE_GROUP, SERVICE_NAMES } from './catalog/catalog.js';
import type { SystemRoleName } from './catalog/roles.js';
import { parsePolicyV1, parsePolicyV2, parsePolicy } from './parse-policy.js';
import { parseRoleCrn } from './role-crn.js';
import type { Checked, FieldError, PolicySpec, ResourceRef } from './types.js';

export interface PolicyValidationContext {
  /** The account the policy is created in: its `accountId` attribute must name it. */
  readonly accountId?: string;
  /** The custom role with this canonical CRN, if it exists. */
  customRole(crn: string): { readonly accountId: string; readonly serviceName: string } | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The services a policy's resource targets, and how to name them in a message. */
function targetServices(spec: PolicySpec): { readonly names: readonly string[]; readonly label: string; readonly serviceName?: string } {
  const attr = (name: string) => spec.resource.find((c) => c.name === name)?.value;
  const serviceName = attr('serviceName');
  if (typeof serviceName === 'string') return { names: getService(serviceName) ? [serviceName] : [], label: `service ${serviceName}`, serviceName };
  const type = attr('serviceType');
  if (type === 'service') return { names: IAM_ENABLED_SERVICES, label: 'any IAM-enabled service (serviceType=service)' };
  if (type === 'platform_service') return { names: PLATFORM_SERVICES, label: 'any account management service (serviceType=platform_service)' };
  if (attr('service_group_id') === 'IAM') return { names: IAM_SERVICE_GROUP, label: 'any IAM account management service (service_group_id=IAM)' };
  if (spec.resource.some((c) => c.name === 'resourceType' && c.operator === 'stringEquals' && c.value === 'resource-group')) {
    return { names: ['resource-controller'], label: 'resource groups' };
  }
  return { names: IAM_ENABLED_SERVICES, label: 'any IAM-enabled service' };
}

function rawAttributes(body: Record<string, unknown>, version: 'v1' | 'v2'): { list: unknown[]; field: string; nameKey: 'name' | 'key' } {
  if (version === 'v1') {
    const r = Array.isArray(body.resources) && isObject(body.resources[0]) ? body.resources[0].attributes : [];
    return { list: Array.isArray(r) ? r : [], field: 'resources[0].attributes', nameKey: 'name' };
  }
  const r = isObject(body.resource) ? body.resource.attributes : [];
  return { list: Array.isArray(r) ? r : [], field: 'resource.attributes', nameKey: 'key' };
}

function rawRoles(body: Record<string, unknown>, version: 'v1' | 'v2'): { list: unknown[]; field: string } {
  if (version === 'v1') return { list: Array.isArray(body.roles) ? body.roles : [], field: 'roles' };
  const grant = isObject(body.control) && isObject(body.control.grant) ? body.control.grant : {};
  return { list: Array.isArray(grant.roles) ? grant.roles : [], field: 'control.grant.roles' };
}

/**
 * Validates a policy body for create or replace: its shape (v1 or v2), its account, a known
 * service, and roles that exist for the targeted service (custom roles: of the same account and
 * service). Returns the normalised policy or every error found.
 */
export function validatePolicy(body: unknown, ctx: PolicyValidationContext, version?: 'v1' | 'v2'): Checked<PolicySpec> {
  const parsed = version === 'v1' ? parsePolicyV1(body) : version === 'v2' ? parsePolicyV2(body) : parsePolicy(body);
  if (!parsed.ok) return parsed;
  const spec = parsed.value;
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message: `${field}: ${message}` });
  const raw = body as Record<string, unknown>;
  const attrs = rawAttributes(raw, spec.version);
  const indexOf = (name: string) => attrs.list.findIndex((a) => isObject(a) && a[attrs.nameKey] === name);

  const accountId = spec.resource.find((c) => c.name === 'accountId')!.value as string;
  if (ctx.accountId !== undefined && accountId !== ctx.accountId) fail(`${attrs.field}[${indexOf('accountId')}].value`, `accountId ${accountId} is not the account the policy belongs to (${ctx.accountId})`);
  const serviceName = spec.resource.find((c) => c.name === 'serviceName')?.value;
  if (typeof serviceName === 'string' && !getService(serviceName)) fail(`${attrs.field}[${indexOf('serviceName')}].value`, `unknown service ${serviceName}; known services: ${SERVICE_NAMES.join(', ')}`);

  const target = targetServices(spec);
  const roles = rawRoles(raw, spec.version);
  roles.list.forEach((r, i) => {
    const field = `${roles.field}[${i}].role_id`;
    const id = (r as { role_id: string }).role_id;
    const role = parseRoleCrn(id)!;
    if (role.kind === 'system') {
      const ok = role.known && target.names.some((s) => serviceHasRole(s, role.name as SystemRoleName));
      if (!ok) fail(field, `${id} is not a role of ${target.label}`);
    } else if (role.kind === 'service-specific') {
      fail(field, `${id} is not a role of ${target.label}`);
    } else {
      const custom = ctx.customRole(role.crn);
      if (!custom || custom.accountId !== accountId) fail(field, `${id} is not a custom role of account ${accountId}`);
      else if (target.serviceName === undefined) fail(field, `${id} is a custom role of service ${custom.serviceName}: the policy must name serviceName ${custom.serviceName}`);
      else if (custom.serviceName !== target.serviceName) fail(field, `${id} is not a role of service ${target.serviceName} (it belongs to ${custom.serviceName})`);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: spec };
}

/** A custom role as `POST /v2/roles` and `PUT /v2/roles/{id}` take it (the fields this engine checks). */
export interface CustomRoleBody {
  readonly name: string;
  readonly display_name: string;
  readonly service_name: string;
  readonly actions: readonly string[];
  readonly description?: string;
}

const ROLE_NAME = /^[A-Z][A-Za-z0-9]{0,29}$/;

/**
 * Validates a custom role: a capitalised alphanumeric name (it becomes part of the CRN), a display
 * name, a known service, and at least one action, every one defined by that service. Actions are
 * returned each once, in the order given. For `PUT`, pass the stored `name` and `service_name`.
 */
export function validateCustomRole(body: unknown): Checked<CustomRoleBody> {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message: `${field}: ${message}` });
  if (!isObject(body)) return { ok: false, errors: [{ field: 'body', message: 'body: must be a JSON object' }] };
  const { name, display_name: displayName, service_name: serviceName, actions, description } = body;
  if (typeof name !== 'string' || !ROLE_NAME.test(name)) fail('name', 'must start with a capital letter and hold only letters and digits, 1 to 30 characters');
  if (typeof displayName !== 'string' || displayName.trim().length === 0 || displayName.length > 50) fail('display_name', 'must be a string of 1 to 50 characters');
  if (description !== undefined && (typeof description !== 'string' || description.length > 250)) fail('description', 'must be a string of at most 250 characters');
  const service = typeof serviceName === 'string' ? getService(serviceName) : undefined;
  if (!service) fail('service_name', typeof serviceName === 'string' ? `unknown service ${serviceName}; known services: ${SERVICE_NAMES.join(', ')}` : 'is required');
  const out: string[] = [];
  if (!Array.isArray(actions) || actions.length === 0) fail('actions', 'must be a non-empty array of actions of the service');
  else if (service) {
    actions.forEach((a: unknown, i: number) => {
      if (typeof a !== 'string' || !isServiceAction(service.name, a)) fail(`actions[${i}]`, `${String(a)} is not an action of service ${service.name}`);
      else if (!out.includes(a)) out.push(a);
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { name: name as string, display_name: displayName as string, service_name: service!.name, actions: out, ...(description !== undefined ? { description: description as string } : {}) } };
}

/**
 * The resources to check `iam.policy.create|update|delete` on before creating, replacing or deleting
 * a policy: one per service the policy targets, carrying the target's exact (`stringEquals`)
 * narrowing attributes. The caller needs the action on every one. Wildcard attributes are left
 * out, so a caller who administers only some matching resources does not cover a wildcard target.
 */
export function policyTargetResources(spec: PolicySpec): ResourceRef[] {
  const accountId = spec.resource.find((c) => c.name === 'accountId')!.value as string;
  const exact: Record<string, string> = {};
  for (const c of spec.resource) {
    if (c.operator === 'stringEquals' && typeof c.value === 'string' && ['serviceInstance', 'resourceGroupId', 'resourceType', 'resource', 'region'].includes(c.name)) exact[c.name] = c.value;
  }
  const target = targetServices(spec);
  // An unknown service yields one resource nobody holds access to, never an empty list (which "all of" would accept).
  if (target.names.length === 0) return [{ accountId, serviceName: target.serviceName ?? '', ...exact }];
  return target.names.map((serviceName) => ({ accountId, serviceName, ...exact }));
}
