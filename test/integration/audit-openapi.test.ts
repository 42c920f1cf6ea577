/**
 * The audit trail records every change with its actor and never a secret; the OpenAPI document
 * describes every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { CONSOLE_ASSETS, CONSOLE_PAGES } from '#src/modules/console/console.routes.js';

describe.each(await availableStores())('%s: audit trail and OpenAPI', (store) => {
  let t: TestServer;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer({ store });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('records each change with actor, action, target, outcome and request id, and no secret', async () => {
    const iamId = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).iam_id;
    const key = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'audited', iam_id: iamId } });
    await t.request('PUT', `/v1/apikeys/${key.body.id}`, { token: admin, body: { name: 'audited2' }, headers: { 'if-match': '*' } });
    await t.request('DELETE', `/v1/apikeys/${key.body.id}`, { token: admin });
    const user = await t.addUser('audit-me@example.com');
    await t.qgate.services.tokens.flush();
    await t.qgate.services.audit.flush();
    const events = await t.request('GET', `/v1/audit/events?target=${key.body.id}`, { token: admin });
    expect(events.status).toBe(200);
    expect(events.body.events.map((e: any) => e.action)).toEqual(['iam-identity.apikey.delete', 'iam-identity.apikey.update', 'iam-identity.apikey.create']);
    for (const e of events.body.events) {
      expect(e).toMatchObject({ actor: { iam_id: iamId, type: 'user' }, outcome: 'success', target: { type: 'apikey', id: key.body.id } });
      expect(e.request_id).toBeTruthy();
    }
    expect(events.body.events[2].request_id).toBe(key.headers.get('transaction-id'));
    const all = await t.request('GET', '/v1/audit/events?limit=1000&include_unattributed=true', { token: admin });
    const text = JSON.stringify(all.body);
    expect(text).not.toContain(key.body.apikey);
    expect(text).not.toContain(user.apikey);
    expect(text).not.toContain(user.password);
    expect(text).not.toContain(ADMIN_APIKEY);
    const actions = new Set(all.body.events.map((e: any) => e.action));
    for (const a of ['user-management.user.invite', 'user-management.invitation.accept', 'iam-identity.token.password', 'iam-identity.token.apikey']) expect(actions).toContain(a);
    // Even the raw table holds no secret.
    const rows = await t.qgate.database.db.selectFrom('audit_events').select('details').execute();
    expect(JSON.stringify(rows)).not.toContain(user.password);
  });

  it('records Qiskit Runtime changes in the same transaction as the change, not after the answer', async () => {
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const instance = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-audited', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body;
    const runtime = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1${path}`, { token: admin, body, headers: { 'service-crn': instance.crn } });
    const eventsFor = async (targetId: string) =>
      (await t.qgate.database.db.selectFrom('audit_events').select('action').where('target_id', '=', targetId).orderBy('seq').execute()).map((r) => r.action);
    // Each answer is followed at once by a look at the table: no flush, no wait.
    const session = await runtime('POST', '/sessions', { mode: 'batch' });
    expect(await eventsFor(session.body.id)).toEqual(['quantum-computing.session.create']);
    const bell = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';
    const job = await runtime('POST', '/jobs', { program_id: 'sampler', session_id: session.body.id, params: { pubs: [[bell, null, 10]] } });
    expect(job.status).toBe(200);
    expect(await eventsFor(job.body.id)).toEqual(['quantum-computing.job.create']);
    expect((await runtime('PUT', '/instances/configuration', { instance_limit: 3600 })).status).toBe(204);
    expect(await eventsFor(instance.guid)).toContain('quantum-computing.instance.configuration.update');
    expect((await runtime('DELETE', `/sessions/${session.body.id}/close`)).status).toBe(204);
    expect(await eventsFor(session.body.id)).toEqual(['quantum-computing.session.create', 'quantum-computing.session.update']);
  });

  it('filters by action prefix and outcome, and pages backwards with next.start', async () => {
    const pre = await t.request('GET', '/v1/audit/events?action=iam-identity.apikey.*', { token: admin });
    expect(pre.body.events.length).toBeGreaterThan(0);
    expect(pre.body.events.every((e: any) => e.action.startsWith('iam-identity.apikey.'))).toBe(true);
    const seen: string[] = [];
    let url: string | undefined = '/v1/audit/events?limit=3';
    for (let i = 0; url && i < 100; i++) {
      const page: any = await t.request('GET', url, { token: admin });
      seen.push(...page.body.events.map((e: any) => e.id));
      url = page.body.next?.href;
    }
    const everything = await t.request('GET', '/v1/audit/events?limit=1000', { token: admin });
    expect(seen).toEqual(everything.body.events.map((e: any) => e.id));
  });

  it('is readable by administrators only', async () => {
    const member = await t.addUser('nosy@example.com');
    expect((await t.request('GET', '/v1/audit/events', { token: member.token })).status).toBe(403);
  });

  it('serves an OpenAPI 3.1 document describing every route', async () => {
    const res = await t.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
    // OpenAPI generation leaves out HEAD operations; the one HEAD route (membership check) is described by its GET-less path in docs.
    // The web console's pages and assets are files for browsers, not API operations.
    const consolePaths = new Set<string>([...CONSOLE_PAGES, CONSOLE_ASSETS]);
    const missing = t.qgate.routes.filter((r) => r.method !== 'HEAD' && r.url !== '/openapi.json' && r.url !== '/identity/.well-known/openid-configuration' && !consolePaths.has(r.url) && !documented.has(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(res.body.paths).filter((p) => consolePaths.has(p))).toEqual([]);
    expect(missing).toEqual([]);
    expect(res.body.paths['/v1/apikeys'].post.security).toEqual([{ bearer: [] }, { apikey: [] }]);
  });
});
