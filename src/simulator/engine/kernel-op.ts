/**
 * Kernel operations: what one pass over the state vector does. A gate is classified once by the
 * structure of its matrix, so `cz` or `rz` multiply phases on part of the state, `x`, `cx` or `swap`
 * move amplitudes, and only genuinely dense gates pay for a matrix product. Ops are plain data
 * (typed arrays and numbers) so they can be posted to worker threads.
 */
import { identity, matrixDim, maxDistance, permutationOf, type ComplexMatrix } from '../gates/complex-matrix.js';

interface Targeted {
  /** Target qubits; bit j of a matrix index is the state of `targets[j]`. */
  readonly targets: readonly number[];
  /** Bits that must equal `controlValue` for the op to act. */
  readonly controlMask: number;
  readonly controlValue: number;
}

/** `targets` get `matrix` (2^k × 2^k) on the subspace where the controls fire. */
export interface DenseOp extends Targeted {
  readonly kind: 'dense';
  readonly matrix: Float64Array;
}

/** Each basis state `j` of the targets is multiplied by `diagonal[j]` (interleaved re/im). */
export interface DiagonalOp extends Targeted {
  readonly kind: 'diagonal';
  readonly diagonal: Float64Array;
}

/** Basis state `c` of the targets becomes `phases[c]·|perm[c]>`: amplitudes move, nothing mixes. */
export interface PermutationOp extends Targeted {
  readonly kind: 'permutation';
  readonly perm: Int32Array;
  readonly phases: Float64Array;
}

/** Amplitudes whose index satisfies `(i & mask) === value` are multiplied by `re + i·im`. */
export interface PhaseOp {
  readonly kind: 'phase';
  readonly mask: number;
  readonly value: number;
  readonly re: number;
  readonly im: number;
}

export type KernelOp = DenseOp | DiagonalOp | PermutationOp | PhaseOp;

/** A unitary on `controls` + `targets` after parameters are bound: what fusion and lowering take. */
export interface BoundGate {
  readonly targets: readonly number[];
  readonly controls: readonly number[];
  readonly controlStates: readonly number[];
  /** The target part's matrix; for a controlled phase (`ctrl @ gphase`), 1×1. */
  readonly matrix: ComplexMatrix;
  /** What the program called it, for error messages. */
  readonly label?: string;
}

/** Entries closer than this to their ideal value are treated as exact when classifying a gate. */
const EXACT = 1e-14;

const isOne = (re: number, im: number): boolean => Math.abs(re - 1) < EXACT && Math.abs(im) < EXACT;

/** Number of index groups an op iterates over; the unit of work split across threads. */
export function groupCount(op: KernelOp, numQubits: number): number {
  const fixed = op.kind === 'phase' ? popcount(op.mask) : op.targets.length + popcount(op.controlMask);
  return 2 ** (numQubits - fixed);
}

export function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

/** Collects global phases factored out of gates; they never need a pass over the state. */
export interface PhaseSink {
  angle: number;
}

/**
 * The cheapest kernel op(s) for a bound gate; none for the identity. With a `sink`, an
 * uncontrolled diagonal gate has its first entry factored out as a global phase, which turns
 * `rz` into a phase on half of the state.
 */
