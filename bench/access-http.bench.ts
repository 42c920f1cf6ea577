/**
 * The decision point over HTTP, and across nodes:
 * - `POST /v2/authz`: decisions/s with batches of 1 and of 100 (same questions), on SQLite;
 * - the time from a policy write through one node until another node on the same PostgreSQL obeys
 *   it (p50 and max over repeated grants and revocations).
 * Absolute figures beside a ratio: batch 100 against batch 1 in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startChildServer, type ChildServer } from './lib/child-server.js';
import { describeLoad, measureLoad } from './lib/load.js';
import { createTempDatabase } from './lib/postgres.js';
import { envNumber } from './lib/env.js';
import { formatGoals, formatTable, perSecond, type Goal } from './lib/table.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APIKEY = 'bench-access-admin-key-0123456789abcdefghij';
const DURATION = envNumber('BENCH_DURATION', 8, 1, 60);
const PROPAGATION_ROUNDS = envNumber('BENCH_PROPAGATION_ROUNDS', 40, 1, 1000);

async function startQgate(name: string, env: Record<string, string>): Promise<{ server: ChildServer; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `qgate-bench-${name}-`));
  const port = await freePort();
  const server = await startChildServer({
    name, args: ['dist/main.js'], cwd: ROOT, port, startTimeoutMs: 60_000,
    env: { QGATE_PORT: String(port), QGATE_DATA_DIR: dir, QGATE_ADMIN_APIKEY: APIKEY, QGATE_LOG_LEVEL: 'warn', QGATE_PUBLIC_URL: 'http://qgate.bench.example', ...env },
  });
  return { server, dir };
}

async function json(origin: string, method: string, p: string, token: string | undefined, body?: unknown): Promise<any> {
  const res = await fetch(`${origin}${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function token(origin: string): Promise<string> {
  const res = await fetch(`${origin}/identity/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: APIKEY }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A project with members and a policy, as in the seed; returns a question list about its members. */
async function seed(origin: string, admin: string): Promise<{ account: string; questions: unknown[] }> {
  const account = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).account.bss as string;
  const group = await json(origin, 'POST', `/v2/groups?account_id=${account}`, admin, { name: 'ml' });
  const members: string[] = [];
  for (let i = 0; i < 20; i++) {
    const sid = await json(origin, 'POST', '/v1/serviceids/', admin, { account_id: account, name: `member-${i}` });
    members.push(sid.iam_id);
  }
  await json(origin, 'PUT', `/v2/groups/${group.id}/members`, admin, { members: members.map((iam_id) => ({ iam_id, type: 'service' })) });
  const instances = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  for (const instance of instances.slice(0, 5)) {
    await json(origin, 'POST', '/v1/policies', admin, {
      type: 'access', subjects: [{ attributes: [{ name: 'access_group_id', value: group.id }] }],
      roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }, { role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' }],
      resources: [{ attributes: [{ name: 'accountId', value: account }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: instance }] }],
    });
  }
  const actions = ['quantum-computing.job.create', 'quantum-computing.job.read', 'quantum-computing.job.delete', 'quantum-computing.job.cancel'];
  const questions = Array.from({ length: 100 }, (_, i) => ({
    subject: { attributes: { id: members[i % members.length] } },
    action: actions[i % actions.length],
    resource: { crn: `crn:v1:qgate:public:quantum-computing:us-east:a/${account}:${instances[i % instances.length]}::` },
  }));
  return { account, questions };
}

