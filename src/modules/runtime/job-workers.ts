/**
 * In-process workers that run queued jobs: each claims a job under a lease, renews the lease while
 * the job runs (and learns of cancellation that way), enforces the job's time limit, and records the
 * outcome. A job whose node died is claimed again once its lease lapses; a node that stops gives its
 * running jobs back to the queue. When the change feed says an instance changed, jobs of it running
 * here that were marked for cancellation (its deletion marks them) stop at once, on every node.
 */
import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { ChangeFeed } from '#src/db/change-feed.js';
import { TOPICS } from '#src/db/change-topics.js';
import type { Clock } from '#src/platform/clock.js';
import { executeJob, REASON_RAN_TOO_LONG } from './job-executor.js';
import type { JobRow, JobsRepo } from './jobs.repo.js';

export interface JobWorkersOptions {
  readonly repo: JobsRepo;
  readonly clock: Clock;
  readonly log: Logger;
  /** Jobs run at once on this node (`QGATE_WORKERS`); 0 runs none. */
  readonly concurrency: number;
  /** How long a claim holds without a heartbeat. */
  readonly leaseMs?: number;
  /** How often idle workers look for work when nobody wakes them. */
  readonly pollMs?: number;
  /** Seconds of usage the job's instance has left (Infinity: no limit); a job stops when they run out. */
  readonly budgetSeconds?: (job: JobRow) => Promise<number>;
  /** Where deletions of instances are heard (without it, running jobs learn of them at their next heartbeat). */
  readonly feed?: Pick<ChangeFeed, 'subscribe'>;
}

type StopReason = 'cancel' | 'timeout' | 'budget' | 'lost' | 'shutdown';

export interface JobWorkers {
  start(): void;
  /** Tells idle workers that a job may be waiting (a job was just queued). */
  wake(): void;
  /** Stops a job running on this node now (cancellation asked here); other nodes learn it at their next heartbeat. */
  cancelLocal(id: string): void;
  /** Stops claiming, gives running jobs back to the queue, and waits for the workers to end. */
  stop(): Promise<void>;
  readonly owner: string;
}

export function createJobWorkers(options: JobWorkersOptions): JobWorkers {
  const leaseMs = options.leaseMs ?? 15_000;
  const pollMs = options.pollMs ?? 500;
  const owner = `node-${crypto.randomBytes(6).toString('hex')}`;
  const running = new Map<string, AbortController>();
  /** The instance of each job running here. */
  const instanceOfJob = new Map<string, string>();
  const unsubscribe = options.feed?.subscribe((change) => {
    // 'all': changes may have been missed (the feed reconnected); every job running here is looked at.
    if (change !== 'all' && change.topic !== TOPICS.resourceInstance) return;
    const ids = [...instanceOfJob].filter(([, instance]) => change === 'all' || instance === change.key).map(([id]) => id);
    if (ids.length === 0) return;
    options.repo.cancelRequested(ids).then(
      (marked) => marked.forEach((id) => running.get(id)?.abort('cancel')),
      (err: unknown) => options.log.warn({ err }, 'could not check running jobs of a changed instance; they stop at their next heartbeat if cancelled'),
    );
  });
  let stopping = false;
  let loops: Promise<void>[] = [];
  let wakeIdle: (() => void)[] = [];

  const iso = (ms = 0) => new Date(options.clock.now().getTime() + ms).toISOString();

  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wakeIdle = wakeIdle.filter((w) => w !== done);
        resolve();
      }
      wakeIdle.push(done);
    });

  async function run(job: JobRow): Promise<void> {
    const controller = new AbortController();
    running.set(job.id, controller);
    instanceOfJob.set(job.id, job.instance_id);
    const stop = (reason: StopReason) => controller.abort(reason);
    const started = performance.now();
    const budget = options.budgetSeconds ? await options.budgetSeconds(job).catch(() => Infinity) : Infinity;
    const limitedByBudget = budget < job.cost;
    const deadline = setTimeout(() => stop(limitedByBudget ? 'budget' : 'timeout'), Math.max(0.05, Math.min(job.cost, budget)) * 1000);
    const heartbeat = setInterval(() => {
      options.repo.heartbeat(job.id, owner, iso(leaseMs)).then(
        (hb) => {
          if (!hb) stop('lost');
          else if (hb.cancelRequested) stop('cancel');
        },
        (err: unknown) => options.log.warn({ err, job: job.id }, 'job heartbeat failed'),
      );
    }, Math.max(50, Math.floor(leaseMs / 5)));
    const logs: string[] = [`${iso()} claimed by ${owner} (attempt ${job.attempts})`];
    try {
      const outcome = await executeJob({ programId: job.program_id, backend: job.backend, params: JSON.parse(job.params) as Record<string, unknown> }, controller.signal);
      const seconds = (performance.now() - started) / 1000;
      logs.push(`${iso()} ${outcome.status.toLowerCase()} in ${seconds.toFixed(3)} s`);
      await options.repo.finish(job.id, owner, {
        status: outcome.status, reason: outcome.status === 'Failed' ? outcome.reason : null, reason_code: outcome.status === 'Failed' ? outcome.reasonCode : null,
        result: outcome.status === 'Completed' ? outcome.result : null, usage_seconds: seconds, finished_at: iso(), logs: logs.join('\n'),
      });
    } catch (err) {
      const reason = controller.signal.aborted ? (controller.signal.reason as StopReason) : undefined;
      const seconds = (performance.now() - started) / 1000;
      if (reason === 'shutdown') await options.repo.release(job.id, owner);
      else if (reason === 'cancel' || reason === 'timeout' || reason === 'budget') {
        const why = { cancel: 'Cancelled by request', timeout: `Ran too long: the job's time limit is ${job.cost} s`, budget: "Ran too long: the instance's usage limit was reached" }[reason];
        await options.repo.finish(job.id, owner, {
          status: 'Cancelled', reason: why,
          reason_code: reason === 'cancel' ? null : REASON_RAN_TOO_LONG, result: null, usage_seconds: seconds, finished_at: iso(), logs: [...logs, `${iso()} ${reason}`].join('\n'),
        });
      } else if (reason !== 'lost') {
        options.log.error({ err, job: job.id }, 'job failed unexpectedly');
        await options.repo.finish(job.id, owner, { status: 'Failed', reason: 'internal error while running the job', reason_code: 1500, result: null, usage_seconds: seconds, finished_at: iso(), logs: logs.join('\n') });
      }
    } finally {
      clearTimeout(deadline);
      clearInterval(heartbeat);
      running.delete(job.id);
      instanceOfJob.delete(job.id);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let job: JobRow | undefined;
      try {
        job = await options.repo.claim(owner, iso(), iso(leaseMs));
      } catch (err) {
        options.log.warn({ err }, 'could not claim a job');
      }
      if (!job) {
        await idle();
        continue;
      }
      try {
        await run(job);
      } catch (err) {
        // The outcome could not be recorded (the store failed): the worker goes on, and the job's lease lapses, so it runs again.
        options.log.warn({ err, job: job.id }, 'could not record a job outcome');
      }
    }
  }

  return {
    owner,
    start() {
      stopping = false;
      loops = Array.from({ length: options.concurrency }, () => loop());
    },
    wake() {
      for (const w of [...wakeIdle]) w();
    },
    cancelLocal(id) {
      running.get(id)?.abort('cancel');
    },
    async stop() {
      stopping = true;
      unsubscribe?.();
      for (const controller of running.values()) controller.abort('shutdown');
      for (const w of [...wakeIdle]) w();
      await Promise.all(loops);
    },
  };
}
