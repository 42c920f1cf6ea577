/**
 * QPY decoding against bytes written by Qiskit itself, copied from public repositories:
 *
 * - V14_CZ: Qiskit 2.3.0, QPY 14, zlib + base64 exactly as RuntimeEncoder sends it; a 2-qubit
 *   circuit with one CZGate. Qiskit/ibm-quantum-schemas,
 *   test/models/estimator/version_0_1_dev/input/test_estimator_pub_model.py.
 * - V12_TRANSPILED: Qiskit 1.2.0, QPY 12, base64 of raw QPY; 3 qubits with CZ, Sdg, a custom `dcx`
 *   gate with its definition, U3 and CRX with float angles, and Y. Qiskit/qiskit-ibm-transpiler,
 *   tests/conftest.py (fixture `qpy_circuit_with_transpiling_error`).
 * - EMPTY_V10/V12/V13/V17: `QuantumCircuit(1, name="qpy-validation")` dumped by Qiskit 1.4.0 (10, 12)
 *   and 2.5.2 (13, 17; 17 has the offset table of QPY 16+). sterling-group/ChemRefine, a QPY
 *   validation test (constants _V10, _V12, _V13, _V17).
 * - V6_BELL: qiskit-terra 0.23.2, QPY 6, an H then a CX on 2 qubits, found as a Python bytes literal
 *   in a public Angular front-end (optimization.component.ts); the header bytes name the writer.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate, type Expr } from '../circuit/expr.js';
import { shutdownWorkerPool } from '../engine/runners.js';
import { InvalidEncodingError } from '../errors.js';
import { runEstimator } from '../primitives/estimator.js';
import { runSampler } from '../primitives/sampler.js';
import {
  expressionBytes,
  float,
  int,
  OP,
  parameter,
  vectorElement,
  writeQpy,
  type ExpressionParam,
  type InstructionParam,
  type ReplayEntry,
  type Symbol,
} from '../testing/qpy-writer.js';
import { chiSquare, histogram, registerValues } from '../testing/statistics.js';
import { decodeQpyBytes, decodeQpyCircuit, MAX_QPY_BYTES } from './index.js';

afterAll(() => shutdownWorkerPool());

const V14_CZ = 'eJwL9Az29gzhY2JmgALGgkIGrjQGDiCTiQEBQGxGmBIQkZxZlFyaWaJrZghTUl1byAhWychYyIAKGOEsNiTzsChidI5yTyxJBesvhIr9RwIwtQDDLRev';
const V12_TRANSPILED =
  'UUlTS0lUDAECAAAAAAAAAAABZXEAC2YACAAAAAMAAAAAAAAAAAAAAAIAAAABAAAAAAAAAAYAAAAAY2lyY3VpdC0xNjAAAAAAAAAAAHt9cQEAAAADAAEBcQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAgAAAAAAAAABACRnAAAAAgAAAAABAAAAAAAAALsAAAAAAAAAAAAAAAAAAAAAZGN4X2ZkN2JlNTcxOTQ1OTRkZTY5ZDFlMTNmNmFmYmY1NmZjAAtmAAgAAAACAAAAAAAAAAAAAAACAAAAAAAAAAAAAAACAAAAAGNpcmN1aXQtMTYxAAAAAAAAAAB7fQAAAAAAAAAAAAYAAAAAAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAEAAAABQ1hHYXRlcQAAAABxAAAAAQAGAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAABAAAAAUNYR2F0ZXEAAAABcQAAAAAAAAD///////////////8AAAAAAAAAAAAGAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAABAAAAAUNaR2F0ZXEAAAAAcQAAAAIABwAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABTZGdHYXRlcQAAAAEAJAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABkY3hfZmQ3YmU1NzE5NDU5NGRlNjlkMWUxM2Y2YWZiZjU2ZmNxAAAAAnEAAAABAAYAAAADAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAVTNHYXRlcQAAAABmAAAAAAAAAAiMHTg9AR8PQGYAAAAAAAAACH+xa3jilAtAZgAAAAAAAAAItmSFHpiI8j8ABwAAAAEAAAACAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAFDUlhHYXRlcQAAAAFxAAAAAGYAAAAAAAAACI2Sd1JN3gJAAAUAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWUdhdGVxAAAAAgAAAP///////////////wAAAAAAAAAA';
const EMPTY: Record<string, string> = {
  10: 'UUlTS0lUCgEEAAAAAAAAAAABZXEADmYACAAAAAEAAAAAAAAAAAAAAAIAAAABAAAAAAAAAABxcHktdmFsaWRhdGlvbgAAAAAAAAAAe31xAQAAAAEAAQFxAAAAAAAAAAAAAAAAAAAAAAAAAP///////////////wAAAAAAAAAA',
  12: 'UUlTS0lUDAEEAAAAAAAAAAABZXEADmYACAAAAAEAAAAAAAAAAAAAAAIAAAABAAAAAAAAAAAAAAAAcXB5LXZhbGlkYXRpb24AAAAAAAAAAHt9cQEAAAABAAEBcQAAAAAAAAAAAAAAAAAAAAAAAAD///////////////8AAAAAAAAAAA==',
  13: 'UUlTS0lUDQIFAgAAAAAAAAABcHEADmYACAAAAAEAAAAAAAAAAAAAAAIAAAABAAAAAAAAAAAAAAAAcXB5LXZhbGlkYXRpb24AAAAAAAAAAHt9cQEAAAABAAEBcQAAAAAAAAAAAAAAAAAAAAAAAAD///////////////8AAAAAAAAAAA==',
  17: 'UUlTS0lUEQIFAgAAAAAAAAABcHEAAAAAAAAAHAAOZgAIAAAAAQAAAAAAAAAAAAAAAgAAAAEAAAAAAAAAAAAAAABxcHktdmFsaWRhdGlvbgAAAAAAAAAAe31xAQAAAAEAAQFxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD///////////////8AAAAAAAAAAA==',
};
const V6_BELL =
  'UUlTS0lUBgAXAgAAAAAAAAABcQAKaQAIAAAAAgAAAAAAAAAAAAAABAAAAAEAAAAAAAAAAmNpcmN1aXQtOTAAAAAAAAAAAG51bGxxAQAAAAIAAQFxAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAUAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAASEdhdGVxAAAAAAAGAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAABAAAAAUNYR2F0ZXEAAAAAcQAAAAEAAA==';

const compressed = (base64: string) => deflateSync(Buffer.from(base64, 'base64')).toString('base64');
const qpy = (value: string) => ({ __type__: 'QuantumCircuit', __value__: value });
const gates = (b64: string) => decodeQpyCircuit(b64).instructions.map((i) => (i.kind === 'gate' ? `${i.gate}(${[...i.controls, ...i.targets].join(',')})` : i.kind));
/** Every Pauli string on `n` qubits, each as an observable of coefficient 1. */
const allPaulis = (n: number): Record<string, number>[] =>
  Array.from({ length: 4 ** n }, (_, k) => ({ [Array.from({ length: n }, (_, j) => 'IXYZ'[Math.floor(k / 4 ** j) % 4]).join('')]: 1 }));

