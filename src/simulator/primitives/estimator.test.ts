import { afterAll, describe, expect, it } from 'vitest';
import { InvalidPubError } from '../errors.js';
import { shutdownWorkerPool } from '../engine/runners.js';
import { runEstimator } from './estimator.js';

afterAll(() => shutdownWorkerPool());

const OQ3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const RY = `${OQ3}input float[64] theta;\nqubit q;\nry(theta) q;`;

async function evs(source: string, observables: unknown, values?: unknown): Promise<number[]> {
  const r = await runEstimator({ pubs: [[source, observables, values]] });
  return Array.from(r.pubResults[0]!.evs);
}

describe('exact expectation values', () => {
  it('gives <Z> = cos θ, <X> = sin θ, <Y> = 0 after ry(θ), with zero stds', async () => {
    for (const theta of [0, 0.3, 1.9, -2.4]) {
      const r = await runEstimator({ pubs: [[RY, [{ Z: 1 }, { X: 1 }, { Y: 1 }, { I: 2.5 }], { theta }]] });
      const pub = r.pubResults[0]!;
      expect(Array.from(pub.evs)).toEqual([Math.cos(theta), Math.sin(theta), 0, 2.5].map((v) => expect.closeTo(v, 13)));
      expect(Array.from(pub.stds)).toEqual([0, 0, 0, 0]);
      expect(pub.metadata).toMatchObject({ target_precision: 0, shots: 0 });
    }
  });

  it('gives <Y> = -sin θ after rx(θ), and the r / l projectors accordingly', async () => {
    const rx = `${OQ3}input float[64] theta;\nqubit[2] q;\nrx(theta) q[0];\nh q[1];\ns q[1];`; // q[1] in |i>
    for (const theta of [0.4, 2.0]) {
      const got = await evs(rx, [{ IY: 1 }, { IZ: 1 }, { Ir: 1 }, { Il: 1 }, { YI: 1 }, { rI: 1 }, { YY: 1 }], { theta });
      const s = Math.sin(theta);
      expect(got).toEqual([-s, Math.cos(theta), (1 - s) / 2, (1 + s) / 2, 1, 1, -s].map((v) => expect.closeTo(v, 13)));
    }
  });

  it('reads labels right to left (rightmost letter is qubit 0) and sums weighted terms', async () => {
    const source = `${OQ3}qubit[3] q;\nx q[0];`; // |001>
    expect(await evs(source, [{ IIZ: 1 }, { ZII: 1 }, { IIZ: 2, ZII: -0.5, ZZZ: 3 }])).toEqual([-1, 1, -2 - 0.5 - 3].map((v) => expect.closeTo(v, 14)));
  });

  it('gives the correlations of a Bell pair and of GHZ', async () => {
    const bell = `${OQ3}qubit[2] q;\nh q[0];\ncx q[0], q[1];`;
    expect(await evs(bell, [{ ZZ: 1 }, { XX: 1 }, { YY: 1 }, { ZI: 1 }, { XY: 1 }, 'ZZ'])).toEqual([1, 1, -1, 0, 0, 1].map((v) => expect.closeTo(v, 14)));
    const ghz = `${OQ3}qubit[4] q;\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\ncx q[2], q[3];`;
    expect(await evs(ghz, [{ XXXX: 1 }, { YYXX: 1 }, { ZZII: 1 }, { ZIII: 1 }])).toEqual([1, -1, 1, 0].map((v) => expect.closeTo(v, 14)));
  });

  it('evaluates projector letters 0 1 + - r l', async () => {
    const theta = 0.8;
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const got = await evs(RY, [{ '0': 1 }, { '1': 1 }, { '+': 1 }, { '-': 1 }, { r: 1 }, { l: 1 }], { theta });
    expect(got).toEqual([(1 + c) / 2, (1 - c) / 2, (1 + s) / 2, (1 - s) / 2, 0.5, 0.5].map((v) => expect.closeTo(v, 13)));
    const bell = `${OQ3}qubit[2] q;\nh q[0];\ncx q[0], q[1];`;
    expect(await evs(bell, [{ '11': 1 }, { '01': 1 }, { Z0: 1 }, { '++': 1 }])).toEqual([0.5, 0, 0.5, 0.5].map((v) => expect.closeTo(v, 14)));
  });

  it('treats untouched qubits as |0>, and allows longer labels for hardware qubits', async () => {
    const source = `${OQ3}h $0;\nx $2;`;
    // 5-qubit labels on a circuit whose highest qubit is $2: qubits 3 and 4 are idle
    expect(await evs(source, [{ IIIIX: 1 }, { IIZII: 1 }, { ZZIII: 1 }, { XIIII: 1 }, { IIIZI: 1 }, { '1IIII': 1 }])).toEqual(
      [1, -1, 1, 0, 1, 0].map((v) => expect.closeTo(v, 14)),
    );
  });

  it('ignores final measurements and averages over mid-circuit ones', async () => {
    const measured = `${OQ3}qubit[2] q;\nbit[2] c;\nh q[0];\nc[0] = measure q[0];\nif (c[0]) x q[1];\nc[1] = measure q[1];`;
    // classical mixture of |00> and |11>: ZZ correlated, but no XX coherence
    expect(await evs(measured, [{ ZZ: 1 }, { XX: 1 }, { IZ: 1 }])).toEqual([1, 0, 0].map((v) => expect.closeTo(v, 14)));
    const reset = `${OQ3}qubit q;\nh q;\nreset q;`;
    expect(await evs(reset, [{ Z: 1 }])).toEqual([expect.closeTo(1, 14)]);
  });
});

