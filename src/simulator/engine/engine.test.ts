import { afterAll, describe, expect, it } from 'vitest';
import { simulateStatevector } from '../primitives/statevector.js';
import { createRng } from '../random/rng.js';
import { STANDARD_GATES } from '../gates/standard-gates.js';
import { SimulationCancelledError } from '../errors.js';
import { shutdownWorkerPool } from './runners.js';
import { sampleIndices, probabilityOfOne, collapse } from './statevector.js';

afterAll(() => shutdownWorkerPool());

const OQ3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const prob = (s: Float64Array, i: number): number => s[2 * i]! ** 2 + s[2 * i + 1]! ** 2;
const maxDiff = (a: Float64Array, b: Float64Array): number => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

/** A random circuit over every native gate, with random qubits and angles. */
function randomCircuit(numQubits: number, numGates: number, seed: number): string {
  const rng = createRng(seed);
  const names = [...STANDARD_GATES.values()].filter((g) => g.numControls + g.numTargets <= numQubits && g.name !== 'U');
  const lines = [`${OQ3}qubit[${numQubits}] q;`];
  for (let k = 0; k < numGates; k++) {
    const g = names[rng.nextInt(names.length)]!;
    const qubits: number[] = [];
    while (qubits.length < g.numControls + g.numTargets) {
      const q = rng.nextInt(numQubits);
      if (!qubits.includes(q)) qubits.push(q);
    }
    const params = Array.from({ length: g.numParams }, () => (rng.nextFloat() * 4 - 2).toFixed(6));
    lines.push(`${g.name}${params.length ? `(${params.join(', ')})` : ''} ${qubits.map((q) => `q[${q}]`).join(', ')};`);
  }
  return lines.join('\n');
}

describe('known states', () => {
  it('prepares a Bell state', async () => {
    const s = await simulateStatevector(`${OQ3}qubit[2] q;\nh q[0];\ncx q[0], q[1];`);
    expect(Array.from(s)).toEqual([Math.SQRT1_2, 0, 0, 0, 0, 0, Math.SQRT1_2, 0].map((x) => expect.closeTo(x, 15)));
  });

  it('prepares a 12-qubit GHZ state', async () => {
    const s = await simulateStatevector(`${OQ3}qubit[12] q;\nh q[0];\nfor uint i in [0:10] cx q[i], q[i+1];`);
    expect(prob(s, 0)).toBeCloseTo(0.5, 14);
    expect(prob(s, 4095)).toBeCloseTo(0.5, 14);
    expect(s.reduce((acc, x) => acc + x * x, 0)).toBeCloseTo(1, 14);
  });

  it('maps basis states through the QFT to Fourier phases', async () => {
    const n = 5;
    const N = 2 ** n;
    for (const x of [0, 1, 6, 19, 31]) {
      const prep = Array.from({ length: n }, (_, q) => ((x >> q) & 1 ? `x q[${q}];` : '')).join(' ');
      const qft = [];
      for (let j = n - 1; j >= 0; j--) {
        qft.push(`h q[${j}];`);
        for (let m = j - 1; m >= 0; m--) qft.push(`cp(pi/${2 ** (j - m)}) q[${m}], q[${j}];`);
      }
      for (let i = 0; i < n / 2 - 0.5; i++) qft.push(`swap q[${i}], q[${n - 1 - i}];`);
      const s = await simulateStatevector(`${OQ3}qubit[${n}] q;\n${prep}\n${qft.join('\n')}`);
      for (let k = 0; k < N; k++) {
        const angle = (2 * Math.PI * x * k) / N;
        expect(s[2 * k]).toBeCloseTo(Math.cos(angle) / Math.sqrt(N), 12);
        expect(s[2 * k + 1]).toBeCloseTo(Math.sin(angle) / Math.sqrt(N), 12);
      }
    }
  });

  it('amplifies the marked item with Grover iterations as sin²((2k+1)θ)', async () => {
    const oracle = 'x q[1]; h q[2]; ccx q[0], q[1], q[2]; h q[2]; x q[1];'; // marks |101>
    const diffuser = 'h q; x q; h q[2]; ccx q[0], q[1], q[2]; h q[2]; x q; h q;';
    const theta = Math.asin(1 / Math.sqrt(8));
    for (const k of [1, 2]) {
      const s = await simulateStatevector(`${OQ3}qubit[3] q;\nh q;\n${`${oracle}\n${diffuser}\n`.repeat(k)}`);
      expect(prob(s, 0b101)).toBeCloseTo(Math.sin((2 * k + 1) * theta) ** 2, 12);
    }
  });

  it('applies gphase, and ctrl @ gphase as a phase on the control', async () => {
    const s = await simulateStatevector(`${OQ3}qubit[2] q;\ngphase(pi/2);\nx q[0];\nctrl @ gphase(pi) q[0];`);
    // e^{iπ/2} · (-1) · |01> = -i |01>
    expect(s[2]).toBeCloseTo(0, 14);
    expect(s[3]).toBeCloseTo(-1, 14);
  });

  it('fires negctrl on |0> and ctrl(n) on all-ones, also on user-defined gates', async () => {
    const neg = await simulateStatevector(`${OQ3}qubit[2] q;\nnegctrl @ x q[0], q[1];`);
    expect(prob(neg, 0b10)).toBeCloseTo(1, 14);
    const two = await simulateStatevector(`${OQ3}gate flip a { x a; }\nqubit[3] q;\nx q[0];\nctrl(2) @ flip q[0], q[1], q[2];\nx q[1];\nctrl(2) @ flip q[0], q[1], q[2];`);
    expect(prob(two, 0b111)).toBeCloseTo(1, 14);
    const mixed = await simulateStatevector(`${OQ3}qubit[3] q;\nx q[1];\nnegctrl @ ctrl @ x q[0], q[1], q[2];`);
    expect(prob(mixed, 0b110)).toBeCloseTo(1, 14);
  });

  it('keeps idle declared qubits in |0> and addresses hardware qubits', async () => {
    const s = await simulateStatevector(`${OQ3}x $3;\nh $1;`);
    expect(prob(s, 0b1000)).toBeCloseTo(0.5, 14);
    expect(prob(s, 0b1010)).toBeCloseTo(0.5, 14);
  });

  it('computes fractional powers of user-defined gates from their whole matrix', async () => {
    const s = await simulateStatevector(`${OQ3}gate myx a { h a; z a; h a; }\nqubit q;\npow(0.5) @ myx q;`);
    const sx = await simulateStatevector(`${OQ3}qubit q;\nsx q;`);
    expect(maxDiff(s, sx)).toBeLessThan(1e-12);
  });
});

