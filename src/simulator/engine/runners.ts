/**
 * Who runs the kernels: the calling thread, or a pool of worker threads splitting the index space
 * of a SharedArrayBuffer state. Both check the AbortSignal between ops and hand control back to the
 * event loop regularly, so cancellation and other requests are served during long runs.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { throwIfCancelled } from '../errors.js';
import { MIN_BLOCK_QUBITS, runSegment, segmentOps, subStateCount, type Segment } from './blocking.js';
import { groupCount, type KernelOp } from './kernel-op.js';
import { applyKernel } from './kernels.js';
import type { BatchMessage, WorkerReply } from './kernel-worker.js';

export interface ApplyOptions {
  readonly signal?: AbortSignal;
  /**
   * Sub-state size for cache blocking, in qubits: states wider than this are updated segment by
   * segment (see ./blocking.ts). Values below MIN_BLOCK_QUBITS (e.g. 0) disable blocking.
   * Default 16 (1 MiB sub-states).
   */
  readonly blockQubits?: number;
}

export interface KernelRunner {
  /** True if states must live in a SharedArrayBuffer. */
  readonly shared: boolean;
  apply(state: Float64Array, numQubits: number, ops: readonly KernelOp[], options?: ApplyOptions): Promise<void>;
}

export const DEFAULT_BLOCK_QUBITS = 16;

/** The segments to run for `ops`, or null when the state is small enough to run op by op. */
function blocked(ops: readonly KernelOp[], numQubits: number, options: ApplyOptions): Segment[] | null {
  const b = options.blockQubits ?? DEFAULT_BLOCK_QUBITS;
  return b >= MIN_BLOCK_QUBITS && numQubits > b ? segmentOps(ops, numQubits, b) : null;
}

/** How long a synchronous stretch may run before yielding to the event loop. */
const YIELD_AFTER_MS = 25;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Keeps sequential work from starving the event loop: call often, it yields every few ms. */
export class EventLoopYielder {
  private last = performance.now();

  async maybeYield(signal?: AbortSignal): Promise<void> {
    if (performance.now() - this.last < YIELD_AFTER_MS) return;
    await yieldToEventLoop();
    this.last = performance.now();
    throwIfCancelled(signal);
  }
}

/** Runs kernels on the calling thread. */
export const sequentialRunner: KernelRunner = {
  shared: false,
  async apply(state, numQubits, ops, options = {}) {
    const { signal } = options;
    const yielder = new EventLoopYielder();
    const segments = blocked(ops, numQubits, options);
    if (!segments) {
      for (const op of ops) {
        throwIfCancelled(signal);
        applyKernel(state, op, 0, groupCount(op, numQubits));
        await yielder.maybeYield(signal);
      }
      return;
    }
    const scratch = new Float64Array(2 << Math.max(...segments.map((s) => s.local.length)));
    for (const segment of segments) {
      const total = subStateCount(numQubits, segment);
      // Sub-states in slices, so a long segment still notices cancellation.
      for (let s = 0; s < total; s += 64) {
        throwIfCancelled(signal);
        runSegment(state, numQubits, segment, s, Math.min(total, s + 64), scratch);
        await yielder.maybeYield(signal);
      }
    }
  },
};

/**
 * A fixed pool of kernel workers. Each batch of ops is posted once to every worker; workers
 * synchronise among themselves between ops, so the main thread only waits for the batch to end.
 */
export class WorkerPoolRunner implements KernelRunner {
  readonly shared = true;
  private readonly workers: Worker[] = [];
  private readonly barrier = new SharedArrayBuffer(8);
  private readonly ready: Promise<void>;
  private nextId = 1;
  private active = 0;
  private broken: Error | null = null;
  private readonly pending = new Map<number, { remaining: number; resolve: () => void; reject: (e: Error) => void }>();

