import { lowerGate } from './src/simulator/engine/kernel-op.ts';
import { runnerFor, shutdownWorkerPool } from './src/simulator/engine/runners.ts';
import { createState } from './src/simulator/engine/statevector.ts';
import { STANDARD_GATES } from './src/simulator/gates/standard-gates.ts';
const ry = STANDARD_GATES.get('ry')!.target([0.3]);
for (const n of [23, 24, 25, 26]) {
  const runner = await runnerFor(n, 18);
  const st = createState(n, true);
  const ops = Array.from({ length: n }, (_, q) => lowerGate({ targets: [q], controls: [], controlStates: [], matrix: ry })[0]!);
  for (const block of [0, 16]) {
    await runner.apply(st, n, ops, { blockQubits: block });
    const t = performance.now();
    await runner.apply(st, n, ops, { blockQubits: block });
    const ms = (performance.now() - t) / n;
    console.log(n, 'block', block, 'ms/gate', ms.toFixed(1), 'ns/amp', (ms * 1e6 / 2 ** n).toFixed(2));
  }
}
await shutdownWorkerPool();
