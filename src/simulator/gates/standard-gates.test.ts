/**
 * Every native gate, run through the whole pipeline (parser, planner, fusion, kernels) on random
 * states, against full 2^n × 2^n matrices built naively from textbook definitions written here,
 * independently of the gate table.
 */
import { describe, expect, it } from 'vitest';
import { parseQasm } from '../qasm/index.js';
import { planCircuit } from '../circuit/plan.js';
import { applyKernel } from '../engine/kernels.js';
import { groupCount } from '../engine/kernel-op.js';
import { createRng } from '../random/rng.js';
import { maxDistance, multiply, unitaryPower, adjoint, identity } from './complex-matrix.js';
import { STANDARD_GATES } from './standard-gates.js';

type C = [number, number];
type M = C[][];
const c = (re: number, im = 0): C => [re, im];
const e = (a: number): C => [Math.cos(a), Math.sin(a)];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];

function matmul(a: M, b: M): M {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((acc, x, k) => add(acc, mul(x, b[k]![j]!)), c(0))));
}
/** a ⊗ b with a on the higher (later) qubit. */
function kron(a: M, b: M): M {
  const n = b.length;
  return Array.from({ length: a.length * n }, (_, r) =>
    Array.from({ length: a.length * n }, (_, col) => mul(a[Math.floor(r / n)]![Math.floor(col / n)]!, b[r % n]![col % n]!)),
  );
}
const lin = (a: M, sa: C, b: M, sb: C): M => a.map((row, i) => row.map((x, j) => add(mul(sa, x), mul(sb, b[i]![j]!))));
const eye = (n: number): M => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => c(i === j ? 1 : 0)));

const I2 = eye(2);
const X: M = [[c(0), c(1)], [c(1), c(0)]];
const Y: M = [[c(0), c(0, -1)], [c(0, 1), c(0)]];
const Z: M = [[c(1), c(0)], [c(0), c(-1)]];
const H: M = [[c(Math.SQRT1_2), c(Math.SQRT1_2)], [c(Math.SQRT1_2), c(-Math.SQRT1_2)]];
const P = (l: number): M => [[c(1), c(0)], [c(0), e(l)]];
/** exp(-i θ/2 G) for an involutory G (G² = I). */
const rot = (g: M, t: number): M => lin(eye(g.length), c(Math.cos(t / 2)), g, c(0, -Math.sin(t / 2)));
/** exp(i a G) for a Hermitian G with G³ = G (eigenvalues 0, ±1): I + i sin(a) G + (cos(a) - 1) G². */
const expi3 = (g: M, a: number): M => lin(lin(eye(g.length), c(1), g, c(0, Math.sin(a))), c(1), matmul(g, g), c(Math.cos(a) - 1));
const U = (t: number, p: number, l: number): M => matmul(matmul(rot(Z, p), rot(Y, t)), rot(Z, l)).map((row) => row.map((x) => mul(e((p + l) / 2), x)));
/** Control on the first qubit (low bit), target part on the following ones. */
function ctrl(target: M, controls = 1): M {
  const n = target.length << controls;
  const fire = (1 << controls) - 1;
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, col) => {
      if ((r & fire) !== (col & fire)) return c(0);
      if ((r & fire) === fire) return target[r >> controls]![col >> controls]!;
      return c(r === col ? 1 : 0);
    }),
  );
}
const SX: M = lin(I2, c(0.5, 0.5), X, c(0.5, -0.5));
const SWAP: M = [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]].map((r) => r.map((x) => c(x)));
const CX01 = ctrl(X); // control qubit 0, target qubit 1
const CX10 = matmul(matmul(SWAP, CX01), SWAP);

