/**
 * The durable job queue and its workers, on both stores: jobs run on the simulator and record
 * results; on PostgreSQL two worker pools share the queue and run each job exactly once; a job
 * whose worker vanished runs again elsewhere; cancellation reaches a running job; time limits hold.
 */
import crypto from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '#src/db/change-feed.js';
import { TOPICS } from '#src/db/change-topics.js';
import * as usageMigration from '#src/db/migrations/0011-instance-usage.js';
import { createJobWorkers } from '#src/modules/runtime/job-workers.js';
import { createJobsRepo, TERMINAL_STATES, type JobsRepo } from '#src/modules/runtime/jobs.repo.js';
import { systemClock } from '#src/platform/clock.js';
import { availableStores } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nmeas[0] = measure q[0];\nmeas[1] = measure q[1];\n';
const log = pino({ level: 'silent' });

async function queue(repo: JobsRepo, over: { program_id?: string; params?: unknown; cost?: number; instance_id?: string; finished?: { at: string; usage_seconds: number } } = {}): Promise<string> {
  const id = crypto.randomBytes(10).toString('hex');
  await repo.insert({
    id, account_id: 'acct', instance_id: over.instance_id ?? 'inst', backend: 'simulator_statevector', program_id: over.program_id ?? 'sampler',
    params: JSON.stringify(over.params ?? { version: 2, pubs: [[BELL, null, 200]], options: { simulator: { seed_simulator: 7 } } }),
    status: over.finished ? 'Completed' : 'Queued', reason: null, reason_code: null, created_by: 'QGid-TEST', session_id: null, tags: '[]', cost: over.cost ?? 60,
    usage_seconds: over.finished?.usage_seconds ?? 0, created_at: new Date().toISOString(), started_at: null, finished_at: over.finished?.at ?? null,
    lease_owner: null, lease_expires_at: null, attempts: 0, cancel_requested: 0, result: null, logs: '',
  });
  return id;
}

