/**
 * The planner on its own (no server): the order of changes, what is left alone without --prune, removals kept
 * within the file's sections and group keys, the signed-in identity never pruned, and the checks that stop an
 * apply before anything changes.
 */
import { describe, expect, it } from 'vitest';
import type { OrgFile } from '#src/cli/org/model.js';
import { describeChange, planChanges } from '#src/cli/org/plan.js';
import type { CurrentState } from '#src/cli/org/state.js';

function state(over: Partial<CurrentState> = {}): CurrentState {
  return {
    defaultResourceGroup: 'Default',
    resourceGroups: new Map([['default', { name: 'Default', id: 'rg-default' }]]),
    instances: new Map([['qr-ml', { name: 'QR-ml', plan: 'standard', location: 'us-east', resourceGroup: 'Default', guid: 'g-ml' }]]),
    roles: new Map(),
    serviceIds: new Map([['robot', { name: 'robot', description: '', id: 'ServiceId-1', iamId: 'iam-ServiceId-1' }]]),
    accessGroups: new Map([['ml', {
      id: 'AccessGroupId-ml', name: 'ml', description: 'ML', members: ['fatima@x.example', 'old@x.example'], serviceIds: ['robot'],
      policies: [{ id: 'p1', instance: 'QR-ml', roles: ['Viewer', 'Writer'] }, { id: 'p2', service: 'iam-groups', roles: ['Viewer'] }],
    }]]),
    users: new Map([
      ['admin@x.example', { email: 'admin@x.example', iamId: 'QGid-ADMIN', state: 'ACTIVE' }],
      ['fatima@x.example', { email: 'fatima@x.example', iamId: 'QGid-F', state: 'ACTIVE' }],
      ['old@x.example', { email: 'old@x.example', iamId: 'QGid-O', state: 'ACTIVE' }],
    ]),
    ambiguous: [],
    unmanaged: [],
    ...over,
  };
}

const lines = (file: OrgFile, prune = false, s = state()) => planChanges(file, s, { prune, self: 'QGid-ADMIN' }).changes.map(describeChange);

