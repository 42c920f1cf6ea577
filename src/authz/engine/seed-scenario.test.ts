/**
 * IBM's organisation tutorial as a test: projects `ml` and `finance`, instances QR-ml, QR-finance
 * and QR-common, a `JobDeleter` custom role, one access group per project, Fatima in ml, Ravi in
 * finance, Amyra in both. Who may do what to jobs on which instance, and why.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { platformRoleCrn, serviceRoleCrn } from './catalog/roles.js';
import { createDecisionIndex, type DecisionIndex } from './decision-index.js';
import { customRoleCrn } from './role-crn.js';
import type { DecisionRequest, PolicyV1, PolicyV2 } from './types.js';

const ACCOUNT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const QR = { ml: 'a1000000-0000-4000-8000-00000000000a', finance: 'a2000000-0000-4000-8000-00000000000b', common: 'a3000000-0000-4000-8000-00000000000c' } as const;
const GROUP = { ml: 'AccessGroupId-ml', finance: 'AccessGroupId-finance' } as const;
const PEOPLE = { fatima: 'QGid-FATIMA0001', ravi: 'QGid-RAVI000001', amyra: 'QGid-AMYRA00001', outsider: 'QGid-OUTSIDE001' } as const;
const JOB_DELETER = customRoleCrn(ACCOUNT, 'JobDeleter');
const MONDAY_10 = new Date('2025-03-03T10:00:00Z');

function projectPolicy(id: string, group: string, instance: string): PolicyV1 {
  return {
    id,
    type: 'access',
    subjects: [{ attributes: [{ name: 'access_group_id', value: group }] }],
    // As IBM's SDK sends it: cname bluemix for system roles, ibmcloud for the custom role.
    roles: [{ role_id: platformRoleCrn('Viewer') }, { role_id: serviceRoleCrn('Writer') }, { role_id: JOB_DELETER }],
    resources: [{ attributes: [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: instance }] }],
  };
}

function seed(): DecisionIndex {
  const index = createDecisionIndex();
  const report = index.load({
    roles: [{ crn: JOB_DELETER, accountId: ACCOUNT, serviceName: 'quantum-computing', actions: ['quantum-computing.job.delete'] }],
    policies: [
      { accountId: ACCOUNT, policy: projectPolicy('pol-ml-ml', GROUP.ml, QR.ml) },
      { accountId: ACCOUNT, policy: projectPolicy('pol-ml-common', GROUP.ml, QR.common) },
      { accountId: ACCOUNT, policy: projectPolicy('pol-finance-finance', GROUP.finance, QR.finance) },
      { accountId: ACCOUNT, policy: projectPolicy('pol-finance-common', GROUP.finance, QR.common) },
    ],
    memberships: [
      { accountId: ACCOUNT, groupId: GROUP.ml, iamId: PEOPLE.fatima },
      { accountId: ACCOUNT, groupId: GROUP.finance, iamId: PEOPLE.ravi },
      { accountId: ACCOUNT, groupId: GROUP.ml, iamId: PEOPLE.amyra },
      { accountId: ACCOUNT, groupId: GROUP.finance, iamId: PEOPLE.amyra },
    ],
  });
  expect(report).toEqual({ indexed: 4, skipped: [] });
  return index;
}

const ask = (iamId: string, verb: string, instance: string, now = MONDAY_10): DecisionRequest => ({
  subject: { iamId, accountId: ACCOUNT },
  action: `quantum-computing.job.${verb}`,
  resource: { accountId: ACCOUNT, serviceName: 'quantum-computing', serviceInstance: instance, resourceType: 'job', resource: 'job-1' },
  now,
});

const VERBS = ['create', 'read', 'cancel', 'delete'] as const;
/** Who may act on jobs of which instance. */
const EXPECTED: Record<keyof typeof PEOPLE, readonly (keyof typeof QR)[]> = {
  fatima: ['ml', 'common'],
  ravi: ['finance', 'common'],
  amyra: ['ml', 'finance', 'common'],
  outsider: [],
};