describe('QPY written by Qiskit', () => {
  it('reads the compressed QPY 14 value the Python client sends', () => {
    const c = decodeQpyCircuit(V14_CZ);
    expect({ numQubits: c.numQubits, numClbits: c.numClbits, parameters: c.parameters }).toEqual({ numQubits: 2, numClbits: 0, parameters: [] });
    expect(gates(V14_CZ)).toEqual(['cz(0,1)']);
  });

  it.each(Object.keys(EMPTY))('reads the header layout of QPY %s (empty one-qubit circuit)', (v) => {
    const c = decodeQpyCircuit(EMPTY[v]!);
    expect({ numQubits: c.numQubits, instructions: c.instructions.length, registers: c.registers }).toEqual({ numQubits: 1, instructions: 0, registers: [] });
  });

  it('simulates the QPY 6 Bell circuit, raw or compressed, to the Bell state', async () => {
    expect(gates(V6_BELL)).toEqual(['h(0)', 'cx(0,1)']);
    const r = await runEstimator({ pubs: [[qpy(compressed(V6_BELL)), [{ ZZ: 1 }, { XX: 1 }, { YY: 1 }, { ZI: 1 }, { IZ: 1 }]]] });
    expect(Array.from(r.pubResults[0]!.evs)).toEqual([1, 1, -1, 0, 0].map((v) => expect.closeTo(v, 12)));
  });

  it('expands the custom dcx gate and reads little-endian float angles (QPY 12)', async () => {
    expect(gates(V12_TRANSPILED)).toEqual(['cz(0,2)', 'sdg(1)', 'cx(2,1)', 'cx(1,2)', 'u3(0)', 'crx(1,0)', 'y(2)']);
    const angles = decodeQpyCircuit(V12_TRANSPILED).instructions.flatMap((i) => (i.kind === 'gate' ? i.params.map((p) => (p.kind === 'const' ? p.value : NaN)) : []));
    expect(angles.every((a) => Number.isFinite(a) && Math.abs(a) < 2 * Math.PI)).toBe(true);
    // The same gates written as OpenQASM must give the same expectation value for all 64 Paulis.
    const [t, p, l, x] = angles as [number, number, number, number];
    const qasm = `OPENQASM 3.0; include "stdgates.inc"; qubit[3] q;
      cz q[0], q[2]; sdg q[1]; cx q[2], q[1]; cx q[1], q[2]; U(${t}, ${p}, ${l}) q[0]; crx(${x}) q[1], q[0]; y q[2];`;
    const observables = allPaulis(3);
    const r = await runEstimator({ pubs: [[qpy(V12_TRANSPILED), observables], [qasm, observables]] });
    expect(Array.from(r.pubResults[0]!.evs)).toEqual(Array.from(r.pubResults[1]!.evs).map((v) => expect.closeTo(v, 12)));
  });
});

