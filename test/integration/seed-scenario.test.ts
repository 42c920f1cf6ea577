/**
 * The seed tutorial's example, end to end over HTTP: three instances, projects ml and finance, a
 * custom role with quantum-computing.job.delete, Fatima, Ravi and Amyra invited by email into their
 * projects, accepting, making API keys and running jobs on the simulator; who may see, submit,
 * cancel and delete what; a change of assignment obeyed by the next request; a restart losing nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedProjects } from '../helpers/access.js';
import { availableStores } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nmeas[0] = measure q[0];\nmeas[1] = measure q[1];\n';

describe.each(await availableStores())('%s: the submission rate limit', (store) => {
  let t: TestServer;
  let admin: string;
  beforeEach(async () => {
    t = await startTestServer({ store, env: { QGATE_JOB_RATE_LIMIT: '5', QGATE_WORKERS: '0' } });
    admin = await t.adminToken();
  });
  afterEach(() => t.close());

  /** A fresh instance, and a function submitting one small job to it. */
  const instanceWithSubmit = async (name: string) => {
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const crn = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name, target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body.crn as string;
    return { crn, submit: () => t.request('POST', '/api/v1/jobs', { token: admin, headers: { 'service-crn': crn }, body: { program_id: 'sampler', params: { pubs: [[BELL, null, 10]] } } }) };
  };

  it('refuses a sixth job in a minute with 429 when QGATE_JOB_RATE_LIMIT=5', async () => {
    const { submit } = await instanceWithSubmit('QR-rate');
    for (let i = 0; i < 5; i++) expect((await submit()).status).toBe(200);
    const sixth = await submit();
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('60');
  });

  it('holds the limit when many jobs are submitted at the same moment', async () => {
    const { crn, submit } = await instanceWithSubmit('QR-burst');
    const statuses = (await Promise.all(Array.from({ length: 12 }, submit))).map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
    const queued = await t.request('GET', '/api/v1/jobs?limit=50', { token: admin, headers: { 'service-crn': crn } });
    expect(queued.body.count).toBe(5);
  });
});