describe('shapes and broadcasting', () => {
  it('broadcasts observables (2,1) against parameter values (3,) into (2,3)', async () => {
    const thetas = [0.1, 1.2, 2.3];
    const r = await runEstimator({ pubs: [[RY, [[{ Z: 1 }], [{ X: 1 }]], thetas.map((t) => [t])]] });
    const pub = r.pubResults[0]!;
    expect(pub.shape).toEqual([2, 3]);
    expect(Array.from(pub.evs)).toEqual([...thetas.map(Math.cos), ...thetas.map(Math.sin)].map((v) => expect.closeTo(v, 13)));
  });

  it('sweeps a two-parameter grid given as a mapping', async () => {
    const source = `${OQ3}input float[64] a;\ninput float[64] b;\nqubit q;\nry(a) q;\nrz(b) q;`;
    const a = [[0.2, 0.4], [0.6, 0.8]];
    const b = [[1.0, 1.5], [2.0, 2.5]];
    const r = await runEstimator({ pubs: [[source, { X: 1 }, { a, b }]] });
    expect(r.pubResults[0]!.shape).toEqual([2, 2]);
    const expected = a.flat().map((av, i) => Math.sin(av) * Math.cos(b.flat()[i]!));
    expect(Array.from(r.pubResults[0]!.evs)).toEqual(expected.map((v) => expect.closeTo(v, 13)));
  });

  it('refuses shapes that do not broadcast, and bad labels', async () => {
    await expect(runEstimator({ pubs: [[RY, [{ Z: 1 }, { X: 1 }], [[0.1], [0.2], [0.3]]]] })).rejects.toThrow(
      'pubs[0]: observables of shape (2) and parameter values of shape (3) cannot be broadcast together',
    );
    await expect(runEstimator({ pubs: [[RY, { ZZ: 1 }, [0]]] })).rejects.toThrow("label 'ZZ' has 2 letters; the circuit needs 1");
    await expect(runEstimator({ pubs: [[RY, { Q: 1 }, [0]]] })).rejects.toThrow(InvalidPubError);
    await expect(runEstimator({ pubs: [[RY]] })).rejects.toThrow('an estimator PUB needs observables');
  });
});

describe('precision (shot noise)', () => {
  it('reports stds close to the precision and errors consistent with them', async () => {
    const precision = 0.02;
    const thetas = Array.from({ length: 40 }, (_, i) => 0.1 + i * 0.07);
    const r = await runEstimator({ pubs: [[RY, [[{ Z: 1 }], [{ X: 0.5, Z: 0.5 }]], thetas.map((t) => [t]), precision]], seed: 99 });
    const pub = r.pubResults[0]!;
    expect(pub.metadata).toMatchObject({ target_precision: precision, shots: 2500 });
    const exact = [...thetas.map(Math.cos), ...thetas.map((t) => 0.5 * Math.sin(t) + 0.5 * Math.cos(t))];
    let sumZ2 = 0;
    exact.forEach((v, i) => {
      const std = pub.stds[i]!;
      expect(std).toBeGreaterThan(0);
      expect(std).toBeLessThanOrEqual(precision * 1.01);
      sumZ2 += ((pub.evs[i]! - v) / std) ** 2;
    });
    // Σ z² over 80 estimates follows roughly χ²(80): the 0.1% tails are about 42 and 125.
    expect(sumZ2).toBeGreaterThan(42);
    expect(sumZ2).toBeLessThan(125);
    // Z on |0> is deterministic: no noise at all
    const det = await runEstimator({ pubs: [[RY, { Z: 1 }, [0], 0.05]], seed: 1 });
    expect([det.pubResults[0]!.evs[0], det.pubResults[0]!.stds[0]]).toEqual([1, 0]);
  });

  it('uses the job-level precision for PUBs without one, and reproduces from a seed', async () => {
    const a = await runEstimator({ pubs: [[RY, { X: 1 }, [0.5]]], precision: 0.1, seed: 5 });
    const b = await runEstimator({ pubs: [[RY, { X: 1 }, [0.5]]], precision: 0.1, seed: 5 });
    expect(a.pubResults[0]!.metadata).toMatchObject({ shots: 100 });
    expect(a.pubResults[0]!.evs[0]).toBe(b.pubResults[0]!.evs[0]);
    expect(a.pubResults[0]!.evs[0]).not.toBeCloseTo(Math.sin(0.5), 6);
  });
});
