/**
 * The runtime's workload listing (jobs and sessions with cursor paging), job tags, the instance
 * view, interim results, and the legacy root paths, over HTTP on both stores, with their denials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountWithOwner } from '#src/modules/accounts/create-account.js';
import { RUNTIME_ROOT_SEGMENTS } from '#src/modules/runtime/runtime.routes.js';
import { hashPlaceholder } from '../helpers/accounts.js';
import { instancePolicy } from '../helpers/access.js';
import { availableStores } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nmeas[0] = measure q[0];\nmeas[1] = measure q[1];\n';
const READER = 'crn:v1:bluemix:public:iam::::serviceRole:Reader';
const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const OTHER_KEY = 'workloads-other-account-key-0123456789abc';

describe.each(await availableStores())('%s: workloads, tags, instance, interim results and legacy paths', (store) => {
  let t: TestServer;
  let admin: string;
  const inst: Record<'a' | 'b', { guid: string; crn: string }> = {} as never;
  const who: Record<'reader' | 'writer' | 'viewer' | 'other', { iamId: string; token: string }> = {} as never;
  const jobs: string[] = [];
  const sessions: Record<'batch' | 'dedicated', string> = {} as never;
  let jobB: string;

  const call = (token: string | undefined, crn: string | undefined, method: string, path: string, body?: unknown) =>
    t.request(method, path, { ...(token ? { token } : {}), body, headers: crn ? { 'service-crn': crn } : {} });
  const submit = async (token: string, crn: string, extra: Record<string, unknown> = {}) => {
    const res = await call(token, crn, 'POST', '/api/v1/jobs', { program_id: 'sampler', backend: 'simulator_statevector', params: { pubs: [[BELL, null, 10]] }, ...extra });
    expect(res.status).toBe(200);
    return res.body.id as string;
  };
  const policy = (iamId: string, role: string, guid: string) => instancePolicy(t, admin, { name: 'iam_id', value: iamId }, [role], guid);
  /** Every workload id, following `link` ('next' or 'previous') from `first`. */
  const walk = async (token: string, first: string, link: 'next' | 'previous') => {
    const ids: string[] = [];
    let url: string | undefined = first;
    for (let i = 0; url && i < 50; i++) {
      const page: any = await call(token, inst.a.crn, 'GET', url);
      expect(page.status).toBe(200);
      ids.push(...page.body.workloads.map((w: any) => w.id));
      url = page.body[link]?.href;
    }
    return ids;
  };

  beforeAll(async () => {
    // Workers off: jobs stay queued unless cancelled, so statuses are what the test makes them.
    t = await startTestServer({ store, env: { QGATE_WORKERS: '0' } });
    admin = await t.adminToken();
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    for (const name of ['a', 'b'] as const) {
      const res = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: `QR-${name}`, target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } });
      inst[name] = { guid: res.body.guid, crn: res.body.crn };
    }
    for (const name of ['reader', 'writer', 'viewer'] as const) {
      const u = await t.addUser(`${name}@example.com`);
      who[name] = { iamId: u.iamId, token: u.token };
    }
    expect((await policy(who.reader.iamId, READER, inst.a.guid)).status).toBe(201);
    expect((await policy(who.writer.iamId, WRITER, inst.a.guid)).status).toBe(201);
    expect((await policy(who.viewer.iamId, VIEWER, inst.a.guid)).status).toBe(201);
    await t.qgate.database.db.transaction().execute((trx) =>
      createAccountWithOwner(trx, { name: 'other', ownerEmail: 'owner@other.example', ownerPasswordHash: hashPlaceholder, ownerApiKey: OTHER_KEY, now: new Date() }),
    );
    who.other = { iamId: '', token: await t.tokenFor(OTHER_KEY) };

    for (let i = 0; i < 6; i++) jobs.push(await submit(admin, inst.a.crn, { tags: i % 2 === 0 ? ['even', `n${i}`] : ['odd', 'Experiment-X'] }));
    jobs.push(await submit(who.writer.token, inst.a.crn, { tags: ['mine'] }));
    expect((await call(admin, inst.a.crn, 'POST', `/api/v1/jobs/${jobs[1]}/cancel`)).status).toBe(204);
    for (const mode of ['batch', 'dedicated'] as const) {
      const s = await call(admin, inst.a.crn, 'POST', '/api/v1/sessions', { mode, backend: 'simulator_statevector' });
      expect(s.status).toBe(200);
      sessions[mode] = s.body.id;
    }
    // A job inside the batch belongs to it, not to the top-level list.
    await submit(admin, inst.a.crn, { session_id: sessions.batch });
    jobB = await submit(admin, inst.b.crn, { tags: ['secret-b'] });
  });
  afterAll(() => t.close());

  it('lists top-level jobs and sessions in creation order, IBM-shaped', async () => {
    const res = await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/workloads?limit=50');
    expect(res.status).toBe(200);
    expect(res.body.total_count).toBe(9);
    expect(res.body.limit).toBe(50);
    expect(res.body.next).toBeUndefined();
    expect(res.body.previous).toBeUndefined();
    const ids = res.body.workloads.map((w: any) => w.id);
    expect(ids).toEqual([...jobs, sessions.batch, sessions.dedicated]);
    const cancelled = res.body.workloads[1];
    expect(cancelled).toMatchObject({ id: jobs[1], mode: 'job', status: 'canceled', instance: inst.a.crn, backend: 'simulator_statevector', accepting_jobs: null, tags: ['odd', 'Experiment-X'] });
    expect(cancelled.ended).toBeTruthy();
    expect(res.body.workloads[0]).toMatchObject({ status: 'pending', usage: { qpu_charge_time_seconds: 0, status: 'pending' } });
    expect(res.body.workloads[7]).toMatchObject({ id: sessions.batch, mode: 'batch', status: 'in_progress', accepting_jobs: true });
    expect(res.body.workloads[8]).toMatchObject({ id: sessions.dedicated, mode: 'session', status: 'pending' });
    expect(JSON.stringify(res.body)).not.toContain(jobB);
    const desc = await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/workloads?limit=50&sort=-createdAt');
    expect(desc.body.workloads.map((w: any) => w.id)).toEqual([...ids].reverse());
  });

  it('pages with next and previous cursors, each way and in both sort orders', async () => {
    for (const sort of ['createdAt', '-createdAt']) {
      const all = (await call(admin, inst.a.crn, 'GET', `/api/v1/workloads?limit=50&sort=${sort}`)).body.workloads.map((w: any) => w.id);
      const forward = await walk(admin, `/api/v1/workloads?limit=2&sort=${sort}`, 'next');
      expect(forward).toEqual(all);
      // From the last page, previous links lead back to the first.
      let last: any = await call(admin, inst.a.crn, 'GET', `/api/v1/workloads?limit=2&sort=${sort}`);
      while (last.body.next) last = await call(admin, inst.a.crn, 'GET', last.body.next.href);
      expect(last.body.workloads.map((w: any) => w.id)).toEqual(all.slice(8));
      expect(last.body.previous.href).toMatch(/^\/api\/v1\/workloads\?/);
      const back: string[] = [];
      let page: any = await call(admin, inst.a.crn, 'GET', last.body.previous.href);
      for (;;) {
        back.unshift(...page.body.workloads.map((w: any) => w.id));
        if (!page.body.previous) break;
        page = await call(admin, inst.a.crn, 'GET', page.body.previous.href);
      }
      expect(back).toEqual(all.slice(0, 8));
      expect(page.body.next.href).toContain('next=');
    }
    // Repeated filters survive in the links.
    const filtered = await call(admin, inst.a.crn, 'GET', '/api/v1/workloads?limit=1&status=pending&status=canceled&mode=job');
    expect(filtered.body.total_count).toBe(7);
    expect(filtered.body.next.href).toContain('status=pending&status=canceled');
    expect(await walk(admin, '/api/v1/workloads?limit=1&status=pending&status=canceled&mode=job', 'next')).toEqual(jobs);
  });

  it('filters by user, mode, status, search, tags, backend and creation time', async () => {
    const ids = async (query: string, token = admin) => (await call(token, inst.a.crn, 'GET', `/api/v1/workloads?limit=50&${query}`)).body.workloads.map((w: any) => w.id);
    expect(await ids('user=me', who.writer.token)).toEqual([jobs[6]]);
    expect(await ids('mode=batch')).toEqual([sessions.batch]);
    expect(await ids('mode=session')).toEqual([sessions.dedicated]);
    expect(await ids('status=canceled')).toEqual([jobs[1]]);
    expect(await ids('status=in_progress')).toEqual([sessions.batch]);
    expect(await ids('search=Experiment-X')).toEqual([jobs[1], jobs[3], jobs[5]]);
    expect(await ids(`search=${jobs[2]!.slice(3, 12)}`)).toEqual([jobs[2]]);
    expect(await ids('tags=even&tags=n4')).toEqual([jobs[4]]);
    expect(await ids('backend=simulator_stabilizer')).toEqual([]);
    expect(await ids('created_after=2100-01-01T00:00:00Z')).toEqual([]);
    expect((await ids('created_before=2100-01-01T00:00:00Z')).length).toBe(9);
  });

  it('refuses bad input with 400', async () => {
    for (const query of ['limit=51', 'limit=0', 'status=done', 'mode=program', 'sort=name', 'next=not-a-cursor', 'created_after=yesterday']) {
      const res = await call(admin, inst.a.crn, 'GET', `/api/v1/workloads?${query}`);
      expect(res.status, query).toBe(400);
    }
    expect((await call(admin, undefined, 'GET', '/api/v1/workloads')).status).toBe(400);
  });

  it('denies workloads to the anonymous, other accounts, callers without workload.list and other instances', async () => {
    expect((await call(undefined, inst.a.crn, 'GET', '/api/v1/workloads')).status).toBe(401);
    expect((await call(who.other.token, inst.a.crn, 'GET', '/api/v1/workloads')).status).toBe(404);
    const viewer = await call(who.viewer.token, inst.a.crn, 'GET', '/api/v1/workloads');
    expect(viewer.status).toBe(403);
    expect(viewer.text).toContain('quantum-computing.workload.list');
    // Reader on instance a only: instance b's workloads stay hidden.
    expect((await call(who.reader.token, inst.b.crn, 'GET', '/api/v1/workloads')).status).toBe(403);
    expect((await call(admin, inst.b.crn, 'GET', '/api/v1/workloads')).body.workloads.map((w: any) => w.id)).toEqual([jobB]);
  });

  it('suggests job tags of the instance that contain the search text', async () => {
    const res = await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/tags?type=job&search=e');
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(['Experiment-X', 'even', 'mine']);
    expect((await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/tags?type=job&search=EXPERIMENT')).body.tags).toEqual(['Experiment-X']);
    expect((await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/tags?type=job')).body.tags).toHaveLength(7);
    expect((await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/tags?type=job&search=secret')).body.tags).toEqual([]);
    expect((await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/tags?type=program')).status).toBe(400);
    expect((await call(undefined, inst.a.crn, 'GET', '/api/v1/tags?type=job')).status).toBe(401);
    expect((await call(who.other.token, inst.a.crn, 'GET', '/api/v1/tags?type=job')).status).toBe(404);
    expect((await call(who.viewer.token, inst.a.crn, 'GET', '/api/v1/tags?type=job')).status).toBe(403);
    expect((await call(who.reader.token, inst.b.crn, 'GET', '/api/v1/tags?type=job')).status).toBe(403);
  });

  it('shows the instance to callers with instance.read', async () => {
    const res = await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/instance');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ instance_id: inst.a.crn, guid: inst.a.guid, name: 'QR-a', plan_id: 'standard', region: 'us-east', qctrl_enabled: false });
    expect(res.body.backends).toContain('simulator_statevector');
    expect((await call(undefined, inst.a.crn, 'GET', '/api/v1/instance')).status).toBe(401);
    expect((await call(who.other.token, inst.a.crn, 'GET', '/api/v1/instance')).status).toBe(404);
    expect((await call(who.viewer.token, inst.a.crn, 'GET', '/api/v1/instance')).status).toBe(403);
    expect((await call(who.reader.token, inst.b.crn, 'GET', '/api/v1/instance')).status).toBe(403);
  });

  it('answers interim results with 204 for a job of the instance, 404 otherwise', async () => {
    expect((await call(who.reader.token, inst.a.crn, 'GET', `/api/v1/jobs/${jobs[0]}/interim_results`)).status).toBe(204);
    expect((await call(who.reader.token, inst.a.crn, 'GET', '/api/v1/jobs/nosuchjob/interim_results')).status).toBe(404);
    expect((await call(admin, inst.a.crn, 'GET', `/api/v1/jobs/${jobB}/interim_results`)).status).toBe(404);
    expect((await call(undefined, inst.a.crn, 'GET', `/api/v1/jobs/${jobs[0]}/interim_results`)).status).toBe(401);
    expect((await call(who.other.token, inst.a.crn, 'GET', `/api/v1/jobs/${jobs[0]}/interim_results`)).status).toBe(404);
    expect((await call(who.viewer.token, inst.a.crn, 'GET', `/api/v1/jobs/${jobs[0]}/interim_results`)).status).toBe(403);
  });

  it('serves the same API at the legacy root paths, described as deprecated', async () => {
    expect((await call(undefined, undefined, 'GET', '/versions')).body.versions).toContain('2025-05-01');
    expect((await call(admin, inst.a.crn, 'GET', '/backends')).body.devices.map((d: any) => d.name)).toContain('simulator_statevector');
    const id = await (async () => {
      const res = await call(admin, inst.a.crn, 'POST', '/jobs', { program_id: 'sampler', backend: 'simulator_statevector', params: { pubs: [[BELL, null, 10]] } });
      expect(res.status).toBe(200);
      return res.body.id as string;
    })();
    expect((await call(admin, inst.a.crn, 'GET', `/jobs/${id}`)).body.status).toBe('Queued');
    expect((await call(admin, inst.a.crn, 'GET', `/api/v1/jobs/${id}`)).body.id).toBe(id);
    expect((await call(admin, inst.a.crn, 'GET', '/usage')).body.instance_id).toBe(inst.a.crn);
    expect((await call(admin, inst.a.crn, 'GET', '/instances/usage')).body.instance_id).toBe(inst.a.crn);
    const legacy = await call(admin, inst.a.crn, 'GET', '/workloads?limit=1');
    expect(legacy.body.next.href).toMatch(/^\/workloads\?/);
    // Denials hold at the root too.
    expect((await call(undefined, inst.a.crn, 'GET', '/jobs')).status).toBe(401);
    expect((await call(who.other.token, inst.a.crn, 'GET', '/jobs')).status).toBe(404);
    expect((await call(who.viewer.token, inst.a.crn, 'GET', '/workloads')).status).toBe(403);
    expect((await call(who.reader.token, inst.a.crn, 'POST', '/jobs', { program_id: 'sampler', params: { pubs: [[BELL]] } })).status).toBe(403);

    const doc = (await t.request('GET', '/openapi.json')).body;
    expect(doc.paths['/jobs'].post.deprecated).toBe(true);
    expect(doc.paths['/api/v1/jobs'].post.deprecated).toBeUndefined();
    expect(doc.paths['/workloads'].get.deprecated).toBe(true);
  });

  it('closes a session past its max_ttl once, cancels its queued job, and records the closing as the server acting on its own', async () => {
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const made = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-expiring', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } });
    const crn = made.body.crn as string;
    const session = await call(admin, crn, 'POST', '/api/v1/sessions', { mode: 'batch', backend: 'simulator_statevector', max_ttl: 1 });
    expect(session.status).toBe(200);
    const id = session.body.id as string;
    const queued = await submit(admin, crn, { session_id: id });
    await new Promise((r) => setTimeout(r, 1_100));
    // Several readers see the expiry at once (a listing, two reads): one closes it, one event says so.
    const [listing, ...reads] = await Promise.all([
      call(admin, crn, 'GET', '/api/v1/workloads'),
      call(admin, crn, 'GET', `/api/v1/sessions/${id}`),
      call(admin, crn, 'GET', `/api/v1/sessions/${id}`),
    ]);
    expect(listing.status).toBe(200);
    for (const r of reads) expect(r.body).toMatchObject({ state: 'closed', accepting_jobs: false });
    expect((await call(admin, crn, 'GET', `/api/v1/jobs/${queued}`)).body.status).toBe('Cancelled');
    const events = (await t.request('GET', `/v1/audit/events?target=${id}&action=quantum-computing.session.update`, { token: admin })).body.events as any[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ account_id: t.accountId, actor: { iam_id: null, type: 'system', ip: null }, outcome: 'success', details: { closed: true, reason: 'max_ttl_elapsed', max_ttl: 1 } });
    // Closing it by hand afterwards changes nothing and records nothing more.
    expect((await call(admin, crn, 'DELETE', `/api/v1/sessions/${id}/close`)).status).toBe(204);
    expect((await t.request('GET', `/v1/audit/events?target=${id}&action=quantum-computing.session.update`, { token: admin })).body.events).toHaveLength(1);
  });

  it('filters by tags exactly, whatever characters they hold, and searches without wildcards, alike on both stores', async () => {
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const crn = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-tags', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body.crn as string;
    const tags = ['run_7', 'run17', '50%', '500', 'a"b', 'back\\slash', 'Bell', 'bell'];
    const byTag = new Map<string, string>();
    for (const tag of tags) byTag.set(tag, await submit(admin, crn, { tags: [tag] }));
    const query = (path: string, name: string, values: string[]) => `${path}?${values.map((v) => `${name}=${encodeURIComponent(v)}`).join('&')}`;
    for (const tag of tags) {
      const jobsRes = await call(admin, crn, 'GET', query('/api/v1/jobs', 'tags', [tag]));
      expect(jobsRes.body.jobs.map((j: any) => j.id), tag).toEqual([byTag.get(tag)]);
      const workloadsRes = await call(admin, crn, 'GET', query('/api/v1/workloads', 'tags', [tag]));
      expect(workloadsRes.body.workloads.map((w: any) => w.id), tag).toEqual([byTag.get(tag)]);
    }
    // A search is for the text as typed (no wildcards), in any case.
    const search = async (text: string) => (await call(admin, crn, 'GET', query('/api/v1/workloads', 'search', [text]))).body.workloads.map((w: any) => w.id).sort();
    expect(await search('run_')).toEqual([byTag.get('run_7')]);
    expect(await search('0%')).toEqual([byTag.get('50%')]);
    expect(await search('BELL')).toEqual([byTag.get('Bell'), byTag.get('bell')].sort());
    expect(await search('a"')).toEqual([byTag.get('a"b')]);
    expect(await search('k\\s')).toEqual([byTag.get('back\\slash')]);
    // Suggestions find them too.
    const suggested = async (text: string) => (await call(admin, crn, 'GET', `/api/v1/tags?type=job&search=${encodeURIComponent(text)}`)).body.tags;
    expect(await suggested('a"')).toEqual(['a"b']);
    expect(await suggested('run_')).toEqual(['run_7']);
  });

  it('keeps root paths to the runtime segments, each an /api/v1 twin, clear of the other services', () => {
    const routes = t.qgate.routes.map((r) => `${r.method} ${r.url}`);
    const reserved = ['', 'v1', 'v2', 'v3', 'identity', 'health', 'openapi.json', 'login', 'signin', 'invite', 'api', '.well-known', 'assets', 'iam', 'resources', 'quantum'];
    for (const segment of RUNTIME_ROOT_SEGMENTS) expect(reserved).not.toContain(segment);
    for (const route of t.qgate.routes) {
      const first = route.url.split('/')[1] ?? '';
      if ((RUNTIME_ROOT_SEGMENTS as readonly string[]).includes(first)) expect(routes, route.url).toContain(`${route.method} /api/v1${route.url}`);
    }
    const runtimeApi = t.qgate.routes.filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/:plan_id');
    for (const route of runtimeApi) expect(RUNTIME_ROOT_SEGMENTS).toContain(route.url.split('/')[3]);
  });
});
