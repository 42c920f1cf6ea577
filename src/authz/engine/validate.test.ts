/** Validation errors name the field, so the HTTP layer can answer 400 with them as they are. */
import { describe, expect, it } from 'vitest';
import { customRoleCrn } from './role-crn.js';
import { parsePolicy } from './parse-policy.js';
import { policyTargetResources, validateCustomRole, validatePolicy, type PolicyValidationContext } from './validate.js';

const ACCOUNT = 'acct-1';
const ctx: PolicyValidationContext = {
  accountId: ACCOUNT,
  customRole: (crn) =>
    ({
      [customRoleCrn(ACCOUNT, 'JobDeleter')]: { accountId: ACCOUNT, serviceName: 'quantum-computing' },
      [customRoleCrn(ACCOUNT, 'GroupEditor')]: { accountId: ACCOUNT, serviceName: 'iam-groups' },
      [customRoleCrn('acct-2', 'Foreign')]: { accountId: 'acct-2', serviceName: 'quantum-computing' },
    })[crn],
};

const v1 = (over: Record<string, unknown> = {}, attributes: unknown[] = [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-computing' }]) => ({
  type: 'access',
  subjects: [{ attributes: [{ name: 'iam_id', value: 'QGid-A' }] }],
  roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' }],
  resources: [{ attributes }],
  ...over,
});

const v2 = (over: Record<string, unknown> = {}) => ({
  type: 'access',
  subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: 'AccessGroupId-1' }] },
  control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }] } },
  resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: ACCOUNT }, { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' }] },
  ...over,
});

const messages = (body: unknown, version?: 'v1' | 'v2') => {
  const r = validatePolicy(body, ctx, version);
  return r.ok ? [] : r.errors.map((e) => e.message);
};

