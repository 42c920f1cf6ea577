/**
 * Benchmark circuits: seeded random circuits as OpenQASM 2 (which both this simulator and the npm
 * `quantum-circuit` package import) or OpenQASM 3.
 */
import { createRng } from '../../src/simulator/random/rng.js';

const ONE_QUBIT = ['h', 'rx', 'ry', 'rz', 'sx', 't', 's'] as const;

/**
 * `numGates` gates on `numQubits` qubits: an `h` on every qubit first (so the state is dense from
 * the start, as it is after a few layers of any real circuit), then random single-qubit gates (h,
 * rx, ry, rz, sx, t, s with random angles) and cx on random pairs in equal proportion; every qubit
 * measured at the end.
 */
export function randomCircuitQasm2(numQubits: number, numGates: number, seed: number): string {
  const rng = createRng(seed);
  const lines = ['OPENQASM 2.0;', 'include "qelib1.inc";', `qreg q[${numQubits}];`, `creg c[${numQubits}];`];
  for (let q = 0; q < Math.min(numQubits, numGates); q++) lines.push(`h q[${q}];`);
  for (let k = numQubits; k < numGates; k++) {
    if (rng.nextFloat() < 0.5) {
      const g = ONE_QUBIT[rng.nextInt(ONE_QUBIT.length)]!;
      const q = rng.nextInt(numQubits);
      const angle = g.startsWith('r') ? `(${(rng.nextFloat() * 2 * Math.PI).toFixed(6)})` : '';
      lines.push(`${g}${angle} q[${q}];`);
    } else {
      const a = rng.nextInt(numQubits);
      let b = rng.nextInt(numQubits - 1);
      if (b >= a) b++;
      lines.push(`cx q[${a}],q[${b}];`);
    }
  }
  lines.push('measure q -> c;');
  return lines.join('\n');
}