describe('fusion and parallel execution', () => {
  it('gives the same state with every fusion width', async () => {
    for (const seed of [1, 2, 3]) {
      const source = randomCircuit(6, 150, seed);
      const reference = await simulateStatevector(source, {}, { engine: { fusionMaxQubits: 0 } });
      for (const width of [1, 2, 3, 4]) {
        const s = await simulateStatevector(source, {}, { engine: { fusionMaxQubits: width } });
        expect(maxDiff(s, reference)).toBeLessThan(1e-12);
      }
    }
  });

  it('gives the same state on worker threads as on the calling thread', async () => {
    const source = randomCircuit(9, 200, 7);
    const sequential = await simulateStatevector(source, {}, { engine: { parallelFromQubits: 99 } });
    const parallel = await simulateStatevector(source, {}, { engine: { parallelFromQubits: 2 } });
    expect(maxDiff(parallel, sequential)).toBeLessThan(1e-13);
  });

  it('gives the same state when applied in cache-sized blocks, on one thread or several', async () => {
    const source = randomCircuit(13, 300, 8);
    const direct = await simulateStatevector(source, {}, { engine: { cacheBlockQubits: 0, parallelFromQubits: 99 } });
    for (const block of [10, 11, 12]) {
      for (const parallelFromQubits of [2, 99]) {
        const s = await simulateStatevector(source, {}, { engine: { cacheBlockQubits: block, parallelFromQubits } });
        expect(maxDiff(s, direct)).toBeLessThan(1e-12);
      }
    }
  });

  it('stops between gates when the signal fires', async () => {
    const source = `${OQ3}qubit[16] q;\nfor uint i in [0:400] { h q[i % 16]; t q[(i + 3) % 16]; }`;
    const signal = AbortSignal.timeout(30);
    await expect(simulateStatevector(source, {}, { signal, engine: { fusionMaxQubits: 0, parallelFromQubits: 99 } })).rejects.toBeInstanceOf(
      SimulationCancelledError,
    );
    const aborted = AbortSignal.abort();
    await expect(simulateStatevector(source, {}, { signal: aborted })).rejects.toBeInstanceOf(SimulationCancelledError);
  });
});

describe('measurement primitives', () => {
  it('collapses and renormalises', () => {
    const s = new Float64Array([0.6, 0, 0, 0, 0, 0.8, 0, 0]); // 0.6|00> + 0.8i|10>
    expect(probabilityOfOne(s, 1)).toBeCloseTo(0.64, 15);
    collapse(s, 1, 1, 0.64);
    expect(Array.from(s)).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('samples indices with the right frequencies (chi-square, α = 0.001)', () => {
    const probs = [0.1, 0.2, 0.3, 0.4];
    const s = new Float64Array(probs.flatMap((p) => [Math.sqrt(p), 0]));
    const shots = 40_000;
    const idx = sampleIndices(s, shots, createRng(11));
    const counts = [0, 0, 0, 0];
    for (const i of idx) counts[i]!++;
    const chi2 = counts.reduce((acc, n, i) => acc + (n - shots * probs[i]!) ** 2 / (shots * probs[i]!), 0);
    expect(chi2).toBeLessThan(16.27); // df = 3
    // shuffled: the first half is not sorted
    expect(Array.from(idx.slice(0, 100)).some((v, i, a) => i > 0 && v < a[i - 1]!)).toBe(true);
  });
});