describe('the ml / finance organisation', () => {
  let index: DecisionIndex;
  beforeEach(() => {
    index = seed();
  });

  for (const [person, instances] of Object.entries(EXPECTED) as [keyof typeof PEOPLE, readonly (keyof typeof QR)[]][]) {
    for (const [name, guid] of Object.entries(QR) as [keyof typeof QR, string][]) {
      for (const verb of VERBS) {
        const allowed = instances.includes(name);
        it(`${person} ${allowed ? 'may' : 'may not'} ${verb} jobs on QR-${name}`, () => {
          const decision = index.decide(ask(PEOPLE[person], verb, guid));
          expect(decision.permitted).toBe(allowed);
          expect(index.explain(ask(PEOPLE[person], verb, guid)).permitted).toBe(allowed);
          if (allowed) {
            const expectedRole = verb === 'delete' ? JOB_DELETER : serviceRoleCrn('Writer');
            expect(decision.matched).toHaveLength(1);
            expect(decision.matched[0]!.role_id).toBe(expectedRole);
          }
        });
      }
    }
  }

  it('explains why Amyra may delete a job on QR-common: both project groups grant it', () => {
    const e = index.explain(ask(PEOPLE.amyra, 'delete', QR.common));
    expect(e.permitted).toBe(true);
    expect(e.matched).toEqual([
      { policy_id: 'pol-ml-common', role_id: JOB_DELETER, access_group_id: GROUP.ml },
      { policy_id: 'pol-finance-common', role_id: JOB_DELETER, access_group_id: GROUP.finance },
    ]);
    expect(e.reason).toMatch(/grants quantum-computing\.job\.delete with role JobDeleter through access group/);
    expect(e.policies).toHaveLength(4);
    const onMl = e.policies.find((p) => p.policy_id === 'pol-ml-ml')!;
    expect(onMl).toMatchObject({ via: 'access_group', access_group_id: GROUP.ml, grants: false });
    expect(onMl.reasons).toEqual([`resource attribute serviceInstance=${QR.common} does not match ${QR.ml}`]);
  });

  it('explains why Fatima may not delete a job on QR-finance', () => {
    const e = index.explain(ask(PEOPLE.fatima, 'delete', QR.finance));
    expect(e.permitted).toBe(false);
    expect(e.reason).toBe('no policy grants this action on this resource');
    expect(e.matched).toEqual([]);
    expect(e.policies.map((p) => [p.policy_id, p.reasons])).toEqual([
      ['pol-ml-ml', [`resource attribute serviceInstance=${QR.finance} does not match ${QR.ml}`]],
      ['pol-ml-common', [`resource attribute serviceInstance=${QR.finance} does not match ${QR.common}`]],
    ]);
  });

  it('explains an outsider: no policy applies', () => {
    const e = index.explain(ask(PEOPLE.outsider, 'read', QR.ml));
    expect(e).toMatchObject({ permitted: false, matched: [], policies: [] });
  });

  it('without job.delete in JobDeleter nobody may delete, and explain says the roles lack it', () => {
    index.upsertCustomRole({ crn: JOB_DELETER, accountId: ACCOUNT, serviceName: 'quantum-computing', actions: ['quantum-computing.job.cancel'] });
    for (const id of Object.values(PEOPLE)) for (const guid of Object.values(QR)) expect(index.decide(ask(id, 'delete', guid)).permitted).toBe(false);
    const e = index.explain(ask(PEOPLE.fatima, 'delete', QR.ml));
    expect(e.policies.find((p) => p.policy_id === 'pol-ml-ml')!.reasons).toEqual([
      'roles grant no such action: Viewer, Writer, JobDeleter on quantum-computing do not include quantum-computing.job.delete',
    ]);
    // Cancelling still works through Writer (and now JobDeleter too).
    expect(index.decide(ask(PEOPLE.fatima, 'cancel', QR.ml)).permitted).toBe(true);
    index.upsertCustomRole({ crn: JOB_DELETER, accountId: ACCOUNT, serviceName: 'quantum-computing', actions: ['quantum-computing.job.delete'] });
    expect(index.decide(ask(PEOPLE.fatima, 'delete', QR.ml)).permitted).toBe(true);
    expect(index.removeCustomRole(JOB_DELETER)).toBe(true);
    expect(index.decide(ask(PEOPLE.fatima, 'delete', QR.ml)).permitted).toBe(false);
    expect(index.decide(ask(PEOPLE.fatima, 'create', QR.ml)).permitted).toBe(true);
  });

  it('when Amyra leaves finance she loses QR-finance but keeps QR-common through ml', () => {
    expect(index.removeMember(GROUP.finance, PEOPLE.amyra)).toBe(true);
    expect(index.decide(ask(PEOPLE.amyra, 'read', QR.finance)).permitted).toBe(false);
    expect(index.decide(ask(PEOPLE.amyra, 'read', QR.common)).matched[0]!.access_group_id).toBe(GROUP.ml);
  });

  it('deleting the ml group removes its policies and memberships', () => {
    index.removeGroup(GROUP.ml);
    expect(index.decide(ask(PEOPLE.fatima, 'read', QR.ml)).permitted).toBe(false);
    expect(index.decide(ask(PEOPLE.amyra, 'read', QR.ml)).permitted).toBe(false);
    expect(index.decide(ask(PEOPLE.amyra, 'read', QR.finance)).permitted).toBe(true);
    expect(index.stats()).toMatchObject({ policies: 2, memberships: 2, groups: 1 });
  });

  it('platform Viewer lets project members see their instance but not delete it', () => {
    const instanceAsk = (iamId: string, action: string, instance: string): DecisionRequest => ({
      subject: { iamId, accountId: ACCOUNT },
      action,
      resource: { accountId: ACCOUNT, serviceName: 'quantum-computing', serviceInstance: instance },
      now: MONDAY_10,
    });
    expect(index.decide(instanceAsk(PEOPLE.fatima, 'resource-controller.instance.retrieve', QR.ml)).matched[0]!.role_id).toBe(platformRoleCrn('Viewer'));
    expect(index.decide(instanceAsk(PEOPLE.fatima, 'resource-controller.instance.delete', QR.ml)).permitted).toBe(false);
    expect(index.decide(instanceAsk(PEOPLE.fatima, 'quantum-computing.instance.configuration.update', QR.ml)).permitted).toBe(false);
  });

  it('nothing crosses accounts, even with the same instance and person ids', () => {
    const other = { ...ask(PEOPLE.fatima, 'read', QR.ml), subject: { iamId: PEOPLE.fatima, accountId: 'another-account' } };
    expect(index.decide(other)).toMatchObject({ permitted: false, reason: 'the resource belongs to another account' });
    const both = { ...other, resource: { ...other.resource, accountId: 'another-account' } };
    expect(index.decide(both).permitted).toBe(false);
    index.addMember('another-account', GROUP.ml, PEOPLE.fatima);
    expect(index.decide(both).permitted).toBe(false);
  });

  it('a weekday office-hours policy for Ravi on QR-ml holds only then, and says why not', () => {
    const officeHours: PolicyV2 = {
      id: 'pol-ravi-ml-office-hours',
      type: 'access',
      subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: PEOPLE.ravi }] },
      control: { grant: { roles: [{ role_id: serviceRoleCrn('Writer') }] } },
      resource: {
        attributes: [
          { key: 'accountId', operator: 'stringEquals', value: ACCOUNT },
          { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' },
          { key: 'serviceInstance', operator: 'stringEquals', value: QR.ml },
        ],
      },
      pattern: 'time-based-conditions:weekly:custom-hours',
      rule: {
        operator: 'and',
        conditions: [
          { key: '{{environment.attributes.day_of_week}}', operator: 'dayOfWeekAnyOf', value: ['1+00:00', '2+00:00', '3+00:00', '4+00:00', '5+00:00'] },
          { key: '{{environment.attributes.current_time}}', operator: 'timeGreaterThanOrEquals', value: '09:00:00+00:00' },
          { key: '{{environment.attributes.current_time}}', operator: 'timeLessThanOrEquals', value: '17:00:00+00:00' },
        ],
      },
    };
    expect(index.upsertPolicy(ACCOUNT, officeHours)).toEqual([]);
    expect(index.decide(ask(PEOPLE.ravi, 'create', QR.ml, new Date('2025-03-03T10:00:00Z'))).permitted).toBe(true);
    expect(index.decide(ask(PEOPLE.ravi, 'create', QR.ml, new Date('2025-03-03T17:00:00Z'))).permitted).toBe(true);
    expect(index.decide(ask(PEOPLE.ravi, 'create', QR.ml, new Date('2025-03-03T17:00:01Z'))).permitted).toBe(false);
    const evening = index.explain(ask(PEOPLE.ravi, 'create', QR.ml, new Date('2025-03-03T18:30:00Z')));
    expect(evening.policies.find((p) => p.policy_id === officeHours.id)!.reasons).toEqual(['condition not met: outside 09:00:00+00:00–17:00:00+00:00']);
    const saturday = index.explain(ask(PEOPLE.ravi, 'create', QR.ml, new Date('2025-03-08T10:00:00Z')));
    expect(saturday.permitted).toBe(false);
    expect(saturday.policies.find((p) => p.policy_id === officeHours.id)!.reasons[0]).toMatch(/^condition not met: Saturday is not one of Monday, Tuesday, Wednesday, Thursday, Friday/);
    // Deleting stays out of reach: the policy grants Writer only.
    expect(index.decide(ask(PEOPLE.ravi, 'delete', QR.ml)).permitted).toBe(false);
  });

  it('Public Access policies reach everyone of the account while it is enabled', () => {
    index.upsertPolicy(ACCOUNT, {
      id: 'pol-public-devices',
      type: 'access',
      subjects: [{ attributes: [{ name: 'access_group_id', value: 'AccessGroupId-PublicAccess' }] }],
      roles: [{ role_id: 'crn:v1:qgate:public:iam::::serviceRole:Reader' }],
      resources: [{ attributes: [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-computing' }] }],
    });
    const device = { ...ask(PEOPLE.outsider, 'read', QR.ml), action: 'quantum-computing.device.read' };
    expect(index.decide(device).matched).toEqual([{ policy_id: 'pol-public-devices', role_id: serviceRoleCrn('Reader'), access_group_id: 'AccessGroupId-PublicAccess' }]);
    index.setPublicAccess(ACCOUNT, false);
    expect(index.decide(device).permitted).toBe(false);
    expect(index.explain(device).policies).toEqual([
      expect.objectContaining({ policy_id: 'pol-public-devices', via: 'public_access', grants: false, reasons: ['Public Access is disabled in this account'] }),
    ]);
  });
});