describe('QPY bound later by parameter values', () => {
  // Derived from V12_TRANSPILED: the CRX angle (a little-endian float) is replaced by a Parameter
  // named "theta" (PARAMETER: u16 name size, 16-byte uuid, name), the rest of the bytes unchanged.
  const withParameter = (): string => {
    const raw = Buffer.from(V12_TRANSPILED, 'base64');
    const at = raw.indexOf(Buffer.from('CRXGate')) + 'CRXGate'.length + 10; // past the two 'q' arguments
    expect(String.fromCharCode(raw[at]!)).toBe('f');
    const name = Buffer.from('theta');
    const param = Buffer.concat([Buffer.from('p'), Buffer.alloc(8), Buffer.alloc(2), Buffer.alloc(16, 7), name]);
    param.writeBigUInt64BE(BigInt(2 + 16 + name.length), 1);
    param.writeUInt16BE(name.length, 9);
    return Buffer.concat([raw.subarray(0, at), param, raw.subarray(at + 17)]).toString('base64');
  };

  it('lists unbound Parameters and binds them from the PUB values', async () => {
    const value = withParameter();
    const c = decodeQpyCircuit(value);
    expect(c.parameters).toEqual(['theta']);
    const x = (decodeQpyCircuit(V12_TRANSPILED).instructions[5] as unknown as { params: { value: number }[] }).params[0]!.value;
    const r = await runEstimator({ pubs: [[qpy(value), allPaulis(3), [x]], [qpy(V12_TRANSPILED), allPaulis(3)]] });
    expect(Array.from(r.pubResults[0]!.evs)).toEqual(Array.from(r.pubResults[1]!.evs).map((v) => expect.closeTo(v, 12)));
  });
});

