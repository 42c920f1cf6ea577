/**
 * The gates the simulator knows natively: their unitaries as closed forms, with Qiskit's
 * conventions (little-endian qubit order, `U(θ,φ,λ)` as in `qiskit.circuit.library.UGate`).
 *
 * A controlled gate is stored as `numControls` leading control qubits plus the matrix of its target
 * part, so the engine can run `cx` as a controlled permutation rather than a dense 4×4.
 */
import { fromRows, identity, multiply, embed, type ComplexMatrix } from './complex-matrix.js';

/** A natively simulated gate. Qubit order: `numControls` controls first, then the targets. */
export interface StandardGate {
  readonly name: string;
  readonly numParams: number;
  readonly numControls: number;
  readonly numTargets: number;
  /** The unitary of the target part for the given parameter values. */
  target(params: readonly number[]): ComplexMatrix;
}

const { cos, sin, SQRT1_2 } = Math;
const I = (re: number, im: number): readonly [number, number] => [re, im];
const expi = (a: number): readonly [number, number] => [cos(a), sin(a)];

/** `U(θ, φ, λ)`, the OpenQASM 3 / Qiskit convention. */
export function uMatrix(theta: number, phi: number, lambda: number): ComplexMatrix {
  const c = cos(theta / 2);
  const s = sin(theta / 2);
  return fromRows([
    [I(c, 0), I(-cos(lambda) * s, -sin(lambda) * s)],
    [I(cos(phi) * s, sin(phi) * s), I(cos(phi + lambda) * c, sin(phi + lambda) * c)],
  ]);
}

const X = fromRows([[0, 1], [1, 0]]);
const Y = fromRows([[0, I(0, -1)], [I(0, 1), 0]]);
const Z = fromRows([[1, 0], [0, -1]]);
const H = fromRows([[SQRT1_2, SQRT1_2], [SQRT1_2, -SQRT1_2]]);
const S = fromRows([[1, 0], [0, I(0, 1)]]);
const SDG = fromRows([[1, 0], [0, I(0, -1)]]);
const T = fromRows([[1, 0], [0, expi(Math.PI / 4)]]);
const TDG = fromRows([[1, 0], [0, expi(-Math.PI / 4)]]);
const SX = fromRows([[I(0.5, 0.5), I(0.5, -0.5)], [I(0.5, -0.5), I(0.5, 0.5)]]);
const SXDG = fromRows([[I(0.5, -0.5), I(0.5, 0.5)], [I(0.5, 0.5), I(0.5, -0.5)]]);
const ID = identity(2);
const SWAP = fromRows([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]]);
const ISWAP = fromRows([[1, 0, 0, 0], [0, 0, I(0, 1), 0], [0, I(0, 1), 0, 0], [0, 0, 0, 1]]);
// DCX = CX(q0→q1) then CX(q1→q0).
const DCX = fromRows([[1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1, 0]]);
const ECR = fromRows([
  [0, SQRT1_2, 0, I(0, SQRT1_2)],
  [SQRT1_2, 0, I(0, -SQRT1_2), 0],
  [0, I(0, SQRT1_2), 0, SQRT1_2],
  [I(0, -SQRT1_2), 0, SQRT1_2, 0],
]);

const phase = (lambda: number): ComplexMatrix => fromRows([[1, 0], [0, expi(lambda)]]);
const rx = (t: number): ComplexMatrix => fromRows([[cos(t / 2), I(0, -sin(t / 2))], [I(0, -sin(t / 2)), cos(t / 2)]]);
const ry = (t: number): ComplexMatrix => fromRows([[cos(t / 2), -sin(t / 2)], [sin(t / 2), cos(t / 2)]]);
const rz = (t: number): ComplexMatrix => fromRows([[expi(-t / 2), 0], [0, expi(t / 2)]]);
const r = (t: number, p: number): ComplexMatrix =>
  fromRows([
    [cos(t / 2), I(-sin(p) * sin(t / 2), -cos(p) * sin(t / 2))],
    [I(sin(p) * sin(t / 2), -cos(p) * sin(t / 2)), cos(t / 2)],
  ]);

/** `exp(-i θ/2 P⊗Q)` for a two-qubit Pauli product given by its 4×4 matrix `pq`. */
function pauliRotation(pq: ComplexMatrix, theta: number): ComplexMatrix {
  const c = cos(theta / 2);
  const s = sin(theta / 2);
  const out = new Float64Array(32);
  for (let i = 0; i < 32; i += 2) {
    // c·I − i s·PQ
    out[i] = s * pq[i + 1]!;
    out[i + 1] = -s * pq[i]!;
  }
  for (let d = 0; d < 4; d++) out[2 * (d * 4 + d)] = out[2 * (d * 4 + d)]! + c;
  return out;
}

