import { applyKernel } from './src/simulator/engine/kernels.ts';
import { lowerGate, groupCount, type KernelOp } from './src/simulator/engine/kernel-op.ts';
import { STANDARD_GATES } from './src/simulator/gates/standard-gates.ts';
import { embed, multiply } from './src/simulator/gates/complex-matrix.ts';
const g = (name: string, params: number[], qubits: number[]) => {
  const sg = STANDARD_GATES.get(name)!;
  return lowerGate({ controls: qubits.slice(0, sg.numControls), controlStates: qubits.slice(0, sg.numControls).map(() => 1), targets: qubits.slice(sg.numControls), matrix: sg.target(params) })[0]!;
};
const u4 = multiply(embed(STANDARD_GATES.get('h')!.target([]), [0], [0, 1]), embed(STANDARD_GATES.get('ry')!.target([0.3]), [1], [0, 1]));
const cxcx = multiply(embed(STANDARD_GATES.get('x')!.target([]), [1], [0,1]), embed(STANDARD_GATES.get('x')!.target([]), [0], [0,1]));
for (const n of [16, 20, 24]) {
  const N = 2 ** n; const s = new Float64Array(2 * N); for (let i = 0; i < 2 * N; i++) s[i] = (i % 7) * 1e-3;
  const res: Record<string, string> = {};
  const cases: Array<[string, (q: number) => KernelOp]> = [
    ['ry', (q) => g('ry', [0.4], [q])], ['h', (q) => g('h', [], [q])], ['rz', (q) => g('rz', [0.4], [q])], ['t', (q) => g('t', [], [q])],
    ['x', (q) => g('x', [], [q])], ['cx', (q) => g('cx', [], [q, (q + 3) % n])], ['cz', (q) => g('cz', [], [q, (q + 3) % n])],
    ['swap', (q) => g('swap', [], [q, (q + 3) % n])], ['crx', (q) => g('crx', [0.3], [q, (q + 3) % n])],
    ['dense2', (q) => lowerGate({ controls: [], controlStates: [], targets: [q, (q + 5) % n], matrix: u4 })[0]!],
    ['perm2', (q) => lowerGate({ controls: [], controlStates: [], targets: [q, (q + 5) % n], matrix: cxcx })[0]!],
  ];
  for (const [name, mk] of cases) {
    const ops = Array.from({ length: n }, (_, q) => mk(q));
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      for (const op of ops) applyKernel(s, op, 0, groupCount(op, n));
      best = Math.min(best, (performance.now() - t) / n);
    }
    res[name] = (best * 1e6 / N).toFixed(2);
  }
  console.log(n, JSON.stringify(res));
}
