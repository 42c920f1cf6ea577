/**
 * The job API:
 * - an authorized `GET /api/v1/jobs/{id}` beside a bare node:http server answering the same bytes;
 * - tiny sampler jobs (2 qubits, 100 shots) end to end, submit → Completed: jobs/s and p50 latency;
 * - `GET /api/v1/jobs` first and last page on an instance with 100,000 jobs.
 * All on SQLite, against the compiled server as `npm start` runs it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { freePort, startChildServer, type ChildServer } from './lib/child-server.js';
import { compareLoads, describeLoad } from './lib/load.js';
import { envNumber } from './lib/env.js';
import { formatGoals, perSecond, type Goal } from './lib/table.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APIKEY = 'bench-runtime-admin-key-0123456789abcdefg';
const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nmeas[0] = measure q[0];\nmeas[1] = measure q[1];\n';
const TINY_JOBS = envNumber('BENCH_TINY_JOBS', 2000, 16, 100_000);
const LIST_JOBS = envNumber('BENCH_LIST_JOBS', 100_000, 1000, 10_000_000);

const goals: Goal[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-bench-runtime-'));
const port = await freePort();
const qgate = await startChildServer({
  name: 'qgate', args: ['dist/main.js'], cwd: ROOT, port, startTimeoutMs: 60_000,
  env: { QGATE_PORT: String(port), QGATE_DATA_DIR: dir, QGATE_ADMIN_APIKEY: APIKEY, QGATE_LOG_LEVEL: 'warn', QGATE_WORKERS: '2' },
});
let bare: ChildServer | undefined;

async function call(method: string, p: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`${qgate.origin}${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text };
}

try {
  const tokenRes = await fetch(`${qgate.origin}/identity/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: APIKEY }).toString() });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const rg = (await call('GET', '/v2/resource_groups', token)).body.resources[0].id;
  const makeInstance = async (name: string) => (await call('POST', '/v2/resource_instances', token, { name, target: 'us-east', resource_group: rg, resource_plan_id: 'standard' })).body;
  const instance = await makeInstance('QR-bench');
  const headers = { 'service-crn': instance.crn };

  // Tiny jobs end to end: 16 clients each submit a job and poll it until it completes.
  console.log(`## ${TINY_JOBS} tiny sampler jobs (2 qubits, 100 shots), 16 clients, submit → Completed`);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < TINY_JOBS) {
      next++;
      const t0 = performance.now();
      const job = await call('POST', '/api/v1/jobs', token, { program_id: 'sampler', params: { version: 2, pubs: [[BELL, null, 100]] } }, headers);
      if (job.status !== 200) throw new Error(`submit failed: ${job.status} ${job.text}`);
      for (;;) {
        const got = await call('GET', `/api/v1/jobs/${job.body.id}?exclude_params=true`, token, undefined, headers);
        if (got.body.status === 'Completed') break;
        if (got.body.status === 'Failed' || got.body.status === 'Cancelled') throw new Error(`job ended ${got.body.status}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const jobsPerSecond = latencies.length / seconds;
  const p50 = latencies[Math.floor(latencies.length / 2)]!;
  const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
  console.log(`  ${latencies.length} jobs in ${seconds.toFixed(1)} s: ${perSecond(jobsPerSecond)}, latency p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (includes the clients' 2 ms polling)`);
  goals.push({ figure: 'tiny jobs end to end (SQLite)', goal: '≥ 200 jobs/s', measured: perSecond(jobsPerSecond), pass: jobsPerSecond >= 200 });
  goals.push({ figure: 'tiny job submit → Completed, p50', goal: '≤ 50 ms', measured: `${p50.toFixed(1)} ms`, pass: p50 <= 50 });

  // An authorized GET of one job beside a bare server answering the same bytes.
  const job = await call('POST', '/api/v1/jobs', token, { program_id: 'sampler', params: { version: 2, pubs: [[BELL, null, 100]] } }, headers);
  await new Promise((r) => setTimeout(r, 200));
  const one = await call('GET', `/api/v1/jobs/${job.body.id}`, token, undefined, headers);
  const barePort = await freePort();
  bare = await startChildServer({ name: 'bare node:http', args: ['--import', 'tsx', 'bench/lib/bare-server.ts'], cwd: ROOT, env: { PORT: String(barePort), BODY: one.text }, port: barePort });
  console.log(`\n## authorized GET /api/v1/jobs/{id} (${one.text.length} bytes) beside a bare node:http server`);
  const [q, b] = await compareLoads([
    { url: `${qgate.origin}/api/v1/jobs/${job.body.id}`, headers: { authorization: `Bearer ${token}`, ...headers }, connections: 32, warmupSeconds: 2, durationSeconds: 8, serverPid: qgate.pid, retriesIfNoisy: 1 },
    { url: `${bare.origin}/`, connections: 32, warmupSeconds: 2, durationSeconds: 8, serverPid: bare.pid, retriesIfNoisy: 1 },
  ], 2);
  console.log(`  qgate ${describeLoad(q!)}\n  bare  ${describeLoad(b!)}`);
  const ratio = q!.okPerSecond / b!.okPerSecond;
  goals.push({ figure: 'GET /api/v1/jobs/{id} vs bare node:http', goal: '≥ 25% (≥ 15,000/s)', measured: `${(ratio * 100).toFixed(1)}% (${perSecond(q!.okPerSecond)} vs ${perSecond(b!.okPerSecond)})`, pass: ratio >= 0.25 && q!.non2xx === 0 && q!.errors === 0, noisy: (q!.otherCores ?? 0) > 0.15 });
  goals.push({ figure: 'GET /api/v1/jobs/{id} p99', goal: '≤ 10 ms', measured: `${q!.p99Ms.toFixed(2)} ms`, pass: q!.p99Ms <= 10 });

  // Listing an instance with 100,000 jobs: rows written straight into the store (WAL lets a second writer in).
  console.log(`\n## GET /api/v1/jobs on an instance with ${LIST_JOBS.toLocaleString('en-US')} jobs`);
  const big = await makeInstance('QR-big');
  const db = new Database(path.join(dir, 'qgate.sqlite'));
  db.pragma('busy_timeout = 10000');
  const template = db.prepare('select * from jobs where id = ?').get(job.body.id) as Record<string, unknown>;
  const insert = db.prepare(`insert into jobs (${Object.keys(template).join(', ')}) values (${Object.keys(template).map((k) => `@${k}`).join(', ')})`);
  const base = Date.parse('2026-01-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < LIST_JOBS; i++) insert.run({ ...template, id: `bench${String(i).padStart(15, '0')}`, instance_id: big.guid, created_at: new Date(base + i * 1000).toISOString() });
  })();
  db.close();
  const bigHeaders = { 'service-crn': big.crn };
  const time = async (p: string) => {
    const samples: number[] = [];
    let count = 0;
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const res = await call('GET', p, token, undefined, bigHeaders);
      samples.push(performance.now() - t0);
      count = res.body.count;
    }
    samples.sort((x, y) => x - y);
    return { median: samples[7]!, count };
  };
  const first = await time('/api/v1/jobs?limit=200&exclude_params=true');
  const last = await time(`/api/v1/jobs?limit=200&offset=${LIST_JOBS - 200}&exclude_params=true`);
  console.log(`  first page: ${first.median.toFixed(1)} ms, last page: ${last.median.toFixed(1)} ms (median of 15; count ${first.count})`);
  goals.push({ figure: `GET /api/v1/jobs first page (${LIST_JOBS.toLocaleString('en-US')} jobs)`, goal: '≤ 50 ms', measured: `${first.median.toFixed(1)} ms`, pass: first.median <= 50 && first.count === LIST_JOBS });
  goals.push({ figure: `GET /api/v1/jobs last page (${LIST_JOBS.toLocaleString('en-US')} jobs)`, goal: '≤ 50 ms', measured: `${last.median.toFixed(1)} ms`, pass: last.median <= 50 });
} finally {
  await bare?.stop();
  await qgate.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log('\n## goals');
console.log(formatGoals(goals));