/** `a ⊗ b` with `a` on the higher qubit (qubit 1) and `b` on qubit 0. */
function kron2(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  return multiply(embed(a, [1], [0, 1]), embed(b, [0], [0, 1]));
}

const XX = kron2(X, X);
const YY = kron2(Y, Y);
const ZZ = kron2(Z, Z);
// Qiskit's RZX(θ) q0, q1 is exp(-iθ/2 · X_q1 Z_q0).
const XZ = kron2(X, Z);

function xxPlusYY(theta: number, beta: number): ComplexMatrix {
  const c = cos(theta / 2);
  const s = sin(theta / 2);
  return fromRows([
    [1, 0, 0, 0],
    [0, c, I(-s * sin(beta), -s * cos(beta)), 0],
    [0, I(s * sin(beta), -s * cos(beta)), c, 0],
    [0, 0, 0, 1],
  ]);
}

function xxMinusYY(theta: number, beta: number): ComplexMatrix {
  const c = cos(theta / 2);
  const s = sin(theta / 2);
  return fromRows([
    [c, 0, 0, I(-s * sin(beta), -s * cos(beta))],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [I(s * sin(beta), -s * cos(beta)), 0, 0, c],
  ]);
}

const constant = (m: ComplexMatrix) => (): ComplexMatrix => m;

function gate(
  name: string,
  numParams: number,
  numControls: number,
  numTargets: number,
  target: (p: readonly number[]) => ComplexMatrix,
): StandardGate {
  return { name, numParams, numControls, numTargets, target };
}

const p0 = (p: readonly number[]): number => p[0]!;
const p1 = (p: readonly number[]): number => p[1]!;
const p2 = (p: readonly number[]): number => p[2]!;
const p3 = (p: readonly number[]): number => p[3]!;

/** Every natively simulated gate, by name. Which names a program may use depends on its includes. */
export const STANDARD_GATES: ReadonlyMap<string, StandardGate> = new Map(
  [
    gate('U', 3, 0, 1, (p) => uMatrix(p0(p), p1(p), p2(p))),
    gate('u', 3, 0, 1, (p) => uMatrix(p0(p), p1(p), p2(p))),
    gate('u3', 3, 0, 1, (p) => uMatrix(p0(p), p1(p), p2(p))),
    gate('u2', 2, 0, 1, (p) => uMatrix(Math.PI / 2, p0(p), p1(p))),
    gate('u1', 1, 0, 1, (p) => phase(p0(p))),
    gate('u0', 1, 0, 1, constant(ID)),
    gate('p', 1, 0, 1, (p) => phase(p0(p))),
    gate('phase', 1, 0, 1, (p) => phase(p0(p))),
    gate('id', 0, 0, 1, constant(ID)),
    gate('x', 0, 0, 1, constant(X)),
    gate('y', 0, 0, 1, constant(Y)),
    gate('z', 0, 0, 1, constant(Z)),
    gate('h', 0, 0, 1, constant(H)),
    gate('s', 0, 0, 1, constant(S)),
    gate('sdg', 0, 0, 1, constant(SDG)),
    gate('t', 0, 0, 1, constant(T)),
    gate('tdg', 0, 0, 1, constant(TDG)),
    gate('sx', 0, 0, 1, constant(SX)),
    gate('sxdg', 0, 0, 1, constant(SXDG)),
    gate('rx', 1, 0, 1, (p) => rx(p0(p))),
    gate('ry', 1, 0, 1, (p) => ry(p0(p))),
    gate('rz', 1, 0, 1, (p) => rz(p0(p))),
    gate('r', 2, 0, 1, (p) => r(p0(p), p1(p))),
    gate('swap', 0, 0, 2, constant(SWAP)),
    gate('iswap', 0, 0, 2, constant(ISWAP)),
    gate('dcx', 0, 0, 2, constant(DCX)),
    gate('ecr', 0, 0, 2, constant(ECR)),
    gate('rxx', 1, 0, 2, (p) => pauliRotation(XX, p0(p))),
    gate('ryy', 1, 0, 2, (p) => pauliRotation(YY, p0(p))),
    gate('rzz', 1, 0, 2, (p) => pauliRotation(ZZ, p0(p))),
    gate('rzx', 1, 0, 2, (p) => pauliRotation(XZ, p0(p))),
    gate('xx_plus_yy', 2, 0, 2, (p) => xxPlusYY(p0(p), p1(p))),
    gate('xx_minus_yy', 2, 0, 2, (p) => xxMinusYY(p0(p), p1(p))),
    gate('CX', 0, 1, 1, constant(X)),
    gate('cx', 0, 1, 1, constant(X)),
    gate('cy', 0, 1, 1, constant(Y)),
    gate('cz', 0, 1, 1, constant(Z)),
    gate('ch', 0, 1, 1, constant(H)),
    gate('cs', 0, 1, 1, constant(S)),
    gate('csdg', 0, 1, 1, constant(SDG)),
    gate('csx', 0, 1, 1, constant(SX)),
    gate('cp', 1, 1, 1, (p) => phase(p0(p))),
    gate('cphase', 1, 1, 1, (p) => phase(p0(p))),
    gate('cu1', 1, 1, 1, (p) => phase(p0(p))),
    gate('crx', 1, 1, 1, (p) => rx(p0(p))),
    gate('cry', 1, 1, 1, (p) => ry(p0(p))),
    gate('crz', 1, 1, 1, (p) => rz(p0(p))),
    gate('cu3', 3, 1, 1, (p) => uMatrix(p0(p), p1(p), p2(p))),
    // cu(θ,φ,λ,γ): the controlled version of e^{iγ}·U(θ,φ,λ), so γ is a phase on the control.
    gate('cu', 4, 1, 1, (p) => {
      const m = uMatrix(p0(p), p1(p), p2(p));
      const c = cos(p3(p));
      const s = sin(p3(p));
      const out = new Float64Array(8);
      for (let i = 0; i < 8; i += 2) {
        out[i] = m[i]! * c - m[i + 1]! * s;
        out[i + 1] = m[i]! * s + m[i + 1]! * c;
      }
      return out;
    }),
    gate('cswap', 0, 1, 2, constant(SWAP)),
    gate('ccx', 0, 2, 1, constant(X)),
    gate('ccz', 0, 2, 1, constant(Z)),
    gate('c3x', 0, 3, 1, constant(X)),
    gate('c3sqrtx', 0, 3, 1, constant(SX)),
    gate('c4x', 0, 4, 1, constant(X)),
  ].map((g) => [g.name, g]),
);

