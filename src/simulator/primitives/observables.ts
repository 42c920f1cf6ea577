/**
 * Estimator observables: sums of Pauli strings `{label: coefficient}` in Qiskit's order (the
 * rightmost letter acts on qubit 0), optionally with the projector letters of Qiskit's
 * SparseObservable: 0 = |0><0|, 1 = |1><1|, + = |+><+|, - = |-><-|, r = |i><i|, l = |-i><-i|.
 *
 * Expectation values are computed in one pass per distinct X-pattern:
 * <ψ|P|ψ> = Σ_i conj(ψ[i ⊕ x]) · i^{#Y} · (-1)^{popcount(i & z)} · ψ[i].
 * `0`/`1` restrict the sum to matching indices; `+ - r l` expand into (I ± X)/2 and (I ± Y)/2.
 */
import { InvalidPubError } from '../errors.js';
import { isTyped } from '../encoding/runtime-json.js';
import { describe, flattenNested, nestedShape, type Shape } from './ndarray.js';

export interface PauliTerm {
  readonly label: string;
  readonly coeff: number;
}

/** A Hermitian observable: a real-weighted sum of Pauli/projector strings. */
export interface Observable {
  readonly terms: readonly PauliTerm[];
}

export interface ObservablesArray {
  readonly shape: Shape;
  /** Observables in C order. */
  readonly observables: readonly Observable[];
}

const LETTERS = /^[IXYZ01+\-rl]*$/;

/** One expanded term: coeff · i^{yCount} X^x Z^z restricted to indices with (i & filterMask) == filterValue. */
export interface ExpandedTerm {
  readonly coeff: number;
  readonly xMask: number;
  readonly zMask: number;
  readonly yCount: number;
  readonly filterMask: number;
  readonly filterValue: number;
}

/** A label may expand into at most 2^12 terms (each of + - r l doubles them). */
const MAX_EXPANSION = 4096;

/**
 * Coerces the observables element of an estimator PUB: one observable or nested lists of them,
 * where an observable is `{label: coeff, ...}` or a bare label (coefficient 1). `labelLength` is
 * the exact label length the circuit needs, or a minimum for hardware-qubit circuits (qubits past
 * the circuit's highest `$n` are idle).
 */
export function coerceObservables(input: unknown, labelLength: { exact: number } | { min: number }, path: string): ObservablesArray {
  const value = isTyped(input, 'ObservablesArray') ? input.__value__ : input;
  const isLeaf = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v));
  const shape = nestedShape(value, isLeaf, path);
  const leaves = flattenNested<unknown>(value, shape.length);
  const observables = leaves.map((leaf, i) => coerceObservable(leaf, labelLength, shape.length ? `${path}[${i}]` : path));
  return { shape, observables };
}

function coerceObservable(leaf: unknown, labelLength: { exact: number } | { min: number }, path: string): Observable {
  const entries: Array<[string, unknown]> =
    typeof leaf === 'string' ? [[leaf, 1]] : isTyped(leaf) ? invalid(path, leaf) : Object.entries(leaf as Record<string, unknown>);
  const terms = entries.map(([label, c]) => {
    if (!LETTERS.test(label)) {
      throw new InvalidPubError(path, `'${label}' is not a Pauli label (letters I X Y Z, or projectors 0 1 + - r l)`);
    }
    if ('exact' in labelLength ? label.length !== labelLength.exact : label.length < labelLength.min) {
      const expected = 'exact' in labelLength ? `${labelLength.exact}` : `at least ${labelLength.min}`;
      throw new InvalidPubError(path, `label '${label}' has ${label.length} letters; the circuit needs ${expected} (one per qubit, qubit 0 rightmost)`);
    }
    return { label, coeff: realCoefficient(c, `${path}.${label}`) };
  });
  return { terms };
}

function invalid(path: string, leaf: unknown): never {
  throw new InvalidPubError(path, `expected an observable ({label: coefficient} or a label), got ${describe(leaf)}`);
}

function realCoefficient(c: unknown, path: string): number {
  if (typeof c === 'number' && Number.isFinite(c)) return c;
  if (isTyped(c, 'complex') && Array.isArray(c.__value__)) {
    const [re, im] = c.__value__ as [number, number];
    if (Math.abs(im) <= 1e-12 * Math.max(1, Math.abs(re))) return re;
    throw new InvalidPubError(path, `coefficient ${re}+${im}j is not real: observables must be Hermitian`);
  }
  throw new InvalidPubError(path, `a coefficient must be a real number, got ${describe(c)}`);
}

/**
 * Expands an observable over the simulated qubits. `qubitMap[q]` is the simulated index of circuit
 * qubit q, or -1 for qubits no instruction touches: those are in |0>, so their letters contribute
 * a known factor (Z → 1, X → 0, + → 1/2 ...) instead of work.
 */
