/**
 * Memory bandwidth of this machine: an in-place scale loop over a 256 MiB Float64Array (each
 * element read and written once), on one thread and on all cores. Plain JavaScript workers, so the
 * probe measures the hardware and not the simulator.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';

const BYTES = 256 * 2 ** 20;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ buffer, start, end }) => {
  const a = new Float64Array(buffer);
  const t = performance.now();
  for (let i = start; i < end; i++) a[i] *= 1.0000001;
  parentPort.postMessage(performance.now() - t);
});`;

export interface BandwidthResult {
  /** GB/s counting bytes read plus bytes written. */
  readonly singleThread: number;
  readonly allCores: number;
  readonly cores: number;
}

function scale(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] = a[i]! * 1.0000001;
}

/** Best of `repeats` runs for each configuration. */
export async function measureBandwidth(repeats = 4): Promise<BandwidthResult> {
  const buffer = new SharedArrayBuffer(BYTES);
  const a = new Float64Array(buffer).fill(1);
  let best1 = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    scale(a);
    best1 = Math.min(best1, performance.now() - t);
  }
  const cores = os.availableParallelism();
  const workers = Array.from({ length: cores }, () => new Worker(WORKER_SOURCE, { eval: true }));
  let bestN = Infinity;
  try {
    for (let r = 0; r < repeats; r++) {
      const t = performance.now();
      await Promise.all(
        workers.map(
          (w, i) =>
            new Promise<number>((resolve) => {
              w.once('message', resolve);
              const n = a.length;
              w.postMessage({ buffer, start: Math.floor((n * i) / cores), end: Math.floor((n * (i + 1)) / cores) });
            }),
        ),
      );
      bestN = Math.min(bestN, performance.now() - t);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const gbps = (ms: number): number => (2 * BYTES) / (ms * 1e6);
  return { singleThread: gbps(best1), allCores: gbps(bestN), cores };
}