  constructor(readonly size: number) {
    const here = import.meta.url;
    const entry = new URL(`./kernel-worker${here.slice(here.lastIndexOf('.'))}`, here).href;
    const readies: Array<Promise<void>> = [];
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./worker-bootstrap.mjs', here), { workerData: { entry } });
      worker.unref();
      readies.push(
        new Promise<void>((resolve, reject) => {
          worker.on('message', (reply: WorkerReply) => {
            if ('ready' in reply) resolve();
            else this.settle(reply);
          });
          worker.on('error', (err) => {
            this.abandon(err);
            reject(err);
          });
          worker.on('exit', (code) => {
            if (code !== 0) this.abandon(new Error(`kernel worker exited with code ${code}`));
          });
        }),
      );
      this.workers.push(worker);
    }
    this.ready = Promise.all(readies).then(() => undefined);
    this.ready.catch(() => undefined);
  }

  /** True once a worker failed or the pool was terminated. */
  get isBroken(): boolean {
    return this.broken !== null;
  }

  /** Resolves once every worker has loaded; rejects if one could not start. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async apply(state: Float64Array, numQubits: number, ops: readonly KernelOp[], options: ApplyOptions = {}): Promise<void> {
    if (!(state.buffer instanceof SharedArrayBuffer)) throw new Error('the worker pool needs a shared state');
    await this.ready;
    const segments = blocked(ops, numQubits, options);
    // About 30 ms of work per batch: long enough to amortise the round trip, short enough to
    // notice a cancellation promptly.
    const batch = Math.max(1, Math.min(256, Math.floor(2 ** 25 / 2 ** numQubits)));
    this.hold();
    try {
      const items: ReadonlyArray<KernelOp | Segment> = segments ?? ops;
      for (let start = 0; start < items.length; start += batch) {
        throwIfCancelled(options.signal);
        if (this.broken) throw this.broken;
        const slice = items.slice(start, start + batch);
        await this.runBatch(state.buffer, numQubits, segments ? { segments: slice as Segment[] } : { ops: slice as KernelOp[] });
      }
    } finally {
      this.release();
    }
  }

  /** Stops the workers; the pool cannot be used afterwards. */
  async terminate(): Promise<void> {
    this.fail(new Error('the worker pool was terminated'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private runBatch(state: SharedArrayBuffer, numQubits: number, work: BatchMessage['work']): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { remaining: this.workers.length, resolve, reject });
      this.workers.forEach((w, index) => {
        const msg: BatchMessage = { id, state, numQubits, work, barrier: this.barrier, index, count: this.workers.length };
        w.postMessage(msg);
      });
    });
  }

  private settle(reply: { readonly id: number; readonly error?: string }): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.error !== undefined) {
      this.pending.delete(reply.id);
      p.reject(new Error(`kernel worker failed: ${reply.error}`));
      return;
    }
    if (--p.remaining === 0) {
      this.pending.delete(reply.id);
      p.resolve();
    }
  }

  /** A worker died: its partners may be waiting for it at the barrier, so stop them all. */
  private abandon(err: Error): void {
    if (this.broken) return;
    this.fail(err);
    for (const w of this.workers) void w.terminate();
  }

  private fail(err: Error): void {
    this.broken ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  // Workers are unref'd so an idle pool never keeps the process alive, but referenced while a
  // batch is in flight, or a script awaiting a result could exit before it arrives.
  private hold(): void {
    if (this.active++ === 0) for (const w of this.workers) w.ref();
  }

  private release(): void {
    if (--this.active === 0) for (const w of this.workers) w.unref();
  }
}

let sharedPool: WorkerPoolRunner | null = null;

/** The process-wide kernel pool (one worker per available core), created on first use. */
export function sharedWorkerPool(): WorkerPoolRunner {
  if (!sharedPool || sharedPool.isBroken) sharedPool = new WorkerPoolRunner(Math.max(1, os.availableParallelism()));
  return sharedPool;
}

/** Terminates the shared pool (for graceful shutdown and test teardown); it is recreated on demand. */
export async function shutdownWorkerPool(): Promise<void> {
  const pool = sharedPool;
  sharedPool = null;
  await pool?.terminate();
}

/** Picks the runner for a state of `numQubits`; falls back to this thread if workers cannot start. */
export async function runnerFor(numQubits: number, parallelFromQubits: number): Promise<KernelRunner> {
  if (numQubits < parallelFromQubits || os.availableParallelism() < 2) return sequentialRunner;
  const pool = sharedWorkerPool();
  try {
    await pool.whenReady();
    return pool;
  } catch {
    return sequentialRunner;
  }
}