describe.each(await availableStores())('%s: the seed scenario', (store) => {
  let t: TestServer;
  let admin: string;
  const inst: Record<string, { guid: string; crn: string }> = {};
  const people: Record<string, { iamId: string; token: string }> = {};
  const groups: Record<string, string> = {};

  const runtime = (token: string, instance: string, method: string, path: string, body?: unknown) =>
    t.request(method, `/api/v1${path}`, { token, body, headers: { 'service-crn': inst[instance]!.crn, 'ibm-api-version': '2025-05-01' } });
  const submit = (who: string, instance: string, pubs: unknown[] = [[BELL, null, 100]]) =>
    runtime(people[who]!.token, instance, 'POST', '/jobs', { program_id: 'sampler', backend: 'simulator_statevector', params: { version: 2, pubs } });
  const finished = async (who: string, instance: string, id: string) => {
    for (let i = 0; i < 500; i++) {
      const job = await runtime(people[who]!.token, instance, 'GET', `/jobs/${id}?exclude_params=true`);
      if (['Completed', 'Failed', 'Cancelled'].includes(job.body.status)) return job.body;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`job ${id} did not finish`);
  };

  beforeAll(async () => {
    t = await startTestServer({ store });
    admin = await t.adminToken();
    await seedProjects(t, admin, { inst, groups });
    // Invited by email straight into their projects; each accepts, signs in and makes an API key.
    for (const [name, projects] of [['fatima', ['ml']], ['ravi', ['finance']], ['amyra', ['ml', 'finance']]] as const) {
      const email = `${name}@seed.example`;
      const invite = await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email }], access_groups: projects.map((p) => groups[p]) } });
      expect(invite.status).toBe(202);
      const password = `${name === 'fatima' ? 'tangerine' : 'harbor'} lantern ${Math.random().toString(36).slice(2)}`;
      expect((await t.request('POST', `/v2/invitations/${t.invitationToken(email)}/accept`, { body: { password } })).status).toBe(200);
      const login = await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: email, password } });
      const key = await t.request('POST', '/v1/apikeys', { token: login.body.access_token, body: { name: 'qiskit', iam_id: invite.body.resources[0].id } });
      people[name] = { iamId: invite.body.resources[0].id, token: await t.tokenFor(key.body.apikey) };
    }
  });
  afterAll(() => t.close());

  it('each person sees exactly their projects\' instances and backends', async () => {
    const visible = async (who: string) => (await t.request('GET', '/v2/resource_instances', { token: people[who]!.token })).body.resources.map((r: any) => r.name).sort();
    expect(await visible('fatima')).toEqual(['QR-common', 'QR-ml']);
    expect(await visible('ravi')).toEqual(['QR-common', 'QR-finance']);
    expect(await visible('amyra')).toEqual(['QR-common', 'QR-finance', 'QR-ml']);
    const backends = await runtime(people.fatima!.token, 'QR-ml', 'GET', '/backends');
    expect(backends.status).toBe(200);
    expect(backends.body.devices.map((d: any) => d.name)).toContain('simulator_statevector');
    expect((await runtime(people.fatima!.token, 'QR-finance', 'GET', '/backends')).status).toBe(403);
  });

  it('Fatima runs a Bell circuit on QR-ml and reads its results; Ravi cannot see it', async () => {
    const job = await submit('fatima', 'QR-ml');
    expect(job.status).toBe(200);
    expect(job.body.id).toMatch(/^[a-z0-9]{20}$/);
    const done = await finished('fatima', 'QR-ml', job.body.id);
    expect(done.status).toBe('Completed');
    const results = await runtime(people.fatima!.token, 'QR-ml', 'GET', `/jobs/${job.body.id}/results`);
    const samples: string[] = results.body.results[0].data.meas.samples;
    expect(samples).toHaveLength(100);
    expect(samples.every((s) => s === '0x0' || s === '0x3')).toBe(true);
    expect((await runtime(people.ravi!.token, 'QR-ml', 'GET', `/jobs/${job.body.id}`)).status).toBe(403);
    // The same job asked for through another instance does not exist there.
    expect((await runtime(people.amyra!.token, 'QR-common', 'GET', `/jobs/${job.body.id}`)).status).toBe(404);
    expect((await runtime(people.ravi!.token, 'QR-ml', 'POST', '/jobs', { program_id: 'sampler', params: { pubs: [[BELL]] } })).status).toBe(403);
  });

  it('on a shared instance everyone with job.read sees all its jobs, and the custom role lets them delete', async () => {
    const mine = await submit('amyra', 'QR-common');
    await finished('amyra', 'QR-common', mine.body.id);
    const listed = await runtime(people.ravi!.token, 'QR-common', 'GET', '/jobs?exclude_params=true');
    expect(listed.body.jobs.map((j: any) => j.id)).toContain(mine.body.id);
    expect(listed.body.count).toBe(listed.body.jobs.length);
    expect((await runtime(people.fatima!.token, 'QR-common', 'DELETE', `/jobs/${mine.body.id}`)).status).toBe(204);
    expect((await runtime(people.amyra!.token, 'QR-common', 'GET', `/jobs/${mine.body.id}`)).status).toBe(404);
  });

  it('refuses bad input: missing or wrong Service-CRN, unknown backend, malformed PUBs, deleting a running job', async () => {
    const token = people.fatima!.token;
    expect((await t.request('GET', '/api/v1/jobs', { token })).status).toBe(400);
    const wrong = await t.request('GET', '/api/v1/jobs', { token, headers: { 'service-crn': inst['QR-ml']!.crn.replace(inst['QR-ml']!.guid, '00000000-0000-0000-0000-000000000000') } });
    expect(wrong.status).toBe(404);
    const backend = await runtime(token, 'QR-ml', 'POST', '/jobs', { program_id: 'sampler', backend: 'ibm_nowhere', params: { pubs: [[BELL]] } });
    expect(backend.status).toBe(404);
    expect(backend.body.errors[0].code).toBe('backend_not_found');
    const malformed = await runtime(token, 'QR-ml', 'POST', '/jobs', { program_id: 'sampler', params: { pubs: [['OPENQASM 3.0;\nqubit[2] q;\nfrobnicate q[0];\n']] } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].message).toMatch(/line 3/);
    expect((await runtime(token, 'QR-ml', 'POST', '/jobs', { program_id: 'sampler', params: { pubs: [] } })).status).toBe(400);
    expect((await runtime(token, 'QR-ml', 'POST', '/jobs', { program_id: 'qaoa', params: { pubs: [[BELL]] } })).status).toBe(400);
    const layers = Array.from({ length: 600 }, (_, i) => `h q;\ncx q[${i % 23}], q[${(i % 23) + 1}];`).join('\n');
    const slow = await submit('fatima', 'QR-ml', [[`OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[24] q;\nbit[24] c;\n${layers}\nc = measure q;\n`, null, 10]]);
    const running = await runtime(token, 'QR-ml', 'DELETE', `/jobs/${slow.body.id}`);
    expect(running.status).toBe(409);
    expect((await runtime(token, 'QR-ml', 'POST', `/jobs/${slow.body.id}/cancel`)).status).toBe(204);
    const ended = await finished('fatima', 'QR-ml', slow.body.id);
    expect(ended.status).toBe('Cancelled');
    expect((await runtime(token, 'QR-ml', 'POST', `/jobs/${slow.body.id}/cancel`)).status).toBe(409);
  });

  it('a change of assignment is obeyed by the very next request, and so is the removal of a user', async () => {
    expect((await runtime(people.fatima!.token, 'QR-ml', 'GET', '/jobs')).status).toBe(200);
    expect((await t.request('DELETE', `/v2/groups/${groups.ml}/members/${people.fatima!.iamId}`, { token: admin })).status).toBe(204);
    expect((await runtime(people.fatima!.token, 'QR-ml', 'GET', '/jobs')).status).toBe(403);
    expect((await t.request('DELETE', `/v2/accounts/${t.accountId}/users/${people.ravi!.iamId}`, { token: admin })).status).toBe(204);
    expect((await runtime(people.ravi!.token, 'QR-finance', 'GET', '/jobs')).status).toBe(401);
  });

  it('usage limits: reading usage, a Manager-only limit, 409 over it, and a running job stopped with 1305 when it is reached', async () => {
    const usage = await runtime(people.amyra!.token, 'QR-ml', 'GET', '/instances/usage');
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ instance_id: inst['QR-ml']!.crn, plan_id: 'standard', usage_limit_reached: false });
    const consumed = usage.body.usage_consumed_seconds as number;
    expect(consumed).toBeGreaterThan(0);
    // Writers may not set the limit (Manager only); the owner may.
    expect((await runtime(people.amyra!.token, 'QR-ml', 'PUT', '/instances/configuration', { instance_limit: 0 })).status).toBe(403);
    expect((await runtime(admin, 'QR-ml', 'PUT', '/instances/configuration', { instance_limit: 0 })).status).toBe(204);
    expect((await runtime(people.amyra!.token, 'QR-ml', 'GET', '/instances/configuration')).body).toEqual({ instance_limit: 0 });
    const refused = await submit('amyra', 'QR-ml');
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('usage_limit_reached');
    expect((await runtime(admin, 'QR-ml', 'PUT', '/instances/configuration', { instance_limit: Math.ceil(consumed) + 1 })).status).toBe(204);
    const layers = Array.from({ length: 900 }, (_, i) => `h q;\ncx q[${i % 23}], q[${(i % 23) + 1}];`).join('\n');
    const long = await submit('amyra', 'QR-ml', [[`OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[24] q;\nbit[24] c;\n${layers}\nc = measure q;\n`, null, 10]]);
    expect(long.status).toBe(200);
    const ended = await finished('amyra', 'QR-ml', long.body.id);
    expect(ended.status).toBe('Cancelled');
    expect(ended.state.reason_code).toBe(1305);
    expect((await runtime(admin, 'QR-ml', 'PUT', '/instances/configuration', { instance_limit: null })).status).toBe(204);
    expect((await submit('amyra', 'QR-ml')).status).toBe(200);
  });

  it('sessions and batches: jobs join them, closing stops queued ones, the open plan has none', async () => {
    const token = people.amyra!.token;
    const batch = await runtime(token, 'QR-ml', 'POST', '/sessions', { mode: 'batch', backend: 'simulator_statevector' });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ mode: 'batch', state: 'open', accepting_jobs: true, backend_name: 'simulator_statevector' });
    const job = await runtime(token, 'QR-ml', 'POST', '/jobs', { program_id: 'sampler', backend: 'simulator_statevector', session_id: batch.body.id, params: { pubs: [[BELL, null, 10]] } });
    expect(job.status).toBe(200);
    expect(job.body.session_id).toBe(batch.body.id);
    expect((await runtime(token, 'QR-ml', 'GET', `/sessions/${batch.body.id}`)).body.state).toBe('active');
    expect((await runtime(token, 'QR-ml', 'GET', `/jobs?session_id=${batch.body.id}`)).body.count).toBe(1);
    expect((await runtime(token, 'QR-ml', 'PATCH', `/sessions/${batch.body.id}`, { accepting_jobs: false })).status).toBe(204);
    const refused = await runtime(token, 'QR-ml', 'POST', '/jobs', { program_id: 'sampler', session_id: batch.body.id, params: { pubs: [[BELL, null, 10]] } });
    expect(refused.status).toBe(409);
    expect((await runtime(token, 'QR-ml', 'DELETE', `/sessions/${batch.body.id}/close`)).status).toBe(204);
    expect((await runtime(token, 'QR-ml', 'GET', `/sessions/${batch.body.id}`)).body).toMatchObject({ state: 'closed', accepting_jobs: false });
    expect((await runtime(people.fatima!.token, 'QR-finance', 'POST', '/sessions', { mode: 'dedicated' })).status).toBe(403);
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources.find((g: any) => g.default).id;
    const open = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-open', target: 'us-east', resource_group: rg, resource_plan_id: 'open' } });
    const onOpen = await t.request('POST', '/api/v1/sessions', { token: admin, headers: { 'service-crn': open.body.crn }, body: { mode: 'batch' } });
    expect(onOpen.status).toBe(403);
    expect(onOpen.body.errors[0].code).toBe('sessions_not_allowed');
  });

  it('deleting an instance cancels its queued and running jobs', async () => {
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources.find((g: any) => g.default).id;
    const scratch = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-scratch', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } });
    inst['QR-scratch'] = { guid: scratch.body.guid, crn: scratch.body.crn };
    const layers = Array.from({ length: 600 }, (_, i) => `h q;\ncx q[${i % 23}], q[${(i % 23) + 1}];`).join('\n');
    const slow = `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[24] q;\nbit[24] c;\n${layers}\nc = measure q;\n`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await runtime(admin, 'QR-scratch', 'POST', '/jobs', { program_id: 'sampler', params: { pubs: [[slow, null, 10]] } })).body.id);
    expect((await t.request('DELETE', `/v2/resource_instances/${scratch.body.guid}`, { token: admin })).status).toBe(204);
    const jobs = await Promise.all(ids.map(async (id) => {
      // Up to 30 s: a loaded CI machine may take a while to reach the next cancellation point of a 24-qubit job.
      for (let i = 0; i < 1500; i++) {
        const row = await t.qgate.database.db.selectFrom('jobs').select(['status', 'reason']).where('id', '=', id).executeTakeFirstOrThrow();
        if (row.status === 'Cancelled' || row.status === 'Completed' || row.status === 'Failed') return row;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`job ${id} still running`);
    }));
    expect(jobs.map((j) => j.status)).toEqual(['Cancelled', 'Cancelled', 'Cancelled']);
  }, 60_000);

  it('a restart loses nothing', async () => {
    const job = await submit('amyra', 'QR-ml');
    const done = await finished('amyra', 'QR-ml', job.body.id);
    await t.restart();
    const again = await runtime(people.amyra!.token, 'QR-ml', 'GET', `/jobs/${job.body.id}?exclude_params=true`);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe(done.status);
    expect((await runtime(people.amyra!.token, 'QR-ml', 'GET', `/jobs/${job.body.id}/results`)).body.results[0].data.meas.samples).toHaveLength(100);
  });
});