/** Textbook definitions, in Qiskit's conventions (qubit order: argument 0 is the low bit). */
const REFERENCE: Record<string, (p: number[]) => M> = {
  id: () => I2, x: () => X, y: () => Y, z: () => Z, h: () => H,
  s: () => P(Math.PI / 2), sdg: () => P(-Math.PI / 2), t: () => P(Math.PI / 4), tdg: () => P(-Math.PI / 4),
  sx: () => SX, sxdg: () => lin(I2, c(0.5, -0.5), X, c(0.5, 0.5)),
  p: ([l]) => P(l!), phase: ([l]) => P(l!), u1: ([l]) => P(l!), u0: () => I2,
  rx: ([t]) => rot(X, t!), ry: ([t]) => rot(Y, t!), rz: ([t]) => rot(Z, t!),
  r: ([t, p]) => rot(lin(X, c(Math.cos(p!)), Y, c(Math.sin(p!))), t!),
  U: ([t, p, l]) => U(t!, p!, l!), u: ([t, p, l]) => U(t!, p!, l!), u3: ([t, p, l]) => U(t!, p!, l!),
  u2: ([p, l]) => U(Math.PI / 2, p!, l!),
  swap: () => SWAP,
  iswap: () => expi3(lin(kron(X, X), c(0.5), kron(Y, Y), c(0.5)), Math.PI / 2),
  dcx: () => matmul(CX10, CX01),
  ecr: () => matmul(matmul(rot(kron(X, Z), -Math.PI / 4), kron(I2, X)), rot(kron(X, Z), Math.PI / 4)),
  rxx: ([t]) => rot(kron(X, X), t!), ryy: ([t]) => rot(kron(Y, Y), t!), rzz: ([t]) => rot(kron(Z, Z), t!),
  rzx: ([t]) => rot(kron(X, Z), t!),
  // Qiskit: RZ_0(-β) · exp(-iθ/2 · (XX+YY)/2) · RZ_0(β)
  xx_plus_yy: ([t, b]) =>
    matmul(matmul(kron(I2, rot(Z, -b!)), expi3(lin(kron(X, X), c(0.5), kron(Y, Y), c(0.5)), -t! / 2)), kron(I2, rot(Z, b!))),
  // Qiskit: RZ_1(β) · exp(-iθ/2 · (XX-YY)/2) · RZ_1(-β)
  xx_minus_yy: ([t, b]) =>
    matmul(matmul(kron(rot(Z, b!), I2), expi3(lin(kron(X, X), c(0.5), kron(Y, Y), c(-0.5)), -t! / 2)), kron(rot(Z, -b!), I2)),
  CX: () => CX01, cx: () => CX01, cy: () => ctrl(Y), cz: () => ctrl(Z), ch: () => ctrl(H),
  cs: () => ctrl(P(Math.PI / 2)), csdg: () => ctrl(P(-Math.PI / 2)), csx: () => ctrl(SX),
  cp: ([l]) => ctrl(P(l!)), cphase: ([l]) => ctrl(P(l!)), cu1: ([l]) => ctrl(P(l!)),
  crx: ([t]) => ctrl(rot(X, t!)), cry: ([t]) => ctrl(rot(Y, t!)), crz: ([t]) => ctrl(rot(Z, t!)),
  cu3: ([t, p, l]) => ctrl(U(t!, p!, l!)),
  cu: ([t, p, l, g]) => ctrl(U(t!, p!, l!).map((row) => row.map((x) => mul(e(g!), x)))),
  cswap: () => ctrl(SWAP), ccx: () => ctrl(X, 2), ccz: () => ctrl(Z, 2),
  c3x: () => ctrl(X, 3), c3sqrtx: () => ctrl(SX, 3), c4x: () => ctrl(X, 4),
};

const NUM_QUBITS = 5;

/** The full-register matrix of `local` acting on `qubits` (argument j = local bit j). */
function fullMatrix(local: M, qubits: readonly number[]): M {
  const dim = 1 << NUM_QUBITS;
  let mask = 0;
  for (const q of qubits) mask |= 1 << q;
  const sub = (i: number): number => qubits.reduce((acc, q, j) => acc | (((i >> q) & 1) << j), 0);
  return Array.from({ length: dim }, (_, r) =>
    Array.from({ length: dim }, (_, col) => ((r & ~mask) === (col & ~mask) ? local[sub(r)]![sub(col)]! : c(0))),
  );
}

function randomState(seed: number): Float64Array {
  const rng = createRng(seed);
  const s = new Float64Array(2 << NUM_QUBITS);
  let norm = 0;
  for (let i = 0; i < s.length; i++) {
    s[i] = rng.nextFloat() - 0.5;
    norm += s[i]! ** 2;
  }
  return s.map((x) => x / Math.sqrt(norm));
}

function applyFull(m: M, s: Float64Array): Float64Array {
  const out = new Float64Array(s.length);
  m.forEach((row, r) =>
    row.forEach(([re, im], col) => {
      out[2 * r] = out[2 * r]! + re * s[2 * col]! - im * s[2 * col + 1]!;
      out[2 * r + 1] = out[2 * r + 1]! + re * s[2 * col + 1]! + im * s[2 * col]!;
    }),
  );
  return out;
}

/** Runs an OpenQASM program's gates on `state` through the planner and kernels. */
function runOnState(source: string, state: Float64Array, fusion: number): Float64Array {
  const circuit = parseQasm(source);
  // Touch every qubit so none is compacted away and indices keep their meaning.
  const plan = planCircuit(circuit, new Map(), { maxQubits: fusion });
  expect(plan.numQubits).toBe(NUM_QUBITS);
  const s = state.slice();
  for (const step of plan.steps) {
    if (step.op !== 'apply') throw new Error('unexpected non-unitary step');
    for (const op of step.ops) applyKernel(s, op, 0, groupCount(op, NUM_QUBITS));
  }
  // Phases factored out of diagonal gates are kept beside the state.
  const [re, im] = [Math.cos(plan.globalPhase), Math.sin(plan.globalPhase)];
  for (let i = 0; i < s.length; i += 2) [s[i], s[i + 1]] = [re * s[i]! - im * s[i + 1]!, re * s[i + 1]! + im * s[i]!];
  return s;
}