describe('QPY refused with a clear message', () => {
  const raw = () => Buffer.from(V12_TRANSPILED, 'base64');
  const refusal = (b64: string) => {
    try {
      decodeQpyCircuit(b64);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidEncodingError);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('refuses every truncation of a real payload as truncated, never with another error', () => {
    const bytes = raw();
    for (let n = 0; n < bytes.length - 23; n++) {
      const message = refusal(bytes.subarray(0, n).toString('base64'));
      expect(message).toMatch(n < 6 ? /QISKIT/ : /truncated/);
    }
  });

  it('refuses a wrong magic, non-base64 text, non-zlib data and a non-string value', () => {
    const bad = raw();
    bad.write('QASKIT', 0, 'latin1');
    expect(refusal(deflateSync(bad).toString('base64'))).toMatch(/start with the bytes 'QISKIT'/);
    expect(refusal('not base64!')).toMatch(/not valid base64/);
    expect(refusal(Buffer.from('hello world').toString('base64'))).toMatch(/start with the bytes 'QISKIT'/);
    expect(refusal(Buffer.from([0x78, 0x9c, 1, 2, 3, 4]).toString('base64'))).toMatch(/could not be inflated/);
    expect(() => decodeQpyCircuit(42)).toThrow(/base64 string/);
  });

  it('refuses a zlib bomb before inflating past the cap', () => {
    const bomb = deflateSync(Buffer.alloc(MAX_QPY_BYTES + 1024)).toString('base64');
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(bomb)).toMatch(/inflates to more than/);
    expect(() => decodeQpyBytes(new Uint8Array(MAX_QPY_BYTES + 1))).toThrow(/at most/);
  });

  it('refuses unsupported versions, several circuits, and opaque custom gates by name', () => {
    const old = raw();
    old[6] = 4;
    expect(refusal(old.toString('base64'))).toMatch(/QPY format version 4 .*versions 5 to 17/);
    const future = raw();
    future[6] = 18;
    expect(refusal(future.toString('base64'))).toMatch(/version 18/);
    const two = raw();
    two[17] = 2;
    expect(refusal(two.toString('base64'))).toMatch(/exactly one circuit, this one holds 2/);
    const opaque = raw();
    const flag = opaque.indexOf(Buffer.from([0x00, 0x24, 0x67])) + 11; // custom_definition of 'dcx'
    expect(opaque[flag]).toBe(1);
    opaque[flag] = 0;
    expect(refusal(opaque.toString('base64'))).toMatch(/custom gate 'dcx' has no definition/);
  });

  it('refuses an unknown instruction naming it, through the sampler as an invalid PUB', async () => {
    const renamed = raw();
    renamed.write('YGbte', renamed.indexOf(Buffer.from('YGate')), 'latin1');
    await expect(runSampler({ pubs: [[qpy(renamed.toString('base64'))]] })).rejects.toThrow(/pubs\[0\]\[0\]: instruction 'YGbte' is not supported/);
  });
});