describe('policy validation', () => {
  it('accepts IBM v1 and v2 policies and normalises role CRNs', () => {
    const r = validatePolicy(v1({ roles: [{ role_id: 'crn:v1:qgate:public:iam::::serviceRole:Writer' }, { role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' }, { role_id: customRoleCrn(ACCOUNT, 'JobDeleter') }] }), ctx);
    expect(r.ok && r.value.roles).toEqual(['crn:v1:bluemix:public:iam::::serviceRole:Writer', customRoleCrn(ACCOUNT, 'JobDeleter')]);
    expect(validatePolicy(v2(), ctx).ok).toBe(true);
    expect(messages(v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: 'inst-*', operator: 'stringMatch' }]))).toEqual([]);
  });

  it.each([
    ['a missing account', v1({}, [{ name: 'serviceName', value: 'quantum-computing' }]), 'resources[0].attributes: accountId is required'],
    ['an unknown attribute', v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'colour', value: 'blue' }]), 'resources[0].attributes[1].name: must be one of accountId, serviceName, serviceType, service_group_id, serviceInstance, resourceGroupId, resourceType, resource, region'],
    ['a v2 operator in v1', v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'region', value: true, operator: 'stringExists' }]), 'resources[0].attributes[1].operator: must be one of stringEquals, stringMatch'],
    ['a wildcard service', v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-*', operator: 'stringMatch' }]), 'resources[0].attributes[1].operator: serviceName must use stringEquals'],
    ['two service choosers', v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceType', value: 'service' }]), 'resources[0].attributes: serviceName and serviceType exclude each other: give one'],
    ['a bad serviceType', v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceType', value: 'everything' }]), 'resources[0].attributes[1].value: serviceType must be service or platform_service'],
    ['a duplicated attribute', v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'accountId', value: ACCOUNT }]), 'resources[0].attributes[1].name: accountId appears more than once'],
    ['another account', v1({}, [{ name: 'accountId', value: 'acct-9' }]), 'resources[0].attributes[0].value: accountId acct-9 is not the account the policy belongs to (acct-1)'],
    ['an unknown service', v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'kms' }]), 'resources[0].attributes[1].value: unknown service kms; known services: quantum-computing, iam-identity, user-management, iam-groups, iam-access-management, iam-audit, resource-controller'],
    ['an unknown role', v1({ roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }, { role_id: 'crn:v1:bluemix:public:iam::::role:Wizard' }] }), 'roles[1].role_id: crn:v1:bluemix:public:iam::::role:Wizard is not a role of service quantum-computing'],
    ['a service role on an IAM service', v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'iam-groups' }]), 'roles[0].role_id: crn:v1:bluemix:public:iam::::serviceRole:Writer is not a role of service iam-groups'],
    ['Operator on Access Groups', v1({ roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Operator' }] }, [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'iam-groups' }]), 'roles[0].role_id: crn:v1:bluemix:public:iam::::role:Operator is not a role of service iam-groups'],
    ['a custom role of another service', v1({ roles: [{ role_id: customRoleCrn(ACCOUNT, 'GroupEditor') }] }), `roles[0].role_id: ${customRoleCrn(ACCOUNT, 'GroupEditor')} is not a role of service quantum-computing (it belongs to iam-groups)`],
    ['a custom role of another account', v1({ roles: [{ role_id: customRoleCrn('acct-2', 'Foreign') }] }), `roles[0].role_id: ${customRoleCrn('acct-2', 'Foreign')} is not a custom role of account acct-1`],
    ['a custom role without serviceName', v1({ roles: [{ role_id: customRoleCrn(ACCOUNT, 'JobDeleter') }] }, [{ name: 'accountId', value: ACCOUNT }]), `roles[0].role_id: ${customRoleCrn(ACCOUNT, 'JobDeleter')} is a custom role of service quantum-computing: the policy must name serviceName quantum-computing`],
    ['a role that is no CRN', v1({ roles: [{ role_id: 'Writer' }] }), 'roles[0].role_id: Writer is not a role CRN'],
    ['no roles', v1({ roles: [] }), 'roles: must be a non-empty array of {role_id}'],
    ['two subjects', v1({ subjects: [{ attributes: [] }, { attributes: [] }] }), 'subjects: must hold exactly one subject'],
    ['a bad subject attribute', v1({ subjects: [{ attributes: [{ name: 'email', value: 'a@b' }] }] }), 'subjects[0].attributes[0].name: must be one of iam_id, access_group_id'],
    ['an authorization policy', v1({ type: 'authorization' }), 'type: must be access (authorization policies are not supported)'],
    ['tags', v1({ resources: [{ attributes: [{ name: 'accountId', value: ACCOUNT }], tags: [{ name: 'project', value: 'ml' }] }] }), 'resources[0].tags: access management tags are not supported'],
  ])('refuses %s', (_name, body, message) => {
    expect(messages(body)).toContain(message);
  });

  it.each([
    ['a v2 subject without stringEquals', v2({ subject: { attributes: [{ key: 'iam_id', operator: 'stringMatch', value: 'QGid-*' }] } }), 'subject.attributes[0].operator: must be stringEquals'],
    ['a bad v2 operator', v2({ resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: ACCOUNT }, { key: 'region', operator: 'stringContains', value: 'us' }] } }), 'resource.attributes[1].operator: must be one of stringEquals, stringMatch, stringExists, stringEqualsAnyOf, stringMatchAnyOf'],
    ['stringExists with a string', v2({ resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: ACCOUNT }, { key: 'region', operator: 'stringExists', value: 'yes' }] } }), 'resource.attributes[1].value: must be true or false with stringExists'],
    ['too many values', v2({ resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: ACCOUNT }, { key: 'region', operator: 'stringEqualsAnyOf', value: Array.from({ length: 11 }, (_, i) => `r${i}`) }] } }), 'resource.attributes[1].value: must be a list of 1 to 10 strings of 1 to 1000 characters with stringEqualsAnyOf'],
    ['an unknown pattern', v2({ pattern: 'time-based-conditions:sometimes' }), 'pattern: must be one of time-based-conditions:once, time-based-conditions:weekly:all-day, time-based-conditions:weekly:custom-hours, attribute-based-condition:resource:literal-and-wildcard'],
    ['a bad rule operator', v2({ rule: { operator: 'and', conditions: [{ key: '{{environment.attributes.current_time}}', operator: 'dateTimeGreaterThanOrEquals', value: '09:00:00+00:00' }] } }), 'rule.conditions[0].operator: must be one of timeGreaterThanOrEquals, timeLessThanOrEquals'],
    ['an unknown rule key', v2({ rule: { key: '{{environment.attributes.ip}}', operator: 'stringEquals', value: '1.2.3.4' } }), 'rule.key: must be one of {{environment.attributes.current_date_time}}, {{environment.attributes.day_of_week}}, {{environment.attributes.current_time}}'],
    ['a date without offset', v2({ rule: { key: '{{environment.attributes.current_date_time}}', operator: 'dateTimeGreaterThanOrEquals', value: '2025-01-01T00:00:00' } }), 'rule.value: must be an ISO 8601 date-time with a UTC offset, e.g. 2025-01-31T09:00:00+00:00'],
    ['a bad day', v2({ rule: { key: '{{environment.attributes.day_of_week}}', operator: 'dayOfWeekAnyOf', value: ['8+00:00'] } }), 'rule.value: must be a list of 1 to 7 days, each 1 (Monday) to 7 (Sunday) with a UTC offset, e.g. ["1+00:00", "2+00:00"]'],
    ['a bad and/or', v2({ rule: { operator: 'xor', conditions: [] } }), 'rule.operator: must be one of and, or'],
    ['nesting three deep', v2({ rule: { operator: 'and', conditions: [{ operator: 'or', conditions: [{ operator: 'and', conditions: [] }] }] } }), 'rule.conditions[0].conditions[0]: conditions nest at most 2 levels deep'],
    ['eleven conditions', v2({ rule: { operator: 'or', conditions: Array.from({ length: 11 }, () => ({ key: '{{environment.attributes.current_time}}', operator: 'timeLessThanOrEquals', value: '17:00:00+00:00' })) } }), 'rule: holds 11 conditions; at most 10 are allowed'],
  ])('refuses %s (v2)', (_name, body, message) => {
    expect(messages(body, 'v2')).toContain(message);
  });

  it('accepts a nested rule of two levels with ten conditions', () => {
    const time = { key: '{{environment.attributes.current_time}}', operator: 'timeGreaterThanOrEquals', value: '09:00+05:30' };
    const rule = { operator: 'or', conditions: [{ operator: 'and', conditions: Array.from({ length: 5 }, () => time) }, { operator: 'and', conditions: Array.from({ length: 5 }, () => time) }] };
    expect(messages(v2({ rule }), 'v2')).toEqual([]);
  });

  it('tells v1 from v2 and reports a non-object body', () => {
    expect(parsePolicy(v2()).ok && (parsePolicy(v2()) as { value: { version: string } }).value.version).toBe('v2');
    expect(messages('nope')).toEqual(['body: must be a JSON object']);
  });

  it('gives the resources to check iam.policy.create on: one per targeted service, exact attributes only', () => {
    const instance = validatePolicy(v1({}, [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: 'i-1' }, { name: 'region', value: 'us-*', operator: 'stringMatch' }]), ctx);
    expect(instance.ok && policyTargetResources(instance.value)).toEqual([{ accountId: ACCOUNT, serviceName: 'quantum-computing', serviceInstance: 'i-1' }]);
    const iam = validatePolicy(v1({ roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Administrator' }] }, [{ name: 'accountId', value: ACCOUNT }, { name: 'service_group_id', value: 'IAM' }]), ctx);
    expect(iam.ok && policyTargetResources(iam.value).map((r) => r.serviceName).sort()).toEqual(['iam-access-management', 'iam-audit', 'iam-groups', 'iam-identity', 'user-management']);
  });
});

