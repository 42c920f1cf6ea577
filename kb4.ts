import { runSegment, segmentOps } from './src/simulator/engine/blocking.ts';
import { lowerGate } from './src/simulator/engine/kernel-op.ts';
import { STANDARD_GATES } from './src/simulator/gates/standard-gates.ts';
const n = 20; const N = 2 ** n; const s = new Float64Array(2 * N).fill(0.001);
// segment with a single identity-ish op (phase on low qubit) touching qubits 15..19 (high)
const op = lowerGate({ controls: [19], controlStates: [1], targets: [18], matrix: STANDARD_GATES.get('x')!.target([]) })[0]!;
for (const B of [14, 16, 18]) {
  const segs = segmentOps([op], n, B);
  const seg = segs[0]!;
  const scratch = new Float64Array(2 << B);
  let best = Infinity;
  for (let r = 0; r < 10; r++) {
    const t = performance.now();
    runSegment(s, n, seg, 0, 2 ** (n - B), scratch);
    best = Math.min(best, performance.now() - t);
  }
  console.log('B', B, 'local', Array.from(seg.local).join(','), 'ms', best.toFixed(2), 'ns/amp', (best * 1e6 / N).toFixed(2));
}