describe('QPY parameter expressions (QPY 13+ replay)', () => {
  const theta = parameter('theta');
  const phi = parameter('phi');
  const x1 = vectorElement('x', 2, 1);
  const expression = (symbols: Symbol[], replay: ReplayEntry[]): ExpressionParam => ({ kind: 'expression', symbols, replay });
  // The replays below are laid out as Qiskit 2.x writes them (operands in postfix order, a nested
  // result taken from the stack as 'n'); `nested` is the Qiskit 1.3/1.4 form with start/end markers.
  const cases: Record<string, { expr: ExpressionParam; value: (v: Record<string, number>) => number }> = {
    '2*theta': { expr: expression([theta], [{ op: OP.MUL, lhs: int(2), rhs: theta }]), value: (v) => 2 * v.theta! },
    'theta + phi': { expr: expression([theta, phi], [{ op: OP.ADD, lhs: theta, rhs: phi }]), value: (v) => v.theta! + v.phi! },
    'sin(theta)/2': {
      expr: expression([theta], [{ op: OP.SIN, lhs: theta }, { op: OP.DIV, lhs: null, rhs: int(2) }]),
      value: (v) => Math.sin(v.theta!) / 2,
    },
    'pi/2 - theta (RSUB)': { expr: expression([theta], [{ op: OP.RSUB, lhs: theta, rhs: float(Math.PI / 2) }]), value: (v) => Math.PI / 2 - v.theta! },
    '2**x[1] / theta (RPOW, DIV)': {
      expr: expression([x1, theta], [{ op: OP.RPOW, lhs: x1, rhs: float(2) }, { op: OP.DIV, lhs: null, rhs: theta }]),
      value: (v) => 2 ** v['x[1]']! / v.theta!,
    },
    'abs(-theta) * sign(phi) + conj(x[1]) (neg written as MUL by -1)': {
      expr: expression(
        [theta, phi, x1],
        [
          { op: OP.MUL, lhs: theta, rhs: int(-1) },
          { op: OP.ABS, lhs: null },
          { op: OP.SIGN, lhs: phi },
          { op: OP.MUL, lhs: null, rhs: null },
          { op: OP.CONJ, lhs: x1 },
          { op: OP.ADD, lhs: null, rhs: null },
        ],
      ),
      value: (v) => Math.abs(-v.theta!) * Math.sign(v.phi!) + v['x[1]']!,
    },
    'exp, log, tan, arctan, sin, arcsin, cos, arccos, pow': {
      expr: expression(
        [theta],
        [{ op: OP.EXP, lhs: theta }, { op: OP.LOG, lhs: null }, { op: OP.TAN, lhs: null }, { op: OP.ATAN, lhs: null }, { op: OP.SIN, lhs: null },
          { op: OP.ASIN, lhs: null }, { op: OP.COS, lhs: null }, { op: OP.ACOS, lhs: null }, { op: OP.POW, lhs: null, rhs: float(0.5) }],
      ),
      value: (v) => Math.acos(Math.cos(Math.asin(Math.sin(Math.atan(Math.tan(Math.log(Math.exp(v.theta!)))))))) ** 0.5,
    },
    'theta - phi*2 (nested, Qiskit 1.3 markers)': {
      expr: expression(
        [theta, phi],
        [{ marker: 'start', side: 'rhs' }, { op: OP.MUL, lhs: phi, rhs: int(2) }, { marker: 'end', side: 'rhs' }, { op: OP.RSUB, lhs: null, rhs: theta }],
      ),
      value: (v) => v.theta! - 2 * v.phi!,
    },
  };
  const values = { theta: 0.37, phi: -0.81, 'x[1]': 0.55 };
  const single = (param: InstructionParam, version = 13) =>
    writeQpy({ version, numQubits: 1, instructions: [{ name: 'RYGate', qubits: [0], params: [param] }] });
  const angle = (bytes: Uint8Array): Expr => {
    const ins = decodeQpyBytes(bytes).instructions[0]!;
    if (ins.kind !== 'gate') throw new Error('expected a gate');
    return ins.params[0]!;
  };

  it.each(Object.keys(cases))('decodes %s and evaluates it with bound values', (name) => {
    const { expr, value } = cases[name]!;
    const bytes = single(expr);
    const params = new Map(Object.entries(values));
    expect(evaluate(angle(bytes), { params })).toBeCloseTo(value(values), 12);
    expect(decodeQpyBytes(bytes).parameters).toEqual([...new Set(expr.symbols.map((s) => (s.kind === 'parameter' ? s.name : `${s.vector}[${s.index}]`)))].sort());
  });

  it.each([13, 14, 15, 16, 17])('reads the same expression from QPY %s', (version) => {
    expect(evaluate(angle(single(cases['sin(theta)/2']!.expr, version)), { params: new Map([['theta', 1.2]]) })).toBeCloseTo(Math.sin(1.2) / 2, 12);
  });

  it('counts a parameter used only inside an expression, in Qiskit order', () => {
    const c = decodeQpyBytes(
      writeQpy({
        numQubits: 2,
        instructions: [
          { name: 'RYGate', qubits: [0], params: [theta] },
          { name: 'RZGate', qubits: [1], params: [expression([x1, phi], [{ op: OP.ADD, lhs: x1, rhs: phi }])] },
          { name: 'RZGate', qubits: [1], params: [expression([vectorElement('x', 12, 10), theta], [{ op: OP.SUB, lhs: vectorElement('x', 12, 10), rhs: theta }])] },
        ],
      }),
    );
    expect(c.parameters).toEqual(['phi', 'theta', 'x[1]', 'x[10]']);
  });

  // q0: ry(2*theta), q1: ry(theta + phi) (phi appears nowhere else), q2: ry(sin(theta)/2 + x[1]).
  const sampled = () =>
    writeQpy({
      version: 15,
      numQubits: 3,
      numClbits: 3,
      creg: 'meas',
      instructions: [
        { name: 'RYGate', qubits: [0], params: [cases['2*theta']!.expr] },
        { name: 'RYGate', qubits: [1], params: [cases['theta + phi']!.expr] },
        {
          name: 'RYGate',
          qubits: [2],
          params: [expression([theta, x1], [{ op: OP.SIN, lhs: theta }, { op: OP.DIV, lhs: null, rhs: int(2) }, { op: OP.ADD, lhs: null, rhs: x1 }])],
        },
        ...[0, 1, 2].map((q) => ({ name: 'Measure', qubits: [q], clbits: [q] })),
      ],
    });

  it('samples the analytic distribution when the PUB binds the expressions (chi-square, per binding)', async () => {
    // Columns follow circuit.parameters: phi, theta, x[1].
    const bindings = [
      [0.3, 0.9, -0.4],
      [1.7, 0.2, 1.1],
    ];
    const shots = 20_000;
    const r = await runSampler({ pubs: [[qpy(deflateSync(sampled()).toString('base64')), bindings, shots]], seed: 11 });
    const pub = r.pubResults[0]!;
    expect(pub.shape).toEqual([2]);
    const all = registerValues(pub.registers[0]!);
    bindings.forEach(([ph, th, x], b) => {
      const angles = [2 * th!, th! + ph!, Math.sin(th!) / 2 + x!];
      const p1 = angles.map((a) => Math.sin(a / 2) ** 2);
      const probs = Array.from({ length: 8 }, (_, v) => p1.reduce((acc, p, q) => acc * ((v >> q) & 1 ? p : 1 - p), 1));
      const { statistic, critical } = chiSquare(histogram(all.slice(b * shots, (b + 1) * shots), 8), probs);
      expect(statistic).toBeLessThan(critical);
    });
  });

  it('refuses PUB values that do not cover the parameters only expressions use', async () => {
    await expect(runSampler({ pubs: [[qpy(sampled().toString('base64')), [[0.1, 0.2]], 10]] })).rejects.toThrow(/pubs\[0\]\[1\]: .*2 entries .*\['phi', 'theta', 'x\[1\]'\]/);
  });

  it('refuses, through the sampler, a binding whose value is not real, naming the gate', async () => {
    const bytes = single(expression([theta], [{ op: OP.ASIN, lhs: theta }]));
    await expect(runSampler({ pubs: [[qpy(bytes.toString('base64')), [[2]], 10]] })).rejects.toThrow(/gate 'ry' gets the angle NaN/);
  });
});

