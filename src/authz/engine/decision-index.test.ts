/** The index's own contract: mutations, load, the shape of answers, and what it refuses. */
import { describe, expect, it } from 'vitest';
import { platformRoleCrn, serviceRoleCrn } from './catalog/roles.js';
import { createDecisionIndex } from './decision-index.js';
import { DENY_NO_GRANT, DENY_OTHER_ACCOUNT, DENY_UNKNOWN_ACTION, DENY_UNKNOWN_SERVICE } from './decisions.js';
import { customRoleCrn } from './role-crn.js';
import type { DecisionRequest } from './types.js';

const ACCOUNT = 'acct';
const now = new Date('2025-03-03T10:00:00Z');

const policy = (id: string, subject: [string, string], roles: string[], attributes: [string, string][] = [['serviceName', 'quantum-computing']]) => ({
  id,
  type: 'access',
  subjects: [{ attributes: [{ name: subject[0], value: subject[1] }] }],
  roles: roles.map((role_id) => ({ role_id })),
  resources: [{ attributes: [{ name: 'accountId', value: ACCOUNT }, ...attributes.map(([name, value]) => ({ name, value }))] }],
});

const ask = (action: string, over: Partial<DecisionRequest['resource']> = {}, iamId = 'QGid-A'): DecisionRequest => ({
  subject: { iamId, accountId: ACCOUNT },
  action,
  resource: { accountId: ACCOUNT, serviceName: 'quantum-computing', serviceInstance: 'i-1', ...over },
  now,
});

