/**
 * A kernel worker thread: applies its share of each op (or of each cache-blocked segment) to a
 * state held in a SharedArrayBuffer. Workers of one pool meet at a barrier after every op or
 * segment of a batch, because the next one may read amplitudes another worker just wrote.
 */
import { parentPort } from 'node:worker_threads';
import { runSegment, subStateCount, type Segment } from './blocking.js';
import { groupCount, type KernelOp } from './kernel-op.js';
import { applyKernel } from './kernels.js';

/** What the pool posts to each worker for one batch. */
export interface BatchMessage {
  readonly id: number;
  readonly state: SharedArrayBuffer;
  readonly numQubits: number;
  /** Either plain ops (each split by index groups) or segments (each split by sub-states). */
  readonly work: { readonly ops: readonly KernelOp[] } | { readonly segments: readonly Segment[] };
  /** Two int32 cells shared by the pool: arrivals and generation of the barrier. */
  readonly barrier: SharedArrayBuffer;
  readonly index: number;
  readonly count: number;
}

export type WorkerReply = { readonly id: number; readonly error?: string } | { readonly ready: true };

function awaitBarrier(cells: Int32Array, count: number): void {
  const generation = Atomics.load(cells, 1);
  if (Atomics.add(cells, 0, 1) === count - 1) {
    Atomics.store(cells, 0, 0);
    Atomics.add(cells, 1, 1);
    Atomics.notify(cells, 1);
    return;
  }
  while (Atomics.load(cells, 1) === generation) Atomics.wait(cells, 1, generation);
}

let scratch = new Float64Array(0);

const port = parentPort!;
port.on('message', (msg: BatchMessage) => {
  let error: string | undefined;
  const s = new Float64Array(msg.state);
  const cells = new Int32Array(msg.barrier);
  const share = (total: number): [number, number] => [
    Math.floor((total * msg.index) / msg.count),
    Math.floor((total * (msg.index + 1)) / msg.count),
  ];
  const items: ReadonlyArray<KernelOp | Segment> = 'ops' in msg.work ? msg.work.ops : msg.work.segments;
  items.forEach((item, i) => {
    if (error === undefined) {
      try {
        if ('local' in item) {
          const need = 2 << item.local.length;
          if (scratch.length < need) scratch = new Float64Array(need);
          const [s0, s1] = share(subStateCount(msg.numQubits, item));
          runSegment(s, msg.numQubits, item, s0, s1, scratch);
        } else {
          const [g0, g1] = share(groupCount(item, msg.numQubits));
          applyKernel(s, item, g0, g1);
        }
      } catch (err) {
        error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      }
    }
    // Keep meeting the others even after a failure, or they would wait forever.
    if (i < items.length - 1) awaitBarrier(cells, msg.count);
  });
  port.postMessage(error === undefined ? { id: msg.id } : { id: msg.id, error } satisfies WorkerReply);
});
port.postMessage({ ready: true } satisfies WorkerReply);