describe('the org planner', () => {
  it('creates what is referred to before what refers to it, and invites new people into their groups', () => {
    const file: OrgFile = {
      version: 1,
      instances: [{ name: 'QR-new', plan: 'open', location: 'us-east' }],
      roles: [{ name: 'JobDeleter', actions: ['quantum-computing.job.delete'] }],
      accessGroups: [{ name: 'lab', members: ['amyra@x.example', 'fatima@x.example'], policies: [{ instance: 'QR-new', roles: ['Viewer', 'JobDeleter'] }] }],
      users: [{ email: 'amyra@x.example' }],
    };
    expect(lines(file)).toEqual([
      '+ instance QR-new (open, us-east, resource group Default)',
      '+ role JobDeleter (quantum-computing: quantum-computing.job.delete)',
      '+ access group lab',
      '+ user amyra@x.example (invited into lab)',
      '+ member fatima@x.example of access group lab',
      '+ policy of lab: Viewer, JobDeleter on service=quantum-computing instance=QR-new',
    ]);
  });

  it('matches names without case and roles as sets: an equal file plans nothing', () => {
    const file: OrgFile = {
      version: 1,
      instances: [{ name: 'qr-ML', plan: 'standard', location: 'us-east' }],
      accessGroups: [{ name: 'ML', members: ['Fatima@X.example', 'old@x.example'], serviceIds: ['ROBOT'], policies: [{ instance: 'QR-ml', roles: ['Writer', 'Viewer'] }, { service: 'iam-groups', roles: ['Viewer'] }] }],
    };
    expect(lines(file, true)).toEqual([]);
  });

  it('leaves out-of-file things alone unless pruning, and prunes only within the sections and keys the file has', () => {
    const file: OrgFile = { version: 1, accessGroups: [{ name: 'ml', members: ['fatima@x.example'], policies: [{ instance: 'QR-ml', roles: ['Viewer', 'Writer'] }] }], users: [{ email: 'fatima@x.example' }] };
    const gentle = planChanges(file, state(), { prune: false, self: 'QGid-ADMIN' });
    expect(gentle.changes).toEqual([]);
    expect(gentle.prunable).toBe(2);
    // Instances and service IDs have no section: untouched. The group's serviceIds key is absent: robot stays.
    // old@ is removed from the account (not listed under users), which also ends the membership; the admin stays.
    expect(lines(file, true)).toEqual(['- policy of ml: Viewer on service=iam-groups', '- user old@x.example']);
  });

  it('removing a group takes its members and policies with it in one change', () => {
    expect(lines({ version: 1, accessGroups: [] }, true)).toEqual(['- access group ml']);
  });

  it('stops on what cannot be applied: moves, dangling names, names the account holds twice', () => {
    const file: OrgFile = {
      version: 1,
      instances: [{ name: 'QR-ml', plan: 'standard', location: 'eu-de', resourceGroup: 'nowhere' }],
      accessGroups: [{ name: 'ml', members: ['ghost@x.example'], serviceIds: ['phantom'], policies: [{ instance: 'QR-gone', roles: ['Viewer'] }] }],
    };
    const plan = planChanges(file, state({ ambiguous: ["access group 'ml'"] }), { prune: false });
    expect(plan.problems.map((p) => p.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/instance 'QR-ml' is in us-east; an instance cannot move to eu-de/),
      expect.stringMatching(/resource group 'nowhere', which neither exists nor is declared/),
      expect.stringMatching(/ghost@x\.example, who is not in the account/),
      expect.stringMatching(/service ID 'phantom'/),
      expect.stringMatching(/instance 'QR-gone'/),
      expect.stringMatching(/several access groups named 'ml'/),
    ]));
    // Each problem says where in the file it is.
    expect(plan.problems.find((p) => p.message.includes('QR-gone'))?.at).toEqual(['accessGroups', 0, 'policies', 0, 'instance']);
    expect(plan.problems.find((p) => p.message.includes('ghost@'))?.at).toEqual(['accessGroups', 0, 'members', 0]);
    expect(plan.problems.find((p) => p.message.includes('cannot move to eu-de'))?.at).toEqual(['instances', 0, 'location']);
  });

  it('does not prune a custom role that a policy it keeps still grants', () => {
    const withRole = state({
      roles: new Map([['jobdeleter', { name: 'JobDeleter', displayName: 'JobDeleter', description: '', service: 'quantum-computing', actions: ['quantum-computing.job.delete'], id: 'r1' }]]),
      accessGroups: new Map([['ml', { id: 'AccessGroupId-ml', name: 'ml', description: '', members: [], serviceIds: [], policies: [{ id: 'p1', instance: 'QR-ml', roles: ['Viewer', 'JobDeleter'] }] }]]),
    });
    const stillGranted = planChanges({ version: 1, roles: [] }, withRole, { prune: true });
    expect(stillGranted.problems).toEqual([{ at: ['roles'], message: expect.stringContaining("custom role 'JobDeleter' is not under roles, so --prune would delete it, but access group 'ml' still grants it") }]);
    // The same file that also drops the role from the group's policy may prune it.
    const dropped = planChanges({ version: 1, roles: [], accessGroups: [{ name: 'ml', policies: [{ instance: 'QR-ml', roles: ['Viewer'] }] }] }, withRole, { prune: true });
    expect(dropped.problems).toEqual([]);
    expect(dropped.changes.map(describeChange)).toEqual(['~ policy of ml on service=quantum-computing instance=QR-ml: roles Viewer, JobDeleter → Viewer', '- role JobDeleter']);
  });

  it('changes in place what can change: plan, role actions, group description, policy roles', () => {
    const s = state({ roles: new Map([['jobdeleter', { name: 'JobDeleter', displayName: 'JobDeleter', description: '', service: 'quantum-computing', actions: ['quantum-computing.job.delete'], id: 'r1' }]]) });
    const file: OrgFile = {
      version: 1,
      instances: [{ name: 'QR-ml', plan: 'open', location: 'us-east' }],
      roles: [{ name: 'JobDeleter', actions: ['quantum-computing.job.delete', 'quantum-computing.job.cancel'] }],
      accessGroups: [{ name: 'ml', description: 'Machine learning', policies: [{ instance: 'QR-ml', roles: ['Manager'] }] }],
    };
    expect(lines(file, false, s)).toEqual([
      '~ instance QR-ml: plan standard → open',
      '~ role JobDeleter: actions quantum-computing.job.delete → quantum-computing.job.delete, quantum-computing.job.cancel',
      "~ access group ml: description 'ML' → 'Machine learning'",
      '~ policy of ml on service=quantum-computing instance=QR-ml: roles Viewer, Writer → Manager',
    ]);
  });
});
