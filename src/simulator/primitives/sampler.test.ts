import { afterAll, describe, expect, it } from 'vitest';
import { CircuitTooLargeError, InvalidPubError, QasmSemanticError, SimulationCancelledError } from '../errors.js';
import { createStatevectorBackend } from '../backends/backend.js';
import { shutdownWorkerPool } from '../engine/runners.js';
import { chiSquare, histogram, registerValues } from '../testing/statistics.js';
import { runSampler } from './sampler.js';

afterAll(() => shutdownWorkerPool());

const OQ3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';

async function sample(source: string, shots: number, seed: number, extra: Partial<Parameters<typeof runSampler>[0]> = {}) {
  const r = await runSampler({ pubs: [[source, null, shots]], seed, ...extra });
  return r.pubResults[0]!;
}

describe('sampling from the final state', () => {
  it('draws Bell pairs: only 00 and 11, evenly (chi-square)', async () => {
    const pub = await sample(`${OQ3}bit[2] meas;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nmeas[0] = measure q[0];\nmeas[1] = measure q[1];`, 20_000, 1);
    const counts = histogram(registerValues(pub.registers[0]!), 4);
    const { statistic, critical } = chiSquare(counts, [0.5, 0, 0, 0.5]);
    expect(statistic).toBeLessThan(critical);
  });

  it('matches the product distribution of three rotated qubits (chi-square, 7 dof)', async () => {
    const angles = [0.4, 1.3, 2.2];
    const source = `${OQ3}qubit[3] q;\nbit[3] c;\n${angles.map((a, i) => `ry(${a}) q[${i}];`).join('\n')}\nc = measure q;`;
    const pub = await sample(source, 30_000, 2);
    const p1 = angles.map((a) => Math.sin(a / 2) ** 2);
    const probs = Array.from({ length: 8 }, (_, v) => p1.reduce((acc, p, q) => acc * ((v >> q) & 1 ? p : 1 - p), 1));
    const { statistic, critical } = chiSquare(histogram(registerValues(pub.registers[0]!), 8), probs);
    expect(statistic).toBeLessThan(critical);
  });

  it('maps measurements to the bits they name, per register', async () => {
    const pub = await sample(`${OQ3}qubit[3] q;\nbit[2] a;\nbit[3] b;\nx q[0];\nx q[2];\nmeasure q[0] -> b[2];\nmeasure q[2] -> a[0];\nb[0] = measure q[1];`, 50, 3);
    expect(pub.registers.map((r) => [r.name, r.numBits])).toEqual([['a', 2], ['b', 3]]);
    expect(new Set(registerValues(pub.registers[0]!))).toEqual(new Set([0b01]));
    expect(new Set(registerValues(pub.registers[1]!))).toEqual(new Set([0b100]));
  });

  it('packs registers wider than a byte big-endian, bit 0 in the last byte', async () => {
    const pub = await sample(`${OQ3}qubit[10] q;\nbit[10] c;\nx q[0];\nx q[9];\nx q[4];\nc = measure q;`, 3, 4);
    expect(Array.from(pub.registers[0]!.bytes)).toEqual([0x02, 0x11, 0x02, 0x11, 0x02, 0x11]);
  });

  it('returns zeros for bits never measured, even without any qubit', async () => {
    const pub = await sample(`${OQ3}bit[3] c;`, 5, 1);
    expect(Array.from(pub.registers[0]!.bytes)).toEqual([0, 0, 0, 0, 0]);
    const partly = await sample(`${OQ3}qubit q;\nbit[2] c;\nx q;\nc[1] = measure q;`, 3, 1);
    expect(registerValues(partly.registers[0]!)).toEqual([2, 2, 2]);
  });

  it('reproduces a run exactly from its seed, and differs with another seed', async () => {
    const source = `${OQ3}qubit[4] q;\nbit[4] c;\nh q;\nc = measure q;`;
    const a = await sample(source, 200, 42);
    const b = await sample(source, 200, 42);
    const c = await sample(source, 200, 43);
    expect(Array.from(a.registers[0]!.bytes)).toEqual(Array.from(b.registers[0]!.bytes));
    expect(Array.from(a.registers[0]!.bytes)).not.toEqual(Array.from(c.registers[0]!.bytes));
  });

  it('draws shots on worker threads as on the calling thread', async () => {
    const source = `${OQ3}qubit[6] q;\nbit[6] c;\nh q;\ncx q[0], q[5];\nrz(0.3) q[2];\nc = measure q;`;
    const a = await sample(source, 500, 5, { engine: { parallelFromQubits: 2 } });
    const b = await sample(source, 500, 5, { engine: { parallelFromQubits: 99 } });
    expect(Array.from(a.registers[0]!.bytes)).toEqual(Array.from(b.registers[0]!.bytes));
  });
});

