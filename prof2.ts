import { runSampler, shutdownWorkerPool } from './src/simulator/index.ts';
import { randomCircuitQasm2 } from './bench/simulator/circuits.ts';
const src = randomCircuitQasm2(20, 200, 20);
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  await runSampler({ pubs: [[src, null, 4096]], seed: 1, engine: { parallelFromQubits: 99 } });
  console.log('ms', (performance.now() - t).toFixed(0));
}
await shutdownWorkerPool();