export function lowerGate(gate: BoundGate, sink?: PhaseSink): KernelOp[] {
  let controlMask = 0;
  let controlValue = 0;
  gate.controls.forEach((c, j) => {
    controlMask |= 1 << c;
    if ((gate.controlStates[j] ?? 1) === 1) controlValue |= 1 << c;
  });
  const m = gate.matrix;
  const dim = matrixDim(m);
  const k = gate.targets.length;
  if (maxDistance(m, identity(dim)) < EXACT) return [];

  if (isDiagonalApprox(m, dim)) {
    const d = new Float64Array(2 * dim);
    for (let j = 0; j < dim; j++) {
      d[2 * j] = m[2 * (j * dim + j)]!;
      d[2 * j + 1] = m[2 * (j * dim + j) + 1]!;
    }
    if (sink && controlMask === 0 && !isOne(d[0]!, d[1]!)) {
      // d / d0 (|d0| = 1, so dividing is multiplying by its conjugate)
      const cr = d[0]!;
      const ci = -d[1]!;
      sink.angle += Math.atan2(d[1]!, d[0]!);
      for (let j = 0; j < dim; j++) {
        const re = d[2 * j]!;
        const im = d[2 * j + 1]!;
        d[2 * j] = re * cr - im * ci;
        d[2 * j + 1] = re * ci + im * cr;
      }
    }
    // Only one entry differs from 1: a phase on one basis state of the targets.
    const notOne: number[] = [];
    for (let j = 0; j < dim; j++) if (!isOne(d[2 * j]!, d[2 * j + 1]!)) notOne.push(j);
    if (notOne.length === 1) {
      const j = notOne[0]!;
      let mask = controlMask;
      let value = controlValue;
      gate.targets.forEach((t, b) => {
        mask |= 1 << t;
        if ((j >> b) & 1) value |= 1 << t;
      });
      return [{ kind: 'phase', mask, value, re: d[2 * j]!, im: d[2 * j + 1]! }];
    }
    // All entries equal: a phase on the control subspace (a global phase without controls).
    let uniform = true;
    for (let j = 1; j < dim; j++) {
      if (Math.abs(d[2 * j]! - d[0]!) > EXACT || Math.abs(d[2 * j + 1]! - d[1]!) > EXACT) uniform = false;
    }
    if (uniform) return [{ kind: 'phase', mask: controlMask, value: controlValue, re: d[0]!, im: d[1]! }];
    return [{ kind: 'diagonal', targets: gate.targets, controlMask, controlValue, diagonal: d }];
  }

  const perm = k > 0 ? permutationOf(cleaned(m)) : undefined;
  if (perm) {
    const phases = new Float64Array(2 * dim);
    for (let c = 0; c < dim; c++) {
      phases[2 * c] = m[2 * (perm[c]! * dim + c)]!;
      phases[2 * c + 1] = m[2 * (perm[c]! * dim + c) + 1]!;
    }
    return [{ kind: 'permutation', targets: gate.targets, controlMask, controlValue, perm, phases }];
  }
  return [{ kind: 'dense', targets: gate.targets, controlMask, controlValue, matrix: m }];
}

function isDiagonalApprox(m: ComplexMatrix, dim: number): boolean {
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      if (r !== c && (Math.abs(m[2 * (r * dim + c)]!) > EXACT || Math.abs(m[2 * (r * dim + c) + 1]!) > EXACT)) return false;
    }
  }
  return true;
}

/** A copy with negligible entries set to exactly zero (products of gates leave 1e-17 residues). */
function cleaned(m: ComplexMatrix): ComplexMatrix {
  const out = new Float64Array(m.length);
  for (let i = 0; i < m.length; i++) out[i] = Math.abs(m[i]!) < EXACT ? 0 : m[i]!;
  return out;
}

/**
 * Relative cost of one op per amplitude, measured on the reference machine with a dense
 * single-qubit pass as 1. Fusion compares sums of these to decide whether merging gates into one
 * wider matrix pays off.
 */
export function opCost(op: KernelOp): number {
  switch (op.kind) {
    case 'phase':
      return 0.5;
    case 'diagonal':
      return op.targets.length === 1 ? 0.85 : 1.1;
    case 'permutation':
      if (op.targets.length === 1) return op.controlMask !== 0 ? 0.5 : 0.7;
      return op.targets.length === 2 ? 1.1 : 2;
    case 'dense': {
      const k = op.targets.length;
      const controlled = op.controlMask !== 0 ? 0.65 : 1;
      return controlled * (k === 1 ? 1 : k === 2 ? 2.1 : 2.1 * 2.5 ** (k - 2));
    }
  }
}