export function expandObservable(obs: Observable, qubitMap: Int32Array): ExpandedTerm[] {
  const out: ExpandedTerm[] = [];
  for (const { label, coeff } of obs.terms) {
    let partial: ExpandedTerm[] = [{ coeff, xMask: 0, zMask: 0, yCount: 0, filterMask: 0, filterValue: 0 }];
    const n = label.length;
    for (let p = 0; p < n && partial.length > 0; p++) {
      const letter = label[p]!;
      if (letter === 'I') continue;
      const qubit = n - 1 - p;
      const sim = qubit < qubitMap.length ? qubitMap[qubit]! : -1;
      if (sim < 0) {
        const factor = IDLE_FACTOR[letter]!;
        partial = factor === 0 ? [] : partial.map((t) => ({ ...t, coeff: t.coeff * factor }));
        continue;
      }
      const bit = 1 << sim;
      partial = partial.flatMap((t) => expandLetter(t, letter, bit));
      if (partial.length > MAX_EXPANSION) {
        throw new InvalidPubError('observables', `label '${label}' has too many + - r l projectors (at most 12 are supported)`);
      }
    }
    out.push(...partial);
  }
  return out;
}

/** <0|letter|0> for a qubit left in |0>. */
const IDLE_FACTOR: Readonly<Record<string, number>> = { X: 0, Y: 0, Z: 1, '0': 1, '1': 0, '+': 0.5, '-': 0.5, r: 0.5, l: 0.5 };

function expandLetter(t: ExpandedTerm, letter: string, bit: number): ExpandedTerm[] {
  const x = { ...t, xMask: t.xMask | bit };
  const y = { ...t, xMask: t.xMask | bit, zMask: t.zMask | bit, yCount: t.yCount + 1 };
  const half = (u: ExpandedTerm, sign: number): ExpandedTerm => ({ ...u, coeff: (u.coeff * sign) / 2 });
  switch (letter) {
    case 'X':
      return [x];
    case 'Y':
      return [y];
    case 'Z':
      return [{ ...t, zMask: t.zMask | bit }];
    case '0':
      return [{ ...t, filterMask: t.filterMask | bit }];
    case '1':
      return [{ ...t, filterMask: t.filterMask | bit, filterValue: t.filterValue | bit }];
    case '+':
      return [half(t, 1), half(x, 1)];
    case '-':
      return [half(t, 1), half(x, -1)];
    case 'r':
      return [half(t, 1), half(y, 1)];
    default: // 'l'
      return [half(t, 1), half(y, -1)];
  }
}

/** Parity of the set bits of a 32-bit integer. */
function parity(v: number): number {
  v ^= v >>> 16;
  v ^= v >>> 8;
  v ^= v >>> 4;
  return (0x6996 >>> (v & 0xf)) & 1;
}

/**
 * `<ψ| T_k |ψ>` for every term (without its coefficient), and, if `withFilterProbabilities`, the
 * probability `<ψ|Π_k|ψ>` of each term's projector part (1 when it has none).
 */
export function termExpectations(
  s: Float64Array,
  terms: readonly ExpandedTerm[],
  withFilterProbabilities: boolean,
): { values: Float64Array; filterProbabilities: Float64Array } {
  const values = new Float64Array(terms.length);
  const filterProbabilities = new Float64Array(terms.length).fill(1);
  const groups = new Map<string, number[]>();
  terms.forEach((t, k) => {
    const key = `${t.xMask}/${t.filterMask}/${t.filterValue}`;
    const g = groups.get(key);
    if (g) g.push(k);
    else groups.set(key, [k]);
  });
  const amplitudes = s.length >> 1;
  for (const members of groups.values()) {
    const first = terms[members[0]!]!;
    const { xMask, filterMask, filterValue } = first;
    const m = members.length;
    const z = Int32Array.from(members, (k) => terms[k]!.zMask);
    // i^{yCount}: 1, i, -1, -i
    const fr = Float64Array.from(members, (k) => [1, 0, -1, 0][terms[k]!.yCount & 3]!);
    const fi = Float64Array.from(members, (k) => [0, 1, 0, -1][terms[k]!.yCount & 3]!);
    const acc = new Float64Array(m);
    let filterP = 0;
    for (let i = 0; i < amplitudes; i++) {
      if ((i & filterMask) !== filterValue) continue;
      const ar = s[2 * i]!;
      const ai = s[2 * i + 1]!;
      const j = i ^ xMask;
      const br = s[2 * j]!;
      const bi = s[2 * j + 1]!;
      // conj(ψ[j]) · ψ[i]
      const cr = br * ar + bi * ai;
      const ci = br * ai - bi * ar;
      if (filterMask !== 0) filterP += ar * ar + ai * ai;
      for (let t = 0; t < m; t++) {
        const v = fr[t]! * cr - fi[t]! * ci;
        acc[t] = acc[t]! + (parity(i & z[t]!) ? -v : v);
      }
    }
    members.forEach((k, t) => {
      values[k] = acc[t]!;
      if (withFilterProbabilities && filterMask !== 0) filterProbabilities[k] = filterP;
    });
  }
  return { values, filterProbabilities };
}