async function settled(repo: JobsRepo, ids: string[], limitMs = 20_000) {
  const start = Date.now();
  for (;;) {
    const rows = await Promise.all(ids.map((id) => repo.findById(id)));
    if (rows.every((r) => r && TERMINAL_STATES.has(r.status))) return rows.map((r) => r!);
    if (Date.now() - start > limitMs) throw new Error(`jobs not finished: ${rows.map((r) => r?.status).join(',')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(await availableStores())('%s: job queue', (store) => {
  let t: TestServer;
  let repo: JobsRepo;

  beforeAll(async () => {
    // The server's own workers stay off: these tests run their own pools against its store.
    t = await startTestServer({ store, env: { QGATE_WORKERS: '0' } });
    repo = createJobsRepo(t.qgate.database.db);
  });
  afterAll(() => t.close());

  it('runs sampler and estimator jobs on the simulator and keeps their results', async () => {
    const workers = createJobWorkers({ repo, clock: systemClock, log, concurrency: 2, pollMs: 20 });
    workers.start();
    try {
      const sampler = await queue(repo);
      const bellState = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\n';
      const estimator = await queue(repo, { program_id: 'estimator', params: { version: 2, pubs: [[bellState, { ZZ: 1, XX: 1, ZI: 1 }]] } });
      const bad = await queue(repo, { params: { version: 2, pubs: [['OPENQASM 3.0; qubit q; frob q;']] } });
      const [s, e, b] = await settled(repo, [sampler, estimator, bad]);
      expect(s!.status).toBe('Completed');
      const samples: string[] = JSON.parse(s!.result!).results[0].data.meas.samples;
      expect(samples).toHaveLength(200);
      expect(new Set(samples)).toEqual(new Set(['0x0', '0x3']));
      expect(e!.status).toBe('Completed');
      expect(JSON.parse(e!.result!).results[0].data.evs).toBeCloseTo(2, 10);
      expect(b!.status).toBe('Failed');
      expect(b!.reason).toMatch(/frob/);
      expect(s!.attempts).toBe(1);
      expect(s!.usage_seconds).toBeGreaterThan(0);
    } finally {
      await workers.stop();
    }
  });

  it('cancels a queued job at once and a running job through its heartbeat; enforces the time limit', async () => {
    // A circuit that runs for seconds (24 qubits, entangling layers), long enough to be cancelled mid-run.
    const layers = Array.from({ length: 400 }, (_, i) => `h q;\ncx q[${i % 23}], q[${(i % 23) + 1}];\nrz(${i / 10}) q[${i % 24}];`).join('\n');
    const slow = `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[24] q;\nbit[24] c;\n${layers}\nc = measure q;\n`;
    const queued = await queue(repo);
    expect(await repo.requestCancel(queued, new Date().toISOString())).toBe('Cancelled');
    const workers = createJobWorkers({ repo, clock: systemClock, log, concurrency: 1, pollMs: 20, leaseMs: 300 });
    workers.start();
    try {
      const long = await queue(repo, { params: { version: 2, pubs: [[slow, null, 10]] } });
      for (let i = 0; i < 200 && (await repo.findById(long))!.status !== 'Running'; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await repo.requestCancel(long, new Date().toISOString())).toBe('Running');
      const [row] = await settled(repo, [long]);
      expect(row!.status).toBe('Cancelled');
      expect(row!.reason).toBe('Cancelled by request');
      const limited = await queue(repo, { params: { version: 2, pubs: [[slow, null, 10]] }, cost: 1 });
      const [timedOut] = await settled(repo, [limited]);
      expect(timedOut!.status).toBe('Cancelled');
      expect(timedOut!.reason_code).toBe(1305);
    } finally {
      await workers.stop();
    }
  });

  it('stops a running job of a deleted instance as soon as the change feed announces it, not at the next heartbeat', async () => {
    const layers = Array.from({ length: 400 }, (_, i) => `h q;\ncx q[${i % 23}], q[${(i % 23) + 1}];\nrz(${i / 10}) q[${i % 24}];`).join('\n');
    const slow = `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[24] q;\nbit[24] c;\n${layers}\nc = measure q;\n`;
    let listener: ((change: Change | 'all') => void) | undefined;
    const feed = { subscribe: (l: (change: Change | 'all') => void) => ((listener = l), () => (listener = undefined)) };
    // Heartbeats every 12 s: a stop sooner than that came through the feed.
    const workers = createJobWorkers({ repo, clock: systemClock, log, concurrency: 1, pollMs: 20, leaseMs: 60_000, feed });
    workers.start();
    try {
      const long = await queue(repo, { params: { version: 2, pubs: [[slow, null, 10]] } });
      for (let i = 0; i < 500 && (await repo.findById(long))!.status !== 'Running'; i++) await new Promise((r) => setTimeout(r, 10));
      await t.qgate.database.db.transaction().execute((trx) => repo.cancelForInstance(trx, 'inst', new Date().toISOString()));
      const asked = Date.now();
      listener!({ topic: TOPICS.resourceInstance, key: 'inst' });
      const [row] = await settled(repo, [long]);
      expect(row!.status).toBe('Cancelled');
      expect(Date.now() - asked).toBeLessThan(6_000);
    } finally {
      await workers.stop();
    }
    expect(listener).toBeUndefined();
  });

  it('a job whose worker vanished runs again once its lease lapses; a stopping node gives its job back', async () => {
    const id = await queue(repo);
    // A worker that claimed the job and died: its lease is already over.
    const ghost = await repo.claim('node-ghost', new Date().toISOString(), new Date(Date.now() - 1).toISOString());
    expect(ghost?.id).toBe(id);
    const workers = createJobWorkers({ repo, clock: systemClock, log, concurrency: 1, pollMs: 20 });
    workers.start();
    try {
      const [row] = await settled(repo, [id]);
      expect(row!.status).toBe('Completed');
      expect(row!.attempts).toBe(2);
      expect(await repo.finish(id, 'node-ghost', { status: 'Failed', reason: 'late', reason_code: 1, result: null, usage_seconds: 0, finished_at: '', logs: '' })).toBe(false);
    } finally {
      await workers.stop();
    }
  });

  it("keeps each instance's usage per month as a running total: a job counted once, when it finishes; deleting it gives nothing back", async () => {
    const instance = `usage-${crypto.randomBytes(4).toString('hex')}`;
    const ids = await Promise.all(Array.from({ length: 3 }, () => queue(repo, { instance_id: instance })));
    const workers = createJobWorkers({ repo, clock: systemClock, log, concurrency: 2, pollMs: 20 });
    workers.start();
    let rows;
    try {
      rows = await settled(repo, ids);
    } finally {
      await workers.stop();
    }
    const period = rows[0]!.finished_at!.slice(0, 7);
    const total = rows.reduce((sum, r) => sum + r.usage_seconds, 0);
    expect(total).toBeGreaterThan(0);
    expect(await repo.usageIn(instance, period)).toBeCloseTo(total, 9);
    // A late finish by a worker that lost the job counts nothing; deleting a finished job keeps its usage counted.
    expect(await repo.finish(ids[0]!, 'node-ghost', { status: 'Failed', reason: 'late', reason_code: 1, result: null, usage_seconds: 5, finished_at: new Date().toISOString(), logs: '' })).toBe(false);
    await repo.deleteById(ids[0]!);
    expect(await repo.usageIn(instance, period)).toBeCloseTo(total, 9);
    // A job that finishes in another month counts there.
    const later = await queue(repo, { instance_id: instance });
    const claimed = await repo.claim('node-x', new Date().toISOString(), new Date(Date.now() + 60_000).toISOString());
    expect(claimed?.id).toBe(later);
    expect(await repo.finish(later, 'node-x', { status: 'Completed', reason: null, reason_code: null, result: null, usage_seconds: 2.5, finished_at: '2031-01-15T00:00:00.000Z', logs: '' })).toBe(true);
    expect(await repo.usageIn(instance, '2031-01')).toBe(2.5);
    expect(await repo.usageIn(instance, period)).toBeCloseTo(total, 9);
  });

  it('a worker whose outcome cannot be recorded goes on with the next job (the first runs again when its lease lapses)', async () => {
    let failures = 2;
    const flaky: JobsRepo = {
      ...repo,
      finish: async (...args: Parameters<JobsRepo['finish']>) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('the store is away');
        }
        return repo.finish(...args);
      },
    };
    const first = await queue(repo);
    const workers = createJobWorkers({ repo: flaky, clock: systemClock, log, concurrency: 1, pollMs: 20, leaseMs: 400 });
    workers.start();
    try {
      await new Promise((r) => setTimeout(r, 300));
      const second = await queue(repo);
      const [a, b] = await settled(repo, [first, second]);
      expect(b!.status).toBe('Completed');
      expect(a!.status).toBe('Completed');
      expect(a!.attempts).toBe(2);
    } finally {
      await workers.stop();
    }
  });

  it('the usage totals start from the jobs that finished before them', async () => {
    const db = t.qgate.database.db;
    const instance = `usage-${crypto.randomBytes(4).toString('hex')}`;
    await usageMigration.down(db);
    await queue(repo, { instance_id: instance, finished: { at: '2030-05-02T10:00:00.000Z', usage_seconds: 3 } });
    await queue(repo, { instance_id: instance, finished: { at: '2030-05-31T23:59:59.000Z', usage_seconds: 1.5 } });
    await queue(repo, { instance_id: instance, finished: { at: '2030-06-01T00:00:00.000Z', usage_seconds: 2 } });
    await queue(repo, { instance_id: `${instance}-other`, finished: { at: '2030-05-03T00:00:00.000Z', usage_seconds: 7 } });
    await usageMigration.up(db);
    expect(await repo.usageIn(instance, '2030-05')).toBe(4.5);
    expect(await repo.usageIn(instance, '2030-06')).toBe(2);
    expect(await repo.usageIn(`${instance}-other`, '2030-05')).toBe(7);
    expect(await repo.usageIn(instance, '2030-07')).toBe(0);
  });

  it.skipIf(store !== 'postgres')('two worker pools on one PostgreSQL run every job exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => queue(repo)));
    const other = createJobsRepo(t.qgate.database.db);
    const a = createJobWorkers({ repo, clock: systemClock, log, concurrency: 2, pollMs: 10 });
    const b = createJobWorkers({ repo: other, clock: systemClock, log, concurrency: 2, pollMs: 10 });
    a.start();
    b.start();
    try {
      const rows = await settled(repo, ids);
      expect(rows.every((r) => r.status === 'Completed' && r.attempts === 1)).toBe(true);
      const byNode = new Set(rows.map((r) => r.logs.match(/claimed by (node-\w+)/)?.[1]));
      expect(byNode.size).toBe(2);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
