/**
 * The role → action matrix of every service, written here as test data from the references
 * (qiskit-runtime-api.md §3.3 for Qiskit Runtime, IBM's IAM "roles and actions" tables for the IAM
 * services) and the choices docs/authorization.md records, and checked against real decisions of
 * the index, not against the catalog's own tables.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../actions.js';
import { createDecisionIndex } from '../decision-index.js';
import { customRoleCrn } from '../role-crn.js';
import { ALL_ACTIONS, IAM_ENABLED_SERVICES, IAM_SERVICE_GROUP, isServiceAction, PLATFORM_SERVICES, rolesForService, rolesForServiceGroup, SERVICE_NAMES, serviceActions } from './catalog.js';
import { systemRoleCrn, type SystemRoleName } from './roles.js';
import { SERVICES } from './services.js';

/** `action  V O E A R W M` with `x` where the role grants, `.` where it does not, `-` where the service has no such role. */
const MATRIX: Record<string, string> = {
  'quantum-computing': `
    quantum-computing.job.create                         . . . . . x x
    quantum-computing.job.read                           . . . . x x x
    quantum-computing.job.update                         . . . . . x x
    quantum-computing.job.cancel                         . . . . . x x
    quantum-computing.job.delete                         . . . . . . x
    quantum-computing.session.create                     . . . . . x x
    quantum-computing.session.read                       . . . . x x x
    quantum-computing.session.update                     . . . . . x x
    quantum-computing.device.read                        . . . . x x x
    quantum-computing.instance.read                      . . . . x x x
    quantum-computing.instance.configuration.read        . . . . x x x
    quantum-computing.instance.configuration.update      . . . . . . x
    quantum-computing.instance-usage.read                . . . . x x x
    quantum-computing.workload.list                      . . . . x x x
    quantum-computing.program.create                     . . . . . x x
    quantum-computing.program.read                       . . . . x x x
    quantum-computing.program.update                     . . . . . x x
    quantum-computing.program.delete                     . . . . . x x
    quantum-computing.user.logout                        . . . . x x x
    quantum-computing.account-configuration.read         . . . . . x x
    quantum-computing.account-analytics-filters.read     . . . . . x x
    quantum-computing.account-analytics-usage.read       . . . . . x x
    resource-controller.instance.retrieve                x x x x . . .
    resource-controller.key.retrieve                     . x x x . . .
    resource-controller.key.create                       . x x x . . .
    resource-controller.key.delete                       . x x x . . .
    resource-controller.instance.create                  . . x x . . .
    resource-controller.instance.update                  . . x x . . .
    resource-controller.instance.delete                  . . x x . . .
    resource-controller.instance.lock                    . . x x . . .
    resource-controller.instance.unlock                  . . x x . . .
    iam.policy.read                                      . . . x . . .
    iam.policy.create                                    . . . x . . .
    iam.policy.update                                    . . . x . . .
    iam.policy.delete                                    . . . x . . .`,
  'iam-identity': `
    iam-identity.serviceid.get                           x x x x - - -
    iam-identity.serviceid.list                          x x x x - - -
    iam-identity.serviceid.create                        . x . x - - -
    iam-identity.serviceid.update                        . x x x - - -
    iam-identity.serviceid.delete                        . x . x - - -
    iam-identity.serviceid.lock                          . x . x - - -
    iam-identity.apikey.get                              . x x x - - -
    iam-identity.apikey.list                             . x x x - - -
    iam-identity.apikey.create                           . x . x - - -
    iam-identity.apikey.update                           . x x x - - -
    iam-identity.apikey.delete                           . x . x - - -
    iam-identity.apikey.lock                             . x . x - - -
    iam-identity.apikey.disable                          . x . x - - -
    iam-identity.account.get                             . x x x - - -
    iam-identity.account.update                          . x x x - - -
    iam-identity.account.allowed-ip-addresses.update     . . . x - - -
    iam-identity.identity-provider.manage                . . . x - - -
    iam.policy.read                                      . . . x - - -
    iam.policy.create                                    . . . x - - -
    iam.policy.update                                    . . . x - - -
    iam.policy.delete                                    . . . x - - -`,
  'user-management': `
    user-management.user.list                            x x x x - - -
    user-management.user.read                            x x x x - - -
    user-management.user-settings.read                   x x x x - - -
    user-management.invitation.list                      x x x x - - -
    user-management.user.invite                          . . x x - - -
    user-management.user.update                          . . x x - - -
    user-management.user.update-state                    . . . x - - -
    user-management.user.remove                          . . x x - - -
    user-management.user-settings.update                 . . x x - - -
    user-management.invitation.resend                    . . x x - - -
    user-management.invitation.revoke                    . . x x - - -
    iam.policy.read                                      . . . x - - -
    iam.policy.create                                    . . . x - - -
    iam.policy.update                                    . . . x - - -
    iam.policy.delete                                    . . . x - - -`,
  'iam-groups': `
    iam-groups.groups.list                               x - x x - - -
    iam-groups.groups.read                               x - x x - - -
    iam-groups.groups.create                             . - x x - - -
    iam-groups.groups.update                             . - x x - - -
    iam-groups.groups.delete                             . - x x - - -
    iam-groups.members.list                              x - x x - - -
    iam-groups.members.read                              x - x x - - -
    iam-groups.members.add                               . - x x - - -
    iam-groups.members.delete                            . - x x - - -
    iam-groups.rules.list                                x - x x - - -
    iam-groups.rules.read                                x - x x - - -
    iam-groups.rules.create                              . - x x - - -
    iam-groups.rules.update                              . - x x - - -
    iam-groups.rules.delete                              . - x x - - -
    iam-groups.account-settings.read                     x - x x - - -
    iam-groups.account-settings.update                   . - . x - - -
    iam.policy.read                                      . - . x - - -
    iam.policy.create                                    . - . x - - -
    iam.policy.update                                    . - . x - - -
    iam.policy.delete                                    . - . x - - -`,
  'iam-access-management': `
    iam-access-management.customRole.read                x x x x - - -
    iam-access-management.customRole.create              . . . x - - -
    iam-access-management.customRole.update              . . . x - - -
    iam-access-management.customRole.delete              . . . x - - -
    iam-access-management.authz.check                    . . . x - - -
    iam.policy.read                                      x x x x - - -
    iam.policy.create                                    . . . x - - -
    iam.policy.update                                    . . . x - - -
    iam.policy.delete                                    . . . x - - -`,
  'iam-audit': `
    iam-audit.event.read                                 x x x x - - -
    iam.policy.read                                      . . . x - - -
    iam.policy.create                                    . . . x - - -
    iam.policy.update                                    . . . x - - -
    iam.policy.delete                                    . . . x - - -`,
  'resource-controller': `
    resource-controller.group.retrieve                   x x x x - - -
    resource-controller.group.create                     . . x x - - -
    resource-controller.group.update                     . . x x - - -
    resource-controller.group.delete                     . . x x - - -
    iam.policy.read                                      . . . x - - -
    iam.policy.create                                    . . . x - - -
    iam.policy.update                                    . . . x - - -
    iam.policy.delete                                    . . . x - - -`,
};