describe('custom role validation', () => {
  const role = { name: 'JobDeleter', display_name: 'Job deleter', service_name: 'quantum-computing', actions: ['quantum-computing.job.delete', 'quantum-computing.job.delete'] };

  it('accepts actions of the service, each once', () => {
    expect(validateCustomRole(role)).toEqual({ ok: true, value: { ...role, actions: ['quantum-computing.job.delete'] } });
  });

  it.each([
    ['a lower-case name', { ...role, name: 'jobDeleter' }, 'name: must start with a capital letter and hold only letters and digits, 1 to 30 characters'],
    ['an action of another service', { ...role, actions: ['quantum-computing.job.read', 'iam-groups.groups.read'] }, 'actions[1]: iam-groups.groups.read is not an action of service quantum-computing'],
    ['no actions', { ...role, actions: [] }, 'actions: must be a non-empty array of actions of the service'],
    ['an unknown service', { ...role, service_name: 'kms' }, 'service_name: unknown service kms; known services: quantum-computing, iam-identity, user-management, iam-groups, iam-access-management, iam-audit, resource-controller'],
    ['no display name', { ...role, display_name: ' ' }, 'display_name: must be a string of 1 to 50 characters'],
  ])('refuses %s', (_name, body, message) => {
    const r = validateCustomRole(body);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toContain(message);
  });
});