async function decisionsOverHttp(goals: Goal[]): Promise<void> {
  const { server, dir } = await startQgate('authz', {});
  try {
    const admin = await token(server.origin);
    const { questions } = await seed(server.origin, admin);
    const check = await json(server.origin, 'POST', '/v2/authz', admin, questions);
    const permitted = check.decisions.filter((d: { permitted: boolean }) => d.permitted).length;
    console.log(`  sanity: ${permitted} of ${questions.length} questions permitted (the policies cover half the instances; delete needs Manager)`);
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const one = await measureLoad({ url: `${server.origin}/v2/authz`, method: 'POST', headers, body: JSON.stringify(questions.slice(0, 1)), connections: 16, warmupSeconds: 2, durationSeconds: DURATION, serverPid: server.pid, retriesIfNoisy: 1 });
    const hundred = await measureLoad({ url: `${server.origin}/v2/authz`, method: 'POST', headers, body: JSON.stringify(questions), connections: 16, warmupSeconds: 2, durationSeconds: DURATION, serverPid: server.pid, retriesIfNoisy: 1 });
    console.log(`  batch of 1:   ${describeLoad(one)}`);
    console.log(`  batch of 100: ${describeLoad(hundred)}`);
    const rows = [
      ['1', perSecond(one.okPerSecond), perSecond(one.okPerSecond), one.p50Ms.toFixed(2), one.p99Ms.toFixed(2), '1.00x'],
      ['100', perSecond(hundred.okPerSecond), perSecond(hundred.okPerSecond * 100), hundred.p50Ms.toFixed(2), hundred.p99Ms.toFixed(2), `${((hundred.okPerSecond * 100) / one.okPerSecond).toFixed(1)}x`],
    ];
    console.log(formatTable(['batch', 'requests/s', 'decisions/s', 'p50 ms', 'p99 ms', 'decisions/s vs batch 1'], rows));
    goals.push({ figure: 'POST /v2/authz, batch 1: decisions/s', goal: 'measured', measured: perSecond(one.okPerSecond), pass: one.errors === 0 && one.non2xx === 0 });
    goals.push({ figure: 'POST /v2/authz, batch 100: decisions/s', goal: 'measured', measured: perSecond(hundred.okPerSecond * 100), pass: hundred.errors === 0 && hundred.non2xx === 0 });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function propagation(goals: Goal[]): Promise<void> {
  const db = await createTempDatabase();
  if ('unavailable' in db) {
    console.log(`  PostgreSQL unavailable (${db.unavailable}): propagation not measured`);
    goals.push({ figure: 'policy write → other node obeys', goal: 'p50, max ≤ 100 ms', measured: 'not measured', pass: undefined });
    return;
  }
  const a = await startQgate('node-a', { QGATE_DATABASE_URL: db.url });
  const b = await startQgate('node-b', { QGATE_DATABASE_URL: db.url });
  try {
    const adminA = await token(a.server.origin);
    const adminB = await token(b.server.origin);
    const account = JSON.parse(Buffer.from(adminA.split('.')[1]!, 'base64url').toString()).account.bss as string;
    const sid = await json(a.server.origin, 'POST', '/v1/serviceids/', adminA, { account_id: account, name: 'prober' });
    const instance = '11111111-2222-4333-8444-555555555555';
    const question = [{ subject: { attributes: { id: sid.iam_id } }, action: 'quantum-computing.job.create', resource: { crn: `crn:v1:qgate:public:quantum-computing:us-east:a/${account}:${instance}::` } }];
    const permittedOnB = async () => (await json(b.server.origin, 'POST', '/v2/authz', adminB, question)).decisions[0].permitted as boolean;
    const times: number[] = [];
    for (let round = 0; round < PROPAGATION_ROUNDS; round++) {
      const policy = await json(a.server.origin, 'POST', '/v1/policies', adminA, {
        type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: sid.iam_id }] }], roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' }],
        resources: [{ attributes: [{ name: 'accountId', value: account }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: instance }] }],
      });
      // The clock starts when the write has been acknowledged by node a.
      let start = performance.now();
      while (!(await permittedOnB())) if (performance.now() - start > 5000) throw new Error('grant never reached node b');
      times.push(performance.now() - start);
      await json(a.server.origin, 'DELETE', `/v1/policies/${policy.id}`, adminA);
      start = performance.now();
      while (await permittedOnB()) if (performance.now() - start > 5000) throw new Error('revocation never reached node b');
      times.push(performance.now() - start);
    }
    times.sort((x, y) => x - y);
    const p50 = times[Math.floor(times.length / 2)]!;
    const max = times[times.length - 1]!;
    console.log(`  ${times.length} grants and revocations through node a, observed on node b: p50 ${p50.toFixed(2)} ms, max ${max.toFixed(2)} ms (each observation includes one /v2/authz round trip)`);
    goals.push({ figure: 'policy write → other node obeys: p50', goal: '≤ 100 ms', measured: `${p50.toFixed(2)} ms`, pass: p50 <= 100 });
    goals.push({ figure: 'policy write → other node obeys: max', goal: '≤ 100 ms', measured: `${max.toFixed(2)} ms`, pass: max <= 100 });
  } finally {
    await a.server.stop();
    await b.server.stop();
    await db.drop();
    for (const d of [a.dir, b.dir]) fs.rmSync(d, { recursive: true, force: true });
  }
}

const goals: Goal[] = [];
console.log('## POST /v2/authz over HTTP (SQLite)');
await decisionsOverHttp(goals);
console.log('\n## propagation between two nodes on one PostgreSQL');
await propagation(goals);
console.log('\n## goals');
console.log(formatGoals(goals));
