import { applyKernel } from './src/simulator/engine/kernels.ts';
import { lowerGate, groupCount } from './src/simulator/engine/kernel-op.ts';
import { STANDARD_GATES } from './src/simulator/gates/standard-gates.ts';
const n = 20; const N = 2 ** n; const s = new Float64Array(2 * N); for (let i = 0; i < 2 * N; i++) s[i] = Math.random() * 1e-3;
const sg = STANDARD_GATES.get('h')!;
const ops = Array.from({ length: n }, (_, q) => lowerGate({ controls: [], controlStates: [], targets: [q], matrix: sg.target([]) })[0]!);
console.log(ops[3]);
for (let round = 0; round < 5; round++) {
  const t = performance.now();
  for (let r = 0; r < 100; r++) { const op = ops[r % n]!; applyKernel(s, op, 0, groupCount(op, n)); }
  console.log(((performance.now() - t) / 100 * 1e6 / N).toFixed(2));
}
