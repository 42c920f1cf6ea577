import QuantumCircuit from 'quantum-circuit';
import { randomCircuitQasm2 } from './bench/simulator/circuits.ts';
for (const [n, g] of [[12, 60], [16, 20]] as const) {
  const src = randomCircuitQasm2(n, g, n);
  const qc = new QuantumCircuit();
  const t = performance.now();
  qc.importQASM(src, () => {});
  const t1 = performance.now();
  qc.run();
  const t2 = performance.now();
  qc.measureAllMultishot(4096);
  const t3 = performance.now();
  console.log(n, g, 'import', (t1 - t).toFixed(0), 'run', (t2 - t1).toFixed(0), 'ms/gate', ((t2 - t1) / g).toFixed(1), 'sample', (t3 - t2).toFixed(0));
}
