/**
 * Limits hold when the requests that would pass them arrive at the same moment: each count and the
 * write it allows run under one lock per limit, so a burst cannot all pass the same count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStores } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const LIMITS = { groupsPerAccount: 6, apiKeysPerIdentity: 4, groupsPerIdentity: 2, policiesPerAccount: 12 };

describe.each(await availableStores())('%s: limits under bursts', (store) => {
  let t: TestServer;
  let admin: string;
  const burst = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

  beforeAll(async () => {
    t = await startTestServer({
      store,
      env: {
        QGATE_LIMIT_GROUPS_PER_ACCOUNT: String(LIMITS.groupsPerAccount),
        QGATE_LIMIT_APIKEYS_PER_IDENTITY: String(LIMITS.apiKeysPerIdentity),
        QGATE_LIMIT_GROUPS_PER_IDENTITY: String(LIMITS.groupsPerIdentity),
        QGATE_LIMIT_POLICIES_PER_ACCOUNT: String(LIMITS.policiesPerAccount),
      },
    });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const groupCount = async () => (await t.qgate.database.db.selectFrom('access_groups').select('id').where('account_id', '=', t.accountId).execute()).length;

  it('access groups per account', async () => {
    const before = await groupCount();
    expect(before).toBeLessThan(LIMITS.groupsPerAccount);
    const results = await burst(12, (i) => t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: `burst-${i}` } }));
    const created = results.filter((r) => r.status === 201).length;
    expect(await groupCount()).toBe(before + created);
    expect(before + created).toBe(LIMITS.groupsPerAccount);
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.errors[0].code === 'group_limit_reached')).toBe(true);
  });

  it('API keys per identity', async () => {
    const ravi = await t.addUser('ravi@burst.example');
    const results = await burst(10, (i) => t.request('POST', '/v1/apikeys', { token: ravi.token, body: { name: `k${i}`, iam_id: ravi.iamId } }));
    const keys = await t.qgate.database.db.selectFrom('api_keys').select('id').where('iam_id', '=', ravi.iamId).execute();
    expect(keys.length).toBe(LIMITS.apiKeysPerIdentity);
    expect(results.filter((r) => r.status === 201).length).toBe(LIMITS.apiKeysPerIdentity - 1);
  });

  it('access groups per identity, through separate requests at once', async () => {
    const amyra = await t.addUser('amyra@burst.example');
    const groups = await t.qgate.database.db.selectFrom('access_groups').select('id').where('account_id', '=', t.accountId).where('name', 'like', 'burst-%').execute();
    expect(groups.length).toBeGreaterThan(LIMITS.groupsPerIdentity + 1);
    const results = await burst(groups.length, (i) =>
      t.request('PUT', `/v2/groups/${groups[i]!.id}/members`, { token: admin, body: { members: [{ iam_id: amyra.iamId, type: 'user' }] } }),
    );
    const statuses = results.map((r) => r.body.members[0].status_code as number);
    expect(statuses.filter((s) => s === 200 || s === 201)).toHaveLength(LIMITS.groupsPerIdentity);
    const memberships = await t.request('GET', `/v2/groups?account_id=${t.accountId}&iam_id=${amyra.iamId}`, { token: admin });
    expect(memberships.body.groups.filter((g: { id: string }) => g.id !== 'AccessGroupId-PublicAccess')).toHaveLength(LIMITS.groupsPerIdentity);
  });

  it('open sessions per instance (the standard plan allows 3)', async () => {
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const crn = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-sessions', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body.crn;
    const results = await burst(8, () => t.request('POST', '/api/v1/sessions', { token: admin, headers: { 'service-crn': crn }, body: { mode: 'batch' } }));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.errors[0].code === 'session_limit_reached')).toBe(true);
  });

  it('an invitation naming more access groups than one identity may join is refused, and nothing is written', async () => {
    const groups = await t.qgate.database.db.selectFrom('access_groups').select('id').where('account_id', '=', t.accountId).where('name', 'like', 'burst-%').execute();
    const ids = groups.slice(0, LIMITS.groupsPerIdentity + 1).map((g) => g.id);
    const res = await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'too-many@burst.example', account_role: 'Member' }], access_groups: ids } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('group_limit_reached');
    expect(res.body.errors[0].message).toMatch(/access_groups/);
    expect(await t.qgate.database.db.selectFrom('users').select('iam_id').where('email', '=', 'too-many@burst.example').execute()).toEqual([]);
  });

  it('policies per account', async () => {
    const fatima = await t.addUser('fatima@burst.example');
    const count = async () => (await t.qgate.database.db.selectFrom('policies').select('id').where('account_id', '=', t.accountId).where('state', '=', 'active').execute()).length;
    const before = await count();
    expect(before).toBeLessThan(LIMITS.policiesPerAccount - 2);
    const results = await burst(LIMITS.policiesPerAccount, (i) =>
      t.request('POST', '/v1/policies', {
        token: admin,
        body: {
          type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: fatima.iamId }] }], roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }],
          resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: `instance-${i}` }] }],
        },
      }),
    );
    const created = results.filter((r) => r.status === 201).length;
    expect(await count()).toBe(LIMITS.policiesPerAccount);
    expect(before + created).toBe(LIMITS.policiesPerAccount);
  });
});

describe.each(await availableStores())('%s: a session closed while jobs arrive', (store) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ store, env: { QGATE_WORKERS: '0' } });
  });
  afterAll(() => t.close());

  it('takes no job after it closed: each one is refused or cancelled by the closing', async () => {
    const admin = await t.adminToken();
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const crn = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-closing', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body.crn;
    const runtime = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1${path}`, { token: admin, body, headers: { 'service-crn': crn } });
    const bell = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';
    for (let round = 0; round < 3; round++) {
      const session = (await runtime('POST', '/sessions', { mode: 'batch' })).body.id as string;
      const submissions = Array.from({ length: 15 }, () => runtime('POST', '/jobs', { program_id: 'sampler', session_id: session, params: { pubs: [[bell, null, 10]] } }));
      const closing = runtime('DELETE', `/sessions/${session}/close`);
      const answers = await Promise.all([...submissions, closing]);
      expect(answers.slice(0, -1).every((r) => r.status === 200 || (r.status === 409 && r.body.errors[0].code === 'session_closed'))).toBe(true);
      const jobs = await t.qgate.database.db.selectFrom('jobs').select('status').where('session_id', '=', session).execute();
      expect(jobs.filter((j) => j.status !== 'Cancelled')).toEqual([]);
    }
  });
});