describe('QPY parameter expressions refused with a clear message', () => {
  const theta = parameter('theta');
  const expression = (replay: ReplayEntry[], symbols: Symbol[] = [theta]): ExpressionParam => ({ kind: 'expression', symbols, replay });
  const refusal = (param: InstructionParam, version = 13, symbolicEncoding = 'p') => {
    const bytes = writeQpy({ version, symbolicEncoding, numQubits: 1, instructions: [{ name: 'RZGate', qubits: [0], params: [param] }] });
    try {
      decodeQpyBytes(bytes);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidEncodingError);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  };
  const raw = (bytes: Uint8Array): InstructionParam => ({ kind: 'raw', type: 'e', bytes });

  it('refuses a gradient, naming the instruction', () => {
    expect(refusal(expression([{ op: OP.GRAD, lhs: theta, rhs: theta }]))).toMatch(/^instruction 'RZGate' has a parameter expression built with a gradient .*op code 13.*not supported; assign the parameter values/);
  });

  // (2*theta).subs({theta: phi}) and (2*theta).subs({theta: phi + 1}) as Qiskit writes them: the
  // mapping follows the substitution entry inside the replay (keyed by name before QPY 15, by uuid
  // from 15), and the table lists phi, then theta and the new value, each with itself as value.
  const phi = parameter('phi');
  const substituted = (value: Symbol | ExpressionParam): ExpressionParam =>
    expression([{ op: OP.MUL, lhs: int(2), rhs: theta }, { substitute: [[theta, value]] }], [phi]);
  const phiPlusOne = expression([{ op: OP.ADD, lhs: phi, rhs: int(1) }], [phi]);

  it.each([13, 15])('refuses a substitution (subs) laid out as QPY %s writes it, naming the instruction and the way out', (version) => {
    for (const value of [phi, phiPlusOne]) {
      const payload = expressionBytes(substituted(value), version);
      expect(payload.readBigUInt64BE(8) % 35n).not.toBe(0n);
      expect(refusal(substituted(value), version)).toMatch(
        /^instruction 'RZGate' has a parameter expression built with a substitution \(ParameterExpression\.subs, QPY op code 15\) as a parameter, which is not supported; build the expression from the parameters it should use .*2\*phi.*, or assign the parameter values/,
      );
    }
  });

  it('refuses a substitution whose mapping runs past the replay as malformed', () => {
    const payload = expressionBytes(substituted(phi), 15);
    const short = Buffer.from(payload);
    short.writeBigUInt64BE(payload.readBigUInt64BE(8) - 1n, 8);
    expect(refusal(raw(short))).toMatch(/malformed parameter expression: replay entry 1 announces a substitution mapping of \d+ bytes, but \d+ follow it/);
  });

  it('refuses a complex constant and an expression without operations', () => {
    expect(refusal(expression([{ op: OP.MUL, lhs: theta, rhs: { kind: 'complex', re: 0, im: 1 } }]))).toMatch(/complex number 0\+1j.*angles must be real/);
    expect(refusal(expression([]))).toMatch(/no operations \(.*simplified to a constant or a single parameter, such as 0\*x or theta\*1\).*not supported; use the constant or the parameter itself as the angle/);
    // A complex constant with no imaginary part is a real number.
    const c = decodeQpyBytes(writeQpy({ numQubits: 1, instructions: [{ name: 'RZGate', qubits: [0], params: [expression([{ op: OP.MUL, lhs: theta, rhs: { kind: 'complex', re: 3, im: 0 } }])] }] }));
    expect(c.instructions[0]).toMatchObject({ params: [{ kind: 'binary', op: '*', right: { kind: 'const', value: 3 } }] });
  });

  it('refuses bad bytes: unknown op code, unknown uuid, operand types, stack underflow, torn entries, truncation', () => {
    expect(refusal(expression([{ op: 42, lhs: theta }]))).toMatch(/^instruction 'RZGate' has a malformed parameter expression: replay entry 0 has the unknown op code 42/);
    expect(refusal(expression([{ op: OP.SIN, lhs: parameter('ghost') }]))).toMatch(/missing from the symbol table/);
    expect(refusal(expression([{ op: OP.ADD, lhs: theta, rhs: null }]))).toMatch(/replay entry 0 \(op code 0\) has fewer operands/);
    const payload = expressionBytes(expression([{ op: OP.SIN, lhs: theta }]));
    const badType = Buffer.from(payload);
    badType.write('z', 16 + 1, 'latin1');
    expect(refusal(raw(badType))).toMatch(/operand of unknown type 'z'/);
    const torn = Buffer.from(payload);
    torn.writeBigUInt64BE(34n, 8);
    expect(refusal(raw(torn))).toMatch(/its replay ends in a cut-off entry \(34 of 35 bytes\)/);
    const badSymbol = Buffer.from(payload);
    badSymbol.write('q', 16 + 35, 'latin1');
    expect(refusal(raw(badSymbol))).toMatch(/symbol 0 has type 'q'/);
    for (let n = 0; n < payload.length; n++) expect(refusal(raw(payload.subarray(0, n)))).toMatch(/truncated/);
    const huge = expression(Array.from({ length: 4097 }, () => ({ op: OP.SIN, lhs: null })));
    expect(refusal(huge)).toMatch(/more than 4096 operations; at most 4096/);
    const most = expression(Array.from({ length: 4096 }, (_, i) => ({ op: OP.SIN, lhs: i === 0 ? theta : null })));
    expect(decodeQpyBytes(writeQpy({ numQubits: 1, instructions: [{ name: 'RZGate', qubits: [0], params: [most] }] })).parameters).toEqual(['theta']);
  });

  it('refuses the sympy and symengine forms of QPY 12 and older, saying how to send instead', () => {
    const blob = raw(Buffer.from('Mul(Integer(2), Symbol(\'theta\'))'));
    expect(refusal(blob, 12, 'e')).toMatch(/parameter expression, which QPY 12 stores as a symengine binary.*qiskit\.qpy\.dump\(\.\.\., version=13\)/);
    expect(refusal(blob, 12, 'p')).toMatch(/QPY 12 stores as a sympy string/);
  });
});
