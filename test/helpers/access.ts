/**
 * Access set up through the API as an administrator would: policies on one Qiskit Runtime instance, and the seed
 * tutorial's projects.
 */
import { expect } from 'vitest';
import type { Reply, TestServer } from './test-server.js';

/** A policy granting `roles` on one quantum-computing instance to a subject (`iam_id` or `access_group_id`). */
export function instancePolicy(t: TestServer, token: string, subject: { name: 'iam_id' | 'access_group_id'; value: string }, roles: string[], guid: string): Promise<Reply> {
  return t.request('POST', '/v1/policies', {
    token,
    body: {
      type: 'access', subjects: [{ attributes: [subject] }], roles: roles.map((role_id) => ({ role_id })),
      resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: guid }] }],
    },
  });
}

/**
 * The seed tutorial's set-up: instances QR-ml, QR-finance and QR-common, a job-deleting custom role, and projects
 * ml (QR-ml, QR-common) and finance (QR-finance, QR-common) as access groups with Viewer, Writer and that role on
 * their instances. Fills `inst` (by instance name) and `groups` (project → group id).
 */
export async function seedProjects(t: TestServer, admin: string, into: { inst: Record<string, { guid: string; crn: string }>; groups: Record<string, string> }): Promise<void> {
  const { inst, groups } = into;
  const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources.find((g: any) => g.default).id;
  for (const name of ['QR-ml', 'QR-finance', 'QR-common']) {
    const res = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name, target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } });
    expect(res.status).toBe(201);
    inst[name] = { guid: res.body.guid, crn: res.body.crn };
  }
  const role = await t.request('POST', '/v2/roles', { token: admin, body: { name: 'JobDeleter', display_name: 'Job deleter', account_id: t.accountId, service_name: 'quantum-computing', actions: ['quantum-computing.job.delete'] } });
  expect(role.status).toBe(201);
  for (const [project, instances] of [['ml', ['QR-ml', 'QR-common']], ['finance', ['QR-finance', 'QR-common']]] as const) {
    groups[project] = (await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: project } })).body.id;
    for (const i of instances) {
      const p = await instancePolicy(t, admin, { name: 'access_group_id', value: groups[project]! },
        ['crn:v1:bluemix:public:iam::::role:Viewer', 'crn:v1:bluemix:public:iam::::serviceRole:Writer', role.body.crn], inst[i]!.guid);
      expect(p.status).toBe(201);
    }
  }
}