const COLUMNS: SystemRoleName[] = ['Viewer', 'Operator', 'Editor', 'Administrator', 'Reader', 'Writer', 'Manager'];

interface Row {
  action: string;
  cells: Record<SystemRoleName, 'x' | '.' | '-'>;
}

function rows(service: string): Row[] {
  return MATRIX[service]!.trim()
    .split('\n')
    .map((line) => {
      const [action, ...cells] = line.trim().split(/\s+/);
      expect(cells, `row ${action}`).toHaveLength(COLUMNS.length);
      return { action: action!, cells: Object.fromEntries(COLUMNS.map((role, i) => [role, cells[i]])) as Row['cells'] };
    });
}

const ACCOUNT = 'acct';
const now = new Date('2025-03-03T10:00:00Z');

describe('role → action matrix, through real decisions', () => {
  it('covers exactly the catalog services', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...SERVICE_NAMES].sort());
  });

  for (const service of Object.keys(MATRIX)) {
    const table = rows(service);
    const definedRoles = COLUMNS.filter((role) => table.every((r) => r.cells[role] !== '-'));

    it(`${service}: the service defines exactly the actions of the table`, () => {
      expect([...serviceActions(service)].sort()).toEqual(table.map((r) => r.action).sort());
      for (const r of table) expect(isServiceAction(service, r.action)).toBe(true);
    });

    it(`${service}: GET /v2/roles lists the roles of the table with their actions`, () => {
      const listed = rolesForService(service)!;
      const all = [...listed.system_roles, ...listed.service_roles];
      expect(all.map((r) => r.display_name)).toEqual(definedRoles);
      for (const role of all) {
        expect(role.crn).toBe(systemRoleCrn(role.display_name as SystemRoleName));
        expect(role.description.length).toBeGreaterThan(10);
        expect([...role.actions].sort()).toEqual(table.filter((r) => r.cells[role.display_name as SystemRoleName] === 'x').map((r) => r.action).sort());
      }
    });

    for (const role of definedRoles) {
      it(`${service}: ${role} grants exactly its column, on the service and nowhere else`, () => {
        const index = createDecisionIndex();
        index.upsertPolicy(ACCOUNT, {
          id: 'p1',
          type: 'access',
          subjects: [{ attributes: [{ name: 'iam_id', value: 'QGid-U' }] }],
          roles: [{ role_id: systemRoleCrn(role) }],
          resources: [{ attributes: [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: service }] }],
        });
        const granted = table.filter((r) => r.cells[role] === 'x').map((r) => r.action);
        for (const target of SERVICE_NAMES) {
          for (const action of ALL_ACTIONS) {
            const decision = index.decide({ subject: { iamId: 'QGid-U', accountId: ACCOUNT }, action, resource: { accountId: ACCOUNT, serviceName: target, serviceInstance: 'i-1' }, now });
            expect(decision.permitted, `${role} on ${service}: ${action} asked of ${target}`).toBe(target === service && granted.includes(action));
          }
        }
      });
    }
  }

  it('platform roles never grant a job action', () => {
    for (const role of ['Viewer', 'Operator', 'Editor', 'Administrator'] as const) {
      const actions = rolesForService('quantum-computing')!.system_roles.find((r) => r.display_name === role)!.actions;
      expect(actions.filter((a) => a.startsWith('quantum-computing.job.'))).toEqual([]);
    }
  });

  it('a custom role of a service may hold only that service\'s actions', () => {
    expect(isServiceAction('quantum-computing', 'quantum-computing.job.delete')).toBe(true);
    expect(isServiceAction('quantum-computing', 'iam-groups.groups.read')).toBe(false);
    expect(isServiceAction('no-such-service', 'quantum-computing.job.delete')).toBe(false);
    expect(customRoleCrn('acct', 'JobDeleter')).toBe('crn:v1:ibmcloud:public:iam-access-management::a/acct::customRole:JobDeleter');
  });

  it('knows which services are IAM-enabled, platform, and in the IAM group', () => {
    expect(IAM_ENABLED_SERVICES).toEqual(['quantum-computing']);
    expect([...PLATFORM_SERVICES].sort()).toEqual(['iam-access-management', 'iam-audit', 'iam-groups', 'iam-identity', 'resource-controller', 'user-management']);
    expect([...IAM_SERVICE_GROUP].sort()).toEqual(['iam-access-management', 'iam-audit', 'iam-groups', 'iam-identity', 'user-management']);
    const group = rolesForServiceGroup('IAM')!;
    expect(group.service_roles).toEqual([]);
    expect(group.system_roles.find((r) => r.display_name === 'Administrator')!.actions).toContain('iam-groups.members.add');
    expect(rolesForServiceGroup('NOPE')).toBeUndefined();
    expect(rolesForService('nope')).toBeUndefined();
  });

  it('defines every action the routes ask for', () => {
    expect(Object.values(ACTIONS).filter((a) => !ALL_ACTIONS.includes(a))).toEqual([]);
  });

  it('matches the tables of docs/authorization.md', () => {
    const doc = fs.readFileSync(new URL('../../../../docs/authorization.md', import.meta.url), 'utf8');
    for (const service of SERVICES) {
      const section = doc.split(`### \`${service.name}\``)[1]?.split(/\n##+ /)[0];
      expect(section, `docs/authorization.md has a table for ${service.name}`).toBeDefined();
      const lines = section!.split('\n').filter((l) => l.startsWith('|'));
      const roles = lines[0]!.split('|').slice(2, -1).map((c) => c.trim());
      expect(roles, service.name).toEqual(COLUMNS.filter((r) => service.roles.includes(r)));
      const documented = Object.fromEntries(
        lines.slice(2).map((l) => {
          const cells = l.split('|').slice(1, -1).map((c) => c.trim());
          return [cells[0]!.replaceAll('`', ''), roles.filter((_, i) => cells[i + 1] === '✓')];
        }),
      );
      expect(documented, service.name).toEqual(Object.fromEntries(Object.entries(service.actions).map(([a, rs]) => [a, roles.filter((r) => rs.includes(r as SystemRoleName))])));
    }
  });
});
