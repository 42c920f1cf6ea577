/**
 * The state vector itself and the non-unitary passes over it: measurement probabilities, collapse,
 * and drawing many shots from a final state in one pass.
 */
import type { Rng } from '../random/rng.js';

/** Bytes of an n-qubit state: 2^n complex128 amplitudes. */
export function stateBytes(numQubits: number): number {
  return 16 * 2 ** numQubits;
}

/**
 * A zeroed |0...0> state. `shared` backs it with a SharedArrayBuffer so worker threads can update
 * it in place.
 */
export function createState(numQubits: number, shared: boolean): Float64Array {
  const bytes = stateBytes(numQubits);
  const s = new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  s[0] = 1;
  return s;
}

/** Resets `s` to |0...0> in place. */
export function resetState(s: Float64Array): void {
  s.fill(0);
  s[0] = 1;
}

/** Probability that measuring qubit q gives 1. */
export function probabilityOfOne(s: Float64Array, q: number): number {
  const half = 2 << q; // interleaved stride of the qubit
  let p = 0;
  for (let base = half; base < s.length; base += 2 * half) {
    for (let a = base, end = base + half; a < end; a += 2) p += s[a]! * s[a]! + s[a + 1]! * s[a + 1]!;
  }
  return p;
}

/**
 * Projects qubit q onto `outcome` (which had probability `p`) and renormalises; if `flipToZero`,
 * the surviving half is moved to q = 0, which is what a reset does after reading 1.
 */
export function collapse(s: Float64Array, q: number, outcome: 0 | 1, p: number, flipToZero = false): void {
  const half = 2 << q;
  const k = 1 / Math.sqrt(p);
  for (let base = 0; base < s.length; base += 2 * half) {
    const keep = outcome === 1 ? base + half : base;
    const drop = outcome === 1 ? base : base + half;
    for (let j = 0; j < half; j++) {
      if (flipToZero) {
        s[drop + j] = s[keep + j]! * k;
        s[keep + j] = 0;
      } else {
        s[keep + j] = s[keep + j]! * k;
        s[drop + j] = 0;
      }
    }
  }
}

/**
 * Draws `shots` basis-state indices with probability |amplitude|², in one pass over the state and
 * O(shots) extra memory (no 2^n cumulative table): sorted uniforms come from normalised
 * exponential spacings, are matched against the running sum, then the result is shuffled so shot
 * order carries no information.
 */
export function sampleIndices(s: Float64Array, shots: number, rng: Rng): Uint32Array {
  const out = new Uint32Array(shots);
  if (shots === 0) return out;
  // Sorted uniforms: U_(k) = (E_1 + ... + E_k) / (E_1 + ... + E_{shots+1}), E_i ~ Exp(1).
  const targets = new Float64Array(shots);
  let acc = 0;
  for (let k = 0; k < shots; k++) {
    acc += -Math.log(1 - rng.nextFloat());
    targets[k] = acc;
  }
  const total = acc - Math.log(1 - rng.nextFloat());
  for (let k = 0; k < shots; k++) targets[k] = targets[k]! / total;

  let k = 0;
  let cumulative = 0;
  let lastNonZero = 0;
  const amplitudes = s.length >> 1;
  for (let i = 0; i < amplitudes && k < shots; i++) {
    const p = s[2 * i]! * s[2 * i]! + s[2 * i + 1]! * s[2 * i + 1]!;
    if (p === 0) continue;
    lastNonZero = i;
    cumulative += p;
    while (k < shots && targets[k]! < cumulative) out[k++] = i;
  }
  // Rounding can leave the running sum a hair below 1; those draws belong to the last outcome.
  while (k < shots) out[k++] = lastNonZero;
  for (let i = shots - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