describe('mid-circuit measurement, reset and feed-forward', () => {
  const teleport = (theta: number): string => `${OQ3}qubit[3] q;\nbit[2] c;\nbit[1] out;
ry(${theta}) q[0];
h q[1]; cx q[1], q[2];
cx q[0], q[1]; h q[0];
c[0] = measure q[0]; c[1] = measure q[1];
if (c[1]) x q[2];
if (c[0]) z q[2];
out[0] = measure q[2];`;

  it('teleports a state: the output statistics are those of the input (chi-square)', async () => {
    const theta = 1.1;
    const pub = await sample(teleport(theta), 20_000, 6);
    const p1 = Math.sin(theta / 2) ** 2;
    const out = chiSquare(histogram(registerValues(pub.registers[1]!), 2), [1 - p1, p1]);
    expect(out.statistic).toBeLessThan(out.critical);
    // the two classical bits of the protocol are uniform
    const c = chiSquare(histogram(registerValues(pub.registers[0]!), 4), [0.25, 0.25, 0.25, 0.25]);
    expect(c.statistic).toBeLessThan(c.critical);
  });

  it('corrects a measured 1 back to 0 with a conditional x', async () => {
    const pub = await sample(`${OQ3}qubit q;\nbit[2] c;\nh q;\nc[0] = measure q;\nif (c[0] == 1) { x q; }\nc[1] = measure q;`, 2000, 7);
    const values = registerValues(pub.registers[0]!);
    expect(values.every((v) => (v & 0b10) === 0)).toBe(true);
    const { statistic, critical } = chiSquare(histogram(values, 4), [0.5, 0.5, 0, 0]);
    expect(statistic).toBeLessThan(critical);
  });

  it('resets a qubit to |0> and lets its partner keep the measured correlation', async () => {
    const pub = await sample(`${OQ3}qubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nreset q[0];\nc = measure q;`, 4000, 8);
    const { statistic, critical } = chiSquare(histogram(registerValues(pub.registers[0]!), 4), [0.5, 0, 0.5, 0]);
    expect(statistic).toBeLessThan(critical);
  });

  it('measures the same qubit again after a gate: independent fair coins', async () => {
    const pub = await sample(`${OQ3}qubit q;\nbit[2] c;\nh q;\nc[0] = measure q;\nh q;\nc[1] = measure q;`, 8000, 9);
    const { statistic, critical } = chiSquare(histogram(registerValues(pub.registers[0]!), 4), [0.25, 0.25, 0.25, 0.25]);
    expect(statistic).toBeLessThan(critical);
  });

  it('branches on a whole-register comparison with else', async () => {
    const pub = await sample(`${OQ3}qubit[3] q;\nbit[2] c;\nbit[1] r;\nx q[0];\nc = measure q[0:1];\nif (c == 1) { x q[2]; } else { h q[2]; }\nr[0] = measure q[2];`, 500, 10);
    expect(new Set(registerValues(pub.registers[1]!))).toEqual(new Set([1]));
  });

  it('gives identical results when memory allows no state copies (branches replayed)', async () => {
    const roomy = await sample(teleport(0.7), 3000, 11);
    const tight = await sample(teleport(0.7), 3000, 11, { backend: createStatevectorBackend({ name: 'tight', memoryBudgetBytes: 200 }) });
    expect(Array.from(tight.registers[1]!.bytes)).toEqual(Array.from(roomy.registers[1]!.bytes));
    expect(Array.from(tight.registers[0]!.bytes)).toEqual(Array.from(roomy.registers[0]!.bytes));
  });
});

