import { runSampler, shutdownWorkerPool } from './src/simulator/index.ts';
import { randomCircuitQasm2 } from './bench/simulator/circuits.ts';
const [n, reps] = [Number(process.argv[2]), Number(process.argv[3] ?? 2)];
const src = randomCircuitQasm2(n, 200, n);
await runSampler({ pubs: [[src, null, 16]], seed: 1, engine: { parallelFromQubits: 2 } }); // warm workers
for (const fusion of [1, 2]) for (const par of [99, 2]) for (const block of [0, 14, 16, 18]) {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    await runSampler({ pubs: [[src, null, 4096]], seed: 1, engine: { fusionMaxQubits: fusion, parallelFromQubits: par, cacheBlockQubits: block } });
    best = Math.min(best, performance.now() - t);
  }
  console.log(n, 'fusion', fusion, 'parallel', par < 99, 'block', block, 'ms', best.toFixed(0));
}
await shutdownWorkerPool();