/** Names `include "stdgates.inc"` brings into an OpenQASM 3 program. */
export const STDGATES_INC: readonly string[] = [
  'p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'rx', 'ry', 'rz', 'cx', 'cy', 'cz', 'cp',
  'crx', 'cry', 'crz', 'ch', 'swap', 'ccx', 'cswap', 'cu', 'CX', 'phase', 'cphase', 'id', 'u1',
  'u2', 'u3',
];

/** Names `include "qelib1.inc"` brings into an OpenQASM 2 program (Qiskit's version of the file). */
export const QELIB1_INC: readonly string[] = [
  'u3', 'u2', 'u1', 'cx', 'id', 'u0', 'u', 'p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'rx',
  'ry', 'rz', 'sx', 'sxdg', 'cz', 'cy', 'swap', 'ch', 'ccx', 'cswap', 'crx', 'cry', 'crz', 'cu1',
  'cp', 'cu3', 'csx', 'cu', 'rxx', 'rzz', 'rccx', 'rc3x', 'c3x', 'c3sqrtx', 'c4x',
];

/**
 * The qelib1.inc gates of the OpenQASM 2.0 specification. Qiskit's file adds more (sx, cu, p,
 * rzz...); programs written for the original file may define those themselves, so only these
 * names are protected from redefinition.
 */
export const QELIB1_SPEC: readonly string[] = [
  'u3', 'u2', 'u1', 'cx', 'id', 'u0', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'rx', 'ry', 'rz',
  'cz', 'cy', 'ch', 'ccx', 'crz', 'cu1', 'cu3',
];

/**
 * Gates Qiskit's exporters write out as `gate` definitions because no include file has them. They
 * are available after either include, and a program's own definition of the same name takes over.
 */
export const QISKIT_EXTRA_GATES: readonly string[] = [
  'u', 'u0', 'sxdg', 'r', 'rxx', 'ryy', 'rzz', 'rzx', 'ecr', 'iswap', 'dcx', 'cs', 'csdg', 'csx',
  'ccz', 'cu1', 'cu3', 'c3x', 'c3sqrtx', 'c4x', 'rccx', 'rc3x', 'xx_plus_yy', 'xx_minus_yy',
];

/**
 * Gates defined in OpenQASM rather than natively: the relative-phase Toffolis, exactly as
 * Qiskit's qelib1.inc defines them (their phases are part of their meaning).
 */
export const DEFINED_GATES_SOURCE = `
gate rccx a, b, c {
  u2(0, pi) c; u1(pi/4) c; cx b, c; u1(-pi/4) c; cx a, c; u1(pi/4) c; cx b, c; u1(-pi/4) c;
  u2(0, pi) c;
}
gate rc3x a, b, c, d {
  u2(0, pi) d; u1(pi/4) d; cx c, d; u1(-pi/4) d; u2(0, pi) d; cx a, d; u1(pi/4) d; cx b, d;
  u1(-pi/4) d; cx a, d; u1(pi/4) d; cx b, d; u1(-pi/4) d; u2(0, pi) d; u1(pi/4) d; cx c, d;
  u1(-pi/4) d; u2(0, pi) d;
}
`;
