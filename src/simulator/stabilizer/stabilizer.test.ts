import { afterAll, describe, expect, it } from 'vitest';
import { UnsupportedOperationError } from '../errors.js';
import { STANDARD_GATES } from '../gates/standard-gates.js';
import { shutdownWorkerPool } from '../engine/runners.js';
import { runSampler } from '../primitives/sampler.js';
import { runEstimator } from '../primitives/estimator.js';
import { simulateStatevector } from '../primitives/statevector.js';
import { createRng } from '../random/rng.js';
import { chiSquare, histogram, registerValues } from '../testing/statistics.js';
import { cliffordAction } from './clifford.js';

afterAll(() => shutdownWorkerPool());

const OQ3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const encode = (letters: string): number =>
  // letters[j] acts on qubit j; I X Z Y → (x, z) = 00 10 01 11
  [...letters].reduce((acc, l, j) => acc | ({ I: 0, X: 1, Z: 2, Y: 3 }[l]! << (2 * j)), 0);

function action(name: string, params: number[] = []) {
  const g = STANDARD_GATES.get(name)!;
  const k = g.numControls + g.numTargets;
  const qubits = Array.from({ length: k }, (_, i) => i);
  return cliffordAction({ controls: qubits.slice(0, g.numControls), controlStates: qubits.slice(0, g.numControls).map(() => 1), targets: qubits.slice(g.numControls), matrix: g.target(params), label: name });
}

describe('Clifford actions computed from matrices', () => {
  it('conjugates Paulis as the textbook says', () => {
    const h = action('h')!;
    expect(h.table[encode('X')]).toBe(encode('Z'));
    expect(h.table[encode('Y')]).toBe(encode('Y') | 0b100); // H Y H = -Y
    const s = action('s')!;
    expect(s.table[encode('X')]).toBe(encode('Y'));
    expect(s.table[encode('Y')]).toBe(encode('X') | 0b100); // S Y S† = -X
    const cx = action('cx')!; // control qubit 0, target qubit 1
    expect(cx.table[encode('XI')]).toBe(encode('XX'));
    expect(cx.table[encode('IZ')]).toBe(encode('ZZ'));
    expect(cx.table[encode('IX')]).toBe(encode('IX'));
  });

  it('accepts Cliffords however written and names the gates that are not', () => {
    expect(action('rz', [Math.PI / 2])).not.toBeNull();
    expect(action('id')).toBeNull();
    expect(() => action('t')).toThrow(new UnsupportedOperationError('t is not a Clifford gate: the stabilizer backend runs Clifford circuits only (use simulator_statevector)'));
    expect(() => action('rx', [0.3])).toThrow(UnsupportedOperationError);
  });
});

/** A random Clifford circuit over many spellings of Clifford gates. */
function randomClifford(n: number, gates: number, seed: number): string {
  const rng = createRng(seed);
  const one = ['h', 's', 'sdg', 'x', 'y', 'z', 'sx', 'rz(pi/2)', 'ry(-pi/2)', 'u(pi/2, 0, pi)', 'inv @ sx'];
  const two = ['cx', 'cy', 'cz', 'swap', 'ecr', 'iswap', 'dcx', 'ctrl @ z', 'rzz(pi/2)'];
  const lines = [`${OQ3}qubit[${n}] q;\nbit[${n}] c;`];
  for (let k = 0; k < gates; k++) {
    const a = rng.nextInt(n);
    if (rng.nextFloat() < 0.5) lines.push(`${one[rng.nextInt(one.length)]} q[${a}];`);
    else {
      let b = rng.nextInt(n - 1);
      if (b >= a) b++;
      lines.push(`${two[rng.nextInt(two.length)]} q[${a}], q[${b}];`);
    }
  }
  return lines.join('\n');
}

describe('stabilizer sampler', () => {
  it('samples random Clifford circuits with the statevector distribution (chi-square)', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const n = 5;
      const body = randomClifford(n, 40, seed);
      const amplitudes = await simulateStatevector(body);
      const probs = Array.from({ length: 2 ** n }, (_, i) => amplitudes[2 * i]! ** 2 + amplitudes[2 * i + 1]! ** 2).map((p) => (p < 1e-12 ? 0 : p));
      const r = await runSampler({ pubs: [[`${body}\nc = measure q;`, null, 20_000]], backend: 'simulator_stabilizer', seed });
      const { statistic, critical } = chiSquare(histogram(registerValues(r.pubResults[0]!.registers[0]!), 2 ** n), probs);
      expect(statistic).toBeLessThan(critical);
    }
  });

  it('samples a 300-qubit GHZ state: all zeros or all ones, evenly', async () => {
    const n = 300;
    const r = await runSampler({
      pubs: [[`${OQ3}qubit[${n}] q;\nbit[${n}] c;\nh q[0];\nfor uint i in [0:${n - 2}] cx q[i], q[i + 1];\nc = measure q;`, null, 2000]],
      backend: 'simulator_stabilizer',
      seed: 3,
    });
    const reg = r.pubResults[0]!.registers[0]!;
    const nb = Math.ceil(n / 8);
    let ones = 0;
    for (let s = 0; s < 2000; s++) {
      const shot = reg.bytes.subarray(s * nb, (s + 1) * nb);
      const allOnes = shot[0] === 0x0f && shot.subarray(1).every((b) => b === 0xff);
      const allZeros = shot.every((b) => b === 0);
      expect(allOnes || allZeros).toBe(true);
      if (allOnes) ones++;
    }
    const { statistic, critical } = chiSquare([2000 - ones, ones], [0.5, 0.5]);
    expect(statistic).toBeLessThan(critical);
  });

  it('handles mid-circuit measurement, reset and feed-forward', async () => {
    const source = `${OQ3}qubit[3] q;\nbit[2] c;\nbit[2] out;
h q[0];
h q[1]; cx q[1], q[2];
cx q[0], q[1]; h q[0];
c[0] = measure q[0]; c[1] = measure q[1];
if (c[1]) x q[2];
if (c[0]) z q[2];
h q[2];
out[0] = measure q[2];
reset q[0];
out[1] = measure q[0];`;
    // teleports |+>: after h the output is always 0; the reset qubit reads 0
    const r = await runSampler({ pubs: [[source, null, 1000]], backend: 'simulator_stabilizer', seed: 4 });
    expect(new Set(registerValues(r.pubResults[0]!.registers[1]!))).toEqual(new Set([0]));
    const c = chiSquare(histogram(registerValues(r.pubResults[0]!.registers[0]!), 4), [0.25, 0.25, 0.25, 0.25]);
    expect(c.statistic).toBeLessThan(c.critical);
  });

  it('refuses non-Clifford circuits and the estimator', async () => {
    await expect(runSampler({ pubs: [[`${OQ3}qubit q;\nbit[1] c;\nt q;\nc[0] = measure q;`]], backend: 'simulator_stabilizer' })).rejects.toThrow('t is not a Clifford gate');
    await expect(runSampler({ pubs: [[`${OQ3}qubit[2] q;\nctrl @ t q[0], q[1];`]], backend: 'simulator_stabilizer' })).rejects.toThrow('ctrl(1) @ t is not a Clifford gate');
    await expect(runEstimator({ pubs: [[`${OQ3}qubit q;`, { Z: 1 }]], backend: 'simulator_stabilizer' })).rejects.toThrow(UnsupportedOperationError);
  });
});
