/**
 * Clifford gates as actions on Pauli strings. Rather than a table of known gate names, the action
 * is computed from the gate's matrix: U P U† for every Pauli string P on the gate's qubits must be
 * ± another Pauli string. That covers every Clifford however it is written (`rz(pi/2)`,
 * `ctrl @ z`, `ecr`, `pow(2) @ sx`...) and rejects the rest by name.
 */
import { UnsupportedOperationError } from '../errors.js';
import { adjoint, controlled, matrixDim, multiply, type ComplexMatrix } from '../gates/complex-matrix.js';
import type { BoundGate } from '../engine/kernel-op.js';

/**
 * The conjugation action of a gate on `qubits`. A local Pauli string is encoded with bits
 * (2j, 2j+1) = (x, z) of qubit j (x=z=1 is Y). `table[p]` holds the image's encoding, plus bit 2k
 * set when the image carries a minus sign.
 */
export interface CliffordAction {
  readonly qubits: readonly number[];
  readonly table: Int32Array;
}

/** Wider gates are not analysed (no common Clifford needs more than 3 qubits). */
const MAX_QUBITS = 3;
const EPS = 1e-9;

/** The Clifford action of a bound gate, or null for the identity. Throws for non-Clifford gates. */
export function cliffordAction(gate: BoundGate): CliffordAction | null {
  const qubits = [...gate.controls, ...gate.targets];
  const name = gate.label ?? 'a gate';
  if (qubits.length > MAX_QUBITS) {
    throw new UnsupportedOperationError(`${name} on ${qubits.length} qubits is not supported by the stabilizer backend (Clifford gates on up to ${MAX_QUBITS} qubits)`);
  }
  const u = controlled(gate.matrix, gate.controls.length, gate.controlStates);
  const k = qubits.length;
  const table = new Int32Array(1 << (2 * k));
  const ud = adjoint(u);
  let identity = true;
  for (let p = 0; p < table.length; p++) {
    const image = pauliOf(multiply(u, multiply(pauliMatrix(p, k), ud)), k);
    if (image === null) {
      throw new UnsupportedOperationError(`${name} is not a Clifford gate: the stabilizer backend runs Clifford circuits only (use simulator_statevector)`);
    }
    table[p] = image;
    if (image !== p) identity = false;
  }
  return identity ? null : { qubits, table };
}

/** The matrix of local Pauli string `p` on k qubits: P|b> = i^{#Y} (-1)^{|b & z|} |b ⊕ x>. */
function pauliMatrix(p: number, k: number): ComplexMatrix {
  const dim = 1 << k;
  let x = 0;
  let z = 0;
  for (let j = 0; j < k; j++) {
    x |= ((p >> (2 * j)) & 1) << j;
    z |= ((p >> (2 * j + 1)) & 1) << j;
  }
  const ys = popcount(x & z);
  const [pr, pi] = [[1, 0], [0, 1], [-1, 0], [0, -1]][ys & 3]!;
  const m = new Float64Array(2 * dim * dim);
  for (let b = 0; b < dim; b++) {
    const sign = popcount(b & z) & 1 ? -1 : 1;
    const row = b ^ x;
    m[2 * (row * dim + b)] = sign * pr!;
    m[2 * (row * dim + b) + 1] = sign * pi!;
  }
  return m;
}

/** If `m` is ± a Pauli string, its encoding (sign in bit 2k); otherwise null. */
function pauliOf(m: ComplexMatrix, k: number): number | null {
  const dim = matrixDim(m);
  // Column 0 has its single entry at row x.
  let x = -1;
  for (let r = 0; r < dim; r++) if (Math.hypot(m[2 * r * dim]!, m[2 * r * dim + 1]!) > 0.5) x = r;
  if (x < 0) return null;
  // Column 2^j relative to column 0 differs by (-1)^{z_j}.
  const [r0, i0] = [m[2 * x * dim]!, m[2 * x * dim + 1]!];
  let z = 0;
  for (let j = 0; j < k; j++) {
    const c = 1 << j;
    const re = m[2 * ((c ^ x) * dim + c)]!;
    const im = m[2 * ((c ^ x) * dim + c) + 1]!;
    if (Math.hypot(re + r0, im + i0) < EPS) z |= 1 << j;
  }
  let p = 0;
  for (let j = 0; j < k; j++) p |= (((x >> j) & 1) << (2 * j)) | (((z >> j) & 1) << (2 * j + 1));
  const expected = pauliMatrix(p, k);
  // m = s · P with s = ±1
  const s = expected[2 * x * dim]! * r0 + expected[2 * x * dim + 1]! * i0 > 0 ? 1 : -1;
  for (let i = 0; i < m.length; i++) if (Math.abs(m[i]! - s * expected[i]!) > EPS) return null;
  return s < 0 ? p | (1 << (2 * k)) : p;
}

function popcount(v: number): number {
  let n = 0;
  for (let t = v >>> 0; t !== 0; t &= t - 1) n++;
  return n;
}
