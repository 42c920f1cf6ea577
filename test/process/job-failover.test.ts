/**
 * Two qgate processes on one PostgreSQL share the job queue: when the node running a job is killed
 * with SIGKILL, the job runs again on the other node once its lease lapses, and completes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from '../helpers/child-server.js';
import { availableStores, createTestDatabase } from '../helpers/stores.js';

const hasPostgres = (await availableStores()).includes('postgres');
const APIKEY = 'failover-admin-key-0123456789abcdefghijk';

describe.skipIf(!hasPostgres)('job failover between two processes', () => {
  const dirs: string[] = [];
  const children: Child[] = [];
  let drop: (() => Promise<void>) | undefined;

  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await drop?.();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a job whose node was killed mid-run completes on the other node', async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const env = (name: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `qgate-${name}-`));
      dirs.push(dir);
      return { QGATE_DATA_DIR: dir, QGATE_DATABASE_URL: db.url, QGATE_ADMIN_APIKEY: APIKEY, QGATE_PUBLIC_URL: 'http://qgate.failover.example', QGATE_LOG_LEVEL: 'warn', QGATE_WORKERS: '1' };
    };
    const a = await startChild(env('a'));
    children.push(a);
    const call = async (node: Child, method: string, p: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${node.url}${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const tokenRes = await fetch(`${a.url}/identity/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: APIKEY }).toString() });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const rg = (await call(a, 'GET', '/v2/resource_groups', token)).body.resources[0].id;
    const instance = (await call(a, 'POST', '/v2/resource_instances', token, { name: 'QR-failover', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' })).body;
    const headers = { 'service-crn': instance.crn };
    // About two seconds of simulation at 22 qubits.
    const layers = Array.from({ length: 250 }, (_, i) => `h q;\ncx q[${i % 21}], q[${(i % 21) + 1}];`).join('\n');
    const circuit = `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[22] q;\nbit[22] c;\n${layers}\nc = measure q;\n`;
    const job = await call(a, 'POST', '/api/v1/jobs', token, { program_id: 'sampler', params: { pubs: [[circuit, null, 50]] } }, headers);
    expect(job.status).toBe(200);
    for (let i = 0; i < 500 && (await call(a, 'GET', `/api/v1/jobs/${job.body.id}`, token, undefined, headers)).body.status !== 'Running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await call(a, 'GET', `/api/v1/jobs/${job.body.id}`, token, undefined, headers)).body.status).toBe('Running');
    const b = await startChild(env('b'));
    children.push(b);
    a.process.kill('SIGKILL');
    await a.exited;
    let status = '';
    for (let i = 0; i < 600 && status !== 'Completed'; i++) {
      status = (await call(b, 'GET', `/api/v1/jobs/${job.body.id}?exclude_params=true`, token, undefined, headers)).body.status;
      if (['Failed', 'Cancelled'].includes(status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('Completed');
    const results = await call(b, 'GET', `/api/v1/jobs/${job.body.id}/results`, token, undefined, headers);
    expect(results.body.results[0].data.c.samples).toHaveLength(50);
    const logs = await fetch(`${b.url}/api/v1/jobs/${job.body.id}/logs`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    expect(await logs.text()).toMatch(/attempt 2/);
  }, 120_000);
});