describe('PUBs', () => {
  it('sweeps parameter values: one sample set per binding, shaped like the bindings', async () => {
    const source = `${OQ3}input float[64] theta;\nqubit q;\nbit[1] c;\nrx(theta) q;\nc[0] = measure q;`;
    const r = await runSampler({ pubs: [[source, { theta: [[0, Math.PI], [Math.PI, 0]] }, 64]], seed: 12 });
    const pub = r.pubResults[0]!;
    expect(pub.shape).toEqual([2, 2]);
    expect(pub.registers[0]!.bytes.length).toBe(4 * 64);
    const values = registerValues(pub.registers[0]!);
    const perBinding = [0, 1, 2, 3].map((b) => new Set(values.slice(b * 64, (b + 1) * 64)));
    expect(perBinding).toEqual([new Set([0]), new Set([1]), new Set([1]), new Set([0])]);
  });

  it('uses PUB shots, then the job shots, then 4096', async () => {
    const source = `${OQ3}qubit q;\nbit[1] c;\nc[0] = measure q;`;
    const r = await runSampler({ pubs: [[source, null, 10], [source], source], shots: 20, seed: 1 });
    expect(r.pubResults.map((p) => p.shots)).toEqual([10, 20, 20]);
    const d = await runSampler({ pubs: [[source]], seed: 1 });
    expect(d.pubResults[0]!.shots).toBe(4096);
  });

  it('refuses bad PUBs before simulating any, naming the place', async () => {
    const good = `${OQ3}qubit q;\nbit[1] c;\nc[0] = measure q;`;
    await expect(runSampler({ pubs: [[good], [good, null, 0]] })).rejects.toThrow(new InvalidPubError('pubs[1][2]', 'shots must be an integer from 1 to 1000000, got number 0'));
    await expect(runSampler({ pubs: [[`${OQ3}qubit q;\nfoo q;`]] })).rejects.toThrow(QasmSemanticError);
    await expect(runSampler({ pubs: [[`${OQ3}qubit q;\nfoo q;`]] })).rejects.toThrow("pubs[0][0], line 4, column 1: unknown gate 'foo'");
    await expect(runSampler({ pubs: [[{ __type__: 'QuantumCircuit', __value__: 'eJ' }]] })).rejects.toThrow('pubs[0][0]: the QPY circuit is not zlib-compressed QPY');
    await expect(runSampler({ pubs: [[`${OQ3}input float t;\nqubit q;\nrx(t) q;`]] })).rejects.toThrow("pubs[0][1]: the circuit has parameters ['t'] but no values were given");
    await expect(runSampler({ pubs: [[`${OQ3}input float t;\nqubit q;\nrx(1/t) q;`, { t: 0 }]] })).rejects.toThrow("gate 'rx' gets the angle Infinity");
    await expect(runSampler({ pubs: [[`${OQ3}input float t;\nqubit q;\nrx(t) q;`, { t: new Array(20).fill(0) }, 1_000_000]] })).rejects.toThrow(
      'pubs[0]: 1000000 shots × 20 parameter bindings exceed 10000000 executions per PUB',
    );
    await expect(runSampler({ pubs: [[good]], seed: 'x' as unknown as number })).rejects.toThrow('seed: the seed must be a number');
  });

  it('refuses a circuit wider than the backend allows, before simulating, with the allowed count', async () => {
    const small = createStatevectorBackend({ name: 'small', memoryBudgetBytes: 16 * 2 ** 10 });
    const wide = `${OQ3}qubit[12] q;\nbit[12] c;\nh q;\nc = measure q;`;
    const err = await runSampler({ pubs: [[wide]], backend: small }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CircuitTooLargeError);
    expect(err).toMatchObject({ requiredQubits: 12, allowedQubits: 10 });
    expect((err as Error).message).toBe('the circuit uses 12 qubits but backend small allows at most 10 qubits');
    // idle qubits do not count: a 127-qubit device circuit touching 3 qubits fits
    const sparse = await runSampler({ pubs: [[`${OQ3}bit[3] c;\nx $0;\nx $126;\nc[0] = measure $0;\nc[1] = measure $126;\nc[2] = measure $60;`, null, 5]], backend: small, seed: 1 });
    expect(new Set(registerValues(sparse.pubResults[0]!.registers[0]!))).toEqual(new Set([0b011]));
  });

  it('stops when the signal fires', async () => {
    const source = `${OQ3}qubit q;\nbit[1] c;\nh q;\nc[0] = measure q;`;
    await expect(runSampler({ pubs: [[source]], signal: AbortSignal.abort() })).rejects.toBeInstanceOf(SimulationCancelledError);
  });
});