const distance = (a: Float64Array, b: Float64Array): number => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

/** Qubit placements that exercise low, high, reversed and non-adjacent positions. */
const PLACEMENTS = [[4, 1, 0, 2, 3], [0, 3, 4, 1, 2], [2, 4, 1, 3, 0]];

describe('native gates against textbook matrices', () => {
  const names = [...STANDARD_GATES.keys()];

  it('has a reference for every native gate', () => {
    expect(names.filter((n) => !(n in REFERENCE))).toEqual([]);
  });

  for (const name of names) {
    it(`${name} acts on random states as its full matrix does`, () => {
      const g = STANDARD_GATES.get(name)!;
      const arity = g.numControls + g.numTargets;
      const params = [0.7, -1.3, 2.1, 0.4].slice(0, g.numParams);
      PLACEMENTS.forEach((placement, k) => {
        const qubits = placement.slice(0, arity);
        const idle = placement.slice(arity);
        const call = `${name}${params.length ? `(${params.join(', ')})` : ''} ${qubits.map((q) => `q[${q}]`).join(', ')};`;
        const touch = idle.map((q) => `id q[${q}];`).join(' ');
        const source = `OPENQASM 3.0; include "stdgates.inc"; qubit[${NUM_QUBITS}] q; ${touch} ${call}`;
        const full = fullMatrix(REFERENCE[name]!(params), qubits);
        const input = randomState(100 * k + arity);
        const expected = applyFull(full, input);
        for (const fusion of [0, 2]) expect(distance(runOnState(source, input, fusion), expected)).toBeLessThan(1e-12);
      });
    });
  }
});

describe('gate identities', () => {
  const m = (name: string, params: number[] = []): Float64Array => STANDARD_GATES.get(name)!.target(params);
  const ctrlled = (name: string): Float64Array => {
    const g = STANDARD_GATES.get(name)!;
    const t = g.target([]);
    // embed as controlled on the low bit
    const dim = 2 * Math.round(Math.sqrt(t.length / 2));
    const out = identity(dim);
    const half = dim / 2;
    for (let r = 0; r < half; r++) {
      for (let col = 0; col < half; col++) {
        out[2 * ((2 * r + 1) * dim + (2 * col + 1))] = t[2 * (r * half + col)]!;
        out[2 * ((2 * r + 1) * dim + (2 * col + 1)) + 1] = t[2 * (r * half + col) + 1]!;
      }
    }
    return out;
  };

  it('HH = I, S² = Z, T² = S, SX² = X, S·Sdg = I', () => {
    expect(maxDistance(multiply(m('h'), m('h')), identity(2))).toBeLessThan(1e-15);
    expect(maxDistance(multiply(m('s'), m('s')), m('z'))).toBeLessThan(1e-15);
    expect(maxDistance(multiply(m('t'), m('t')), m('s'))).toBeLessThan(1e-15);
    expect(maxDistance(multiply(m('sx'), m('sx')), m('x'))).toBeLessThan(1e-15);
    expect(maxDistance(multiply(m('s'), m('sdg')), identity(2))).toBeLessThan(1e-15);
  });

  it('HZH = X and HXH = Z', () => {
    expect(maxDistance(multiply(m('h'), multiply(m('z'), m('h'))), m('x'))).toBeLessThan(1e-15);
    expect(maxDistance(multiply(m('h'), multiply(m('x'), m('h'))), m('z'))).toBeLessThan(1e-15);
  });

  it('principal powers: X^½ = SX, Z^½ = S, S^-1 = Sdg, rx(θ)^k = rx(kθ)', () => {
    expect(maxDistance(unitaryPower(m('x'), 0.5), m('sx'))).toBeLessThan(1e-12);
    expect(maxDistance(unitaryPower(m('z'), 0.5), m('s'))).toBeLessThan(1e-12);
    expect(maxDistance(unitaryPower(m('s'), -1), m('sdg'))).toBeLessThan(1e-15);
    expect(maxDistance(unitaryPower(m('rx', [0.8]), 2.5), m('rx', [2])).valueOf()).toBeLessThan(1e-12);
    expect(maxDistance(unitaryPower(m('swap'), 0.5), unitaryPower(unitaryPower(m('swap'), 0.25), 2))).toBeLessThan(1e-12);
  });

  it('adjoint of a unitary is its inverse', () => {
    for (const name of ['u3', 'ecr', 'iswap', 'xx_plus_yy']) {
      const g = m(name, [0.3, 0.9, -0.4]);
      expect(maxDistance(multiply(adjoint(g), g), identity(Math.round(Math.sqrt(g.length / 2))))).toBeLessThan(1e-14);
    }
  });

  it('controlled forms: the cx target matrix is X', () => {
    expect(STANDARD_GATES.get('cx')).toMatchObject({ numControls: 1, numTargets: 1 });
    expect(maxDistance(ctrlled('cx'), ctrlled('CX'))).toBe(0);
  });
});