describe('decision index', () => {
  it('denies with shared frozen answers and says why', () => {
    const index = createDecisionIndex();
    expect(index.decide(ask('quantum-computing.job.read'))).toBe(DENY_NO_GRANT);
    expect(index.decide({ ...ask('quantum-computing.job.read'), subject: { iamId: 'QGid-A', accountId: 'other' } })).toBe(DENY_OTHER_ACCOUNT);
    expect(index.decide(ask('quantum-computing.job.read', { serviceName: 'kms' }))).toBe(DENY_UNKNOWN_SERVICE);
    expect(index.decide(ask('quantum-computing.job.fly'))).toBe(DENY_UNKNOWN_ACTION);
    expect(Object.isFrozen(DENY_NO_GRANT) && Object.isFrozen(DENY_NO_GRANT.matched)).toBe(true);
  });

  it('grants name the policy, the role and the group, also as JSON', () => {
    const index = createDecisionIndex();
    index.upsertPolicy(ACCOUNT, policy('p1', ['access_group_id', 'AccessGroupId-1'], [platformRoleCrn('Viewer'), serviceRoleCrn('Writer')]));
    index.addMember(ACCOUNT, 'AccessGroupId-1', 'QGid-A');
    const d = index.decide(ask('quantum-computing.job.create'));
    expect(JSON.parse(JSON.stringify(d))).toEqual({
      permitted: true,
      reason: 'policy p1 grants quantum-computing.job.create with role Writer through access group AccessGroupId-1',
      matched: [{ policy_id: 'p1', role_id: serviceRoleCrn('Writer'), access_group_id: 'AccessGroupId-1' }],
    });
    expect(Object.isFrozen(d.matched)).toBe(true);
    // Spreading shows nothing of the index's internals.
    expect({ ...d }).toEqual({ permitted: true, action: 'quantum-computing.job.create' });
  });

  it('replaces a policy by id, even into another account, and removes it', () => {
    const index = createDecisionIndex();
    index.upsertPolicy(ACCOUNT, policy('p1', ['iam_id', 'QGid-A'], [serviceRoleCrn('Reader')]));
    expect(index.decide(ask('quantum-computing.job.read')).permitted).toBe(true);
    index.upsertPolicy(ACCOUNT, policy('p1', ['iam_id', 'QGid-A'], [platformRoleCrn('Viewer')]));
    expect(index.decide(ask('quantum-computing.job.read')).permitted).toBe(false);
    expect(index.decide(ask('resource-controller.instance.retrieve')).permitted).toBe(true);
    index.upsertPolicy('elsewhere', policy('p1', ['iam_id', 'QGid-A'], [platformRoleCrn('Viewer')]));
    expect(index.decide(ask('resource-controller.instance.retrieve')).permitted).toBe(false);
    expect(index.stats()).toMatchObject({ policies: 1, accounts: 2 });
    expect(index.removePolicy('p1')).toBe(true);
    expect(index.removePolicy('p1')).toBe(false);
    expect(index.stats()).toMatchObject({ policies: 0, subjects: 0, roleSets: 0 });
  });

  it('fails closed: a malformed or deleted version of a policy removes the old one', () => {
    const index = createDecisionIndex();
    index.upsertPolicy(ACCOUNT, policy('p1', ['iam_id', 'QGid-A'], [serviceRoleCrn('Reader')]));
    const errors = index.upsertPolicy(ACCOUNT, { ...policy('p1', ['iam_id', 'QGid-A'], [serviceRoleCrn('Reader')]), roles: [] });
    expect(errors.map((e) => e.field)).toEqual(['roles']);
    expect(index.decide(ask('quantum-computing.job.read')).permitted).toBe(false);
    index.upsertPolicy(ACCOUNT, policy('p1', ['iam_id', 'QGid-A'], [serviceRoleCrn('Reader')]));
    expect(index.upsertPolicy(ACCOUNT, { ...policy('p1', ['iam_id', 'QGid-A'], [serviceRoleCrn('Reader')]), state: 'deleted' })).toEqual([]);
    expect(index.decide(ask('quantum-computing.job.read')).permitted).toBe(false);
    expect(index.upsertPolicy(ACCOUNT, { ...policy('x', ['iam_id', 'QGid-A'], [serviceRoleCrn('Reader')]), id: undefined })).toEqual([{ field: 'id', message: 'id: is required' }]);
  });

  it('loads a snapshot and reports the policies it refused', () => {
    const index = createDecisionIndex();
    const report = index.load({
      policies: [
        { accountId: ACCOUNT, policy: policy('p1', ['access_group_id', 'AccessGroupId-1'], [customRoleCrn(ACCOUNT, 'Runner')]) },
        { accountId: ACCOUNT, policy: { id: 'bad', type: 'authorization' } },
      ],
      roles: [{ crn: customRoleCrn(ACCOUNT, 'Runner'), accountId: ACCOUNT, serviceName: 'quantum-computing', actions: ['quantum-computing.job.create', 'iam-groups.groups.read'] }],
      memberships: [{ accountId: ACCOUNT, groupId: 'AccessGroupId-1', iamId: 'QGid-A' }],
      publicAccess: [{ accountId: ACCOUNT, enabled: false }],
    });
    expect(report.indexed).toBe(1);
    expect(report.skipped.map((s) => s.policy_id)).toEqual(['bad']);
    expect(index.decide(ask('quantum-computing.job.create')).permitted).toBe(true);
    // A custom role grants only actions of its own service.
    expect(index.decide(ask('iam-groups.groups.read', { serviceName: 'iam-groups' })).permitted).toBe(false);
    expect(index.stats()).toEqual({ accounts: 1, policies: 1, memberships: 1, groups: 1, subjects: 1, customRoles: 1, roleSets: 1 });
  });

  it('checks requests without an instance against policies on the whole service only', () => {
    const index = createDecisionIndex();
    index.upsertPolicy(ACCOUNT, policy('on-instance', ['iam_id', 'QGid-A'], [serviceRoleCrn('Writer')], [['serviceName', 'quantum-computing'], ['serviceInstance', 'i-1']]));
    const analytics = ask('quantum-computing.account-analytics-usage.read', { serviceInstance: undefined });
    expect(index.decide(analytics).permitted).toBe(false);
    index.upsertPolicy(ACCOUNT, policy('on-service', ['iam_id', 'QGid-A'], [serviceRoleCrn('Writer')]));
    expect(index.decide(analytics).matched[0]!.policy_id).toBe('on-service');
  });

  it('covers services by serviceType, service_group_id, or every IAM-enabled service', () => {
    const index = createDecisionIndex();
    index.upsertPolicy(ACCOUNT, policy('iam-admin', ['iam_id', 'QGid-A'], [platformRoleCrn('Administrator')], [['service_group_id', 'IAM']]));
    index.upsertPolicy(ACCOUNT, policy('all-services', ['iam_id', 'QGid-B'], [serviceRoleCrn('Reader')], []));
    index.upsertPolicy(ACCOUNT, policy('all-platform', ['iam_id', 'QGid-C'], [platformRoleCrn('Viewer')], [['serviceType', 'platform_service']]));
    expect(index.decide(ask('iam-groups.members.add', { serviceName: 'iam-groups', serviceInstance: undefined })).permitted).toBe(true);
    expect(index.decide(ask('resource-controller.group.retrieve', { serviceName: 'resource-controller', serviceInstance: undefined })).permitted).toBe(false);
    expect(index.decide(ask('quantum-computing.job.read', {}, 'QGid-B')).permitted).toBe(true);
    expect(index.decide(ask('iam-identity.serviceid.get', { serviceName: 'iam-identity' }, 'QGid-B')).permitted).toBe(false);
    expect(index.decide(ask('resource-controller.group.retrieve', { serviceName: 'resource-controller', resourceType: 'resource-group', resource: 'rg-1' }, 'QGid-C')).permitted).toBe(true);
    expect(index.decide(ask('resource-controller.instance.retrieve', {}, 'QGid-C')).permitted).toBe(false);
  });

  it('reads IBM\'s resource-group policies as being about resource groups', () => {
    const index = createDecisionIndex();
    index.upsertPolicy(ACCOUNT, policy('rg', ['iam_id', 'QGid-A'], [platformRoleCrn('Viewer')], [['resourceType', 'resource-group'], ['resource', 'rg-1']]));
    const rg = (resource: string) => ask('resource-controller.group.retrieve', { serviceName: 'resource-controller', serviceInstance: undefined, resourceType: 'resource-group', resource });
    expect(index.decide(rg('rg-1')).permitted).toBe(true);
    expect(index.decide(rg('rg-2')).permitted).toBe(false);
    expect(index.decide(ask('resource-controller.instance.retrieve')).permitted).toBe(false);
  });

  it('explains unknown services and actions', () => {
    const index = createDecisionIndex();
    index.upsertPolicy(ACCOUNT, policy('p1', ['iam_id', 'QGid-A'], [serviceRoleCrn('Reader')]));
    expect(index.explain(ask('quantum-computing.job.fly')).policies[0]!.reasons).toEqual(['no service defines the action quantum-computing.job.fly']);
    expect(index.explain(ask('quantum-computing.job.read', { serviceName: 'kms' })).policies[0]!.reasons).toEqual(['the policy covers serviceName=quantum-computing, not kms']);
    expect(index.explain(ask('quantum-computing.job.read', { serviceInstance: undefined, region: 'us-east' }))).toMatchObject({ permitted: true, matched: [{ policy_id: 'p1' }] });
  });
});
