/**
 * In-place state-vector kernels. The state is one Float64Array with interleaved re/im (amplitude i
 * at [2i, 2i+1]); interleaving keeps each amplitude in one cache line and measured faster than split
 * arrays beyond the last-level cache.
 *
 * Every kernel walks a range [g0, g1) of "groups": the indices obtained by inserting zero bits at
 * the op's target and control positions. Ranges let threads split the work without coordination.
 * Consecutive groups map to consecutive base indices until the lowest inserted bit is reached, so
 * the inner loops run over contiguous runs and the bit insertion is paid once per run.
 */
import type { DenseOp, DiagonalOp, KernelOp, PermutationOp, PhaseOp } from './kernel-op.js';

/** Applies `op` to the groups [g0, g1) of the state `s`. */
export function applyKernel(s: Float64Array, op: KernelOp, g0: number, g1: number): void {
  switch (op.kind) {
    case 'phase':
      return phaseKernel(s, op, g0, g1);
    case 'diagonal':
      return op.targets.length === 1 ? diagonal1(s, op, g0, g1) : diagonalK(s, op, g0, g1);
    case 'permutation':
      return op.targets.length === 1 ? permutation1(s, op, g0, g1) : permutationK(s, op, g0, g1);
    case 'dense':
      if (op.targets.length === 1) {
        return op.controlMask === 0 ? dense1(s, op.targets[0]!, op.matrix, g0, g1) : dense1Controlled(s, op, g0, g1);
      }
      return op.targets.length === 2 ? dense2(s, op, g0, g1) : denseK(s, op, g0, g1);
  }
}

/** Sorted bit positions of the targets and controls of an op. */
function positionsOf(targets: readonly number[], controlMask: number): Int32Array {
  let mask = controlMask;
  for (const t of targets) mask |= 1 << t;
  return bitPositions(mask);
}

function bitPositions(mask: number): Int32Array {
  const out: number[] = [];
  for (let b = 0; b < 31; b++) if ((mask >>> b) & 1) out.push(b);
  return Int32Array.from(out);
}

/** Inserts a zero bit at each (ascending) position of `pos` into `g`. */
function expand(g: number, pos: Int32Array): number {
  for (let j = 0; j < pos.length; j++) {
    const p = pos[j]!;
    const low = g & ((1 << p) - 1);
    g = ((g - low) << 1) | low;
  }
  return g;
}

/** Interleaved offsets of the 2^k target sub-states from a group's base index. */
function targetOffsets(targets: readonly number[]): Int32Array {
  const k = targets.length;
  const out = new Int32Array(1 << k);
  for (let j = 0; j < 1 << k; j++) {
    let o = 0;
    for (let b = 0; b < k; b++) if ((j >> b) & 1) o += 1 << targets[b]!;
    out[j] = 2 * o;
  }
  return out;
}

/** Length of the contiguous run of groups starting at g (bounded by g1). */
function runLength(g: number, g1: number, lowRun: number): number {
  const r = lowRun - (g & (lowRun - 1));
  return r < g1 - g ? r : g1 - g;
}

// ---- dense ----------------------------------------------------------------------------------

/** A 2×2 matrix on qubit t, no controls: the hot path of every circuit. */
function dense1(s: Float64Array, t: number, m: Float64Array, g0: number, g1: number): void {
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!;
  const m10r = m[4]!, m10i = m[5]!, m11r = m[6]!, m11i = m[7]!;
  const half = 1 << t;
  const off = 2 * half;
  if (t === 0) {
    for (let a = 4 * g0, end = 4 * g1; a < end; a += 4) {
      const ar = s[a]!, ai = s[a + 1]!, br = s[a + 2]!, bi = s[a + 3]!;
      s[a] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      s[a + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      s[a + 2] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      s[a + 3] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
    return;
  }
  let g = g0;
  while (g < g1) {
    const lo = g & (half - 1);
    const run = runLength(g, g1, half);
    let a = 2 * (((g - lo) << 1) | lo);
    const end = a + 2 * run;
    for (; a < end; a += 2) {
      const b = a + off;
      const ar = s[a]!, ai = s[a + 1]!, br = s[b]!, bi = s[b + 1]!;
      s[a] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      s[a + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      s[b] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      s[b + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
    g += run;
  }
}

function dense1Controlled(s: Float64Array, op: DenseOp, g0: number, g1: number): void {
  const m = op.matrix;
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!;
  const m10r = m[4]!, m10i = m[5]!, m11r = m[6]!, m11i = m[7]!;
  const pos = positionsOf(op.targets, op.controlMask);
  const lowRun = 1 << pos[0]!;
  const off = 2 << op.targets[0]!;
  const cv = op.controlValue;
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let a = 2 * (expand(g, pos) | cv);
    const end = a + 2 * run;
    for (; a < end; a += 2) {
      const b = a + off;
      const ar = s[a]!, ai = s[a + 1]!, br = s[b]!, bi = s[b + 1]!;
      s[a] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      s[a + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      s[b] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      s[b + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
    g += run;
  }
}

/** A 4×4 matrix, fully unrolled: the product of fused two-qubit blocks. */
function dense2(s: Float64Array, op: DenseOp, g0: number, g1: number): void {
  const M = op.matrix;
  const m0r = M[0]!, m0i = M[1]!, m1r = M[2]!, m1i = M[3]!, m2r = M[4]!, m2i = M[5]!, m3r = M[6]!, m3i = M[7]!;
  const m4r = M[8]!, m4i = M[9]!, m5r = M[10]!, m5i = M[11]!, m6r = M[12]!, m6i = M[13]!, m7r = M[14]!, m7i = M[15]!;
  const m8r = M[16]!, m8i = M[17]!, m9r = M[18]!, m9i = M[19]!, mAr = M[20]!, mAi = M[21]!, mBr = M[22]!, mBi = M[23]!;
  const mCr = M[24]!, mCi = M[25]!, mDr = M[26]!, mDi = M[27]!, mEr = M[28]!, mEi = M[29]!, mFr = M[30]!, mFi = M[31]!;
  const pos = positionsOf(op.targets, op.controlMask);
  const lowRun = 1 << pos[0]!;
  const o1 = 2 << op.targets[0]!;
  const o2 = 2 << op.targets[1]!;
  const o3 = o1 + o2;
  const cv = op.controlValue;
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let a0 = 2 * (expand(g, pos) | cv);
    const end = a0 + 2 * run;
    for (; a0 < end; a0 += 2) {
      const a1 = a0 + o1, a2 = a0 + o2, a3 = a0 + o3;
      const x0r = s[a0]!, x0i = s[a0 + 1]!, x1r = s[a1]!, x1i = s[a1 + 1]!;
      const x2r = s[a2]!, x2i = s[a2 + 1]!, x3r = s[a3]!, x3i = s[a3 + 1]!;
      s[a0] = m0r * x0r - m0i * x0i + m1r * x1r - m1i * x1i + m2r * x2r - m2i * x2i + m3r * x3r - m3i * x3i;
      s[a0 + 1] = m0r * x0i + m0i * x0r + m1r * x1i + m1i * x1r + m2r * x2i + m2i * x2r + m3r * x3i + m3i * x3r;
      s[a1] = m4r * x0r - m4i * x0i + m5r * x1r - m5i * x1i + m6r * x2r - m6i * x2i + m7r * x3r - m7i * x3i;
      s[a1 + 1] = m4r * x0i + m4i * x0r + m5r * x1i + m5i * x1r + m6r * x2i + m6i * x2r + m7r * x3i + m7i * x3r;
      s[a2] = m8r * x0r - m8i * x0i + m9r * x1r - m9i * x1i + mAr * x2r - mAi * x2i + mBr * x3r - mBi * x3i;
      s[a2 + 1] = m8r * x0i + m8i * x0r + m9r * x1i + m9i * x1r + mAr * x2i + mAi * x2r + mBr * x3i + mBi * x3r;
      s[a3] = mCr * x0r - mCi * x0i + mDr * x1r - mDi * x1i + mEr * x2r - mEi * x2i + mFr * x3r - mFi * x3i;
      s[a3 + 1] = mCr * x0i + mCi * x0r + mDr * x1i + mDi * x1r + mEr * x2i + mEi * x2r + mFr * x3i + mFi * x3r;
    }
    g += run;
  }
}

/** A 2^k × 2^k matrix for k ≥ 3 (wide fused blocks, multi-qubit gates). */
function denseK(s: Float64Array, op: DenseOp, g0: number, g1: number): void {
  const m = op.matrix;
  const dim = 1 << op.targets.length;
  const offs = targetOffsets(op.targets);
  const pos = positionsOf(op.targets, op.controlMask);
  const lowRun = 1 << pos[0]!;
  const cv = op.controlValue;
  const inR = new Float64Array(dim);
  const inI = new Float64Array(dim);
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let base = 2 * (expand(g, pos) | cv);
    for (let t = 0; t < run; t++, base += 2) {
      for (let j = 0; j < dim; j++) {
        inR[j] = s[base + offs[j]!]!;
        inI[j] = s[base + offs[j]! + 1]!;
      }
      for (let r = 0; r < dim; r++) {
        let yr = 0;
        let yi = 0;
        const row = 2 * r * dim;
        for (let c = 0; c < dim; c++) {
          const mr = m[row + 2 * c]!;
          const mi = m[row + 2 * c + 1]!;
          yr += mr * inR[c]! - mi * inI[c]!;
          yi += mr * inI[c]! + mi * inR[c]!;
        }
        s[base + offs[r]!] = yr;
        s[base + offs[r]! + 1] = yi;
      }
    }
    g += run;
  }
}

// ---- diagonal and phase ---------------------------------------------------------------------

function diagonal1(s: Float64Array, op: DiagonalOp, g0: number, g1: number): void {
  const d = op.diagonal;
  const d0r = d[0]!, d0i = d[1]!, d1r = d[2]!, d1i = d[3]!;
  const pos = positionsOf(op.targets, op.controlMask);
  const lowRun = 1 << pos[0]!;
  const off = 2 << op.targets[0]!;
  const cv = op.controlValue;
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let a = 2 * (expand(g, pos) | cv);
    const end = a + 2 * run;
    for (; a < end; a += 2) {
      const b = a + off;
      const ar = s[a]!, ai = s[a + 1]!, br = s[b]!, bi = s[b + 1]!;
      s[a] = d0r * ar - d0i * ai;
      s[a + 1] = d0r * ai + d0i * ar;
      s[b] = d1r * br - d1i * bi;
      s[b + 1] = d1r * bi + d1i * br;
    }
    g += run;
  }
}

function diagonalK(s: Float64Array, op: DiagonalOp, g0: number, g1: number): void {
  const d = op.diagonal;
  const dim = 1 << op.targets.length;
  const offs = targetOffsets(op.targets);
  const pos = positionsOf(op.targets, op.controlMask);
  const lowRun = 1 << pos[0]!;
  const cv = op.controlValue;
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let base = 2 * (expand(g, pos) | cv);
    for (let t = 0; t < run; t++, base += 2) {
      for (let j = 0; j < dim; j++) {
        const a = base + offs[j]!;
        const dr = d[2 * j]!, di = d[2 * j + 1]!;
        const xr = s[a]!, xi = s[a + 1]!;
        s[a] = dr * xr - di * xi;
        s[a + 1] = dr * xi + di * xr;
      }
    }
    g += run;
  }
}

function phaseKernel(s: Float64Array, op: PhaseOp, g0: number, g1: number): void {
  const pr = op.re;
  const pi = op.im;
  const pos = bitPositions(op.mask);
  const value = op.value;
  if (pos.length === 0) {
    for (let a = 2 * g0, end = 2 * g1; a < end; a += 2) {
      const xr = s[a]!, xi = s[a + 1]!;
      s[a] = pr * xr - pi * xi;
      s[a + 1] = pr * xi + pi * xr;
    }
    return;
  }
  const lowRun = 1 << pos[0]!;
  const negate = pr === -1 && pi === 0;
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let a = 2 * (expand(g, pos) | value);
    const end = a + 2 * run;
    if (negate) {
      for (; a < end; a += 2) {
        s[a] = -s[a]!;
        s[a + 1] = -s[a + 1]!;
      }
    } else {
      for (; a < end; a += 2) {
        const xr = s[a]!, xi = s[a + 1]!;
        s[a] = pr * xr - pi * xi;
        s[a + 1] = pr * xi + pi * xr;
      }
    }
    g += run;
  }
}

// ---- permutations ---------------------------------------------------------------------------

/** X-like: |0> → p0|1>, |1> → p1|0> (x, y, cx, cy...), or a diagonal given as a permutation. */
function permutation1(s: Float64Array, op: PermutationOp, g0: number, g1: number): void {
  const pos = positionsOf(op.targets, op.controlMask);
  const lowRun = 1 << pos[0]!;
  const off = 2 << op.targets[0]!;
  const cv = op.controlValue;
  const p0r = op.phases[0]!, p0i = op.phases[1]!, p1r = op.phases[2]!, p1i = op.phases[3]!;
  const plain = p0r === 1 && p0i === 0 && p1r === 1 && p1i === 0;
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let a = 2 * (expand(g, pos) | cv);
    const end = a + 2 * run;
    if (plain) {
      for (; a < end; a += 2) {
        const b = a + off;
        const ar = s[a]!, ai = s[a + 1]!;
        s[a] = s[b]!;
        s[a + 1] = s[b + 1]!;
        s[b] = ar;
        s[b + 1] = ai;
      }
    } else {
      for (; a < end; a += 2) {
        const b = a + off;
        const ar = s[a]!, ai = s[a + 1]!, br = s[b]!, bi = s[b + 1]!;
        s[a] = p1r * br - p1i * bi;
        s[a + 1] = p1r * bi + p1i * br;
        s[b] = p0r * ar - p0i * ai;
        s[b + 1] = p0r * ai + p0i * ar;
      }
    }
    g += run;
  }
}

function permutationK(s: Float64Array, op: PermutationOp, g0: number, g1: number): void {
  const dim = 1 << op.targets.length;
  const offs = targetOffsets(op.targets);
  const pos = positionsOf(op.targets, op.controlMask);
  const lowRun = 1 << pos[0]!;
  const cv = op.controlValue;
  const perm = op.perm;
  const ph = op.phases;
  // Only sub-states that move or change phase are touched (swap moves 2 of 4).
  const active: number[] = [];
  for (let c = 0; c < dim; c++) {
    if (perm[c] !== c || ph[2 * c] !== 1 || ph[2 * c + 1] !== 0) active.push(c);
  }
  if (active.length === 2 && perm[active[0]!] === active[1] && perm[active[1]!] === active[0]) {
    return transposition(s, op, active[0]!, active[1]!, offs, pos, g0, g1);
  }
  if (dim === 4) return permutation2(s, op, offs, pos, g0, g1);
  const n = active.length;
  const srcOff = Int32Array.from(active, (c) => offs[c]!);
  const dstOff = Int32Array.from(active, (c) => offs[perm[c]!]!);
  const pr = Float64Array.from(active, (c) => ph[2 * c]!);
  const pi = Float64Array.from(active, (c) => ph[2 * c + 1]!);
  const inR = new Float64Array(n);
  const inI = new Float64Array(n);
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let base = 2 * (expand(g, pos) | cv);
    for (let r = 0; r < run; r++, base += 2) {
      for (let k = 0; k < n; k++) {
        inR[k] = s[base + srcOff[k]!]!;
        inI[k] = s[base + srcOff[k]! + 1]!;
      }
      for (let k = 0; k < n; k++) {
        const a = base + dstOff[k]!;
        s[a] = pr[k]! * inR[k]! - pi[k]! * inI[k]!;
        s[a + 1] = pr[k]! * inI[k]! + pi[k]! * inR[k]!;
      }
    }
    g += run;
  }
}

/** Any permutation of two targets, unrolled: all four sub-states read, then written moved. */
function permutation2(s: Float64Array, op: PermutationOp, offs: Int32Array, pos: Int32Array, g0: number, g1: number): void {
  const lowRun = 1 << pos[0]!;
  const cv = op.controlValue;
  const ph = op.phases;
  const o0 = offs[0]!, o1 = offs[1]!, o2 = offs[2]!, o3 = offs[3]!;
  const d0 = offs[op.perm[0]!]!, d1 = offs[op.perm[1]!]!, d2 = offs[op.perm[2]!]!, d3 = offs[op.perm[3]!]!;
  const p0r = ph[0]!, p0i = ph[1]!, p1r = ph[2]!, p1i = ph[3]!, p2r = ph[4]!, p2i = ph[5]!, p3r = ph[6]!, p3i = ph[7]!;
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let base = 2 * (expand(g, pos) | cv);
    for (let r = 0; r < run; r++, base += 2) {
      const x0r = s[base + o0]!, x0i = s[base + o0 + 1]!, x1r = s[base + o1]!, x1i = s[base + o1 + 1]!;
      const x2r = s[base + o2]!, x2i = s[base + o2 + 1]!, x3r = s[base + o3]!, x3i = s[base + o3 + 1]!;
      s[base + d0] = p0r * x0r - p0i * x0i;
      s[base + d0 + 1] = p0r * x0i + p0i * x0r;
      s[base + d1] = p1r * x1r - p1i * x1i;
      s[base + d1 + 1] = p1r * x1i + p1i * x1r;
      s[base + d2] = p2r * x2r - p2i * x2i;
      s[base + d2 + 1] = p2r * x2i + p2i * x2r;
      s[base + d3] = p3r * x3r - p3i * x3i;
      s[base + d3 + 1] = p3r * x3i + p3i * x3r;
    }
    g += run;
  }
}

/** Two target sub-states exchanged (with phases): swap, iswap and the like. */
function transposition(
  s: Float64Array,
  op: PermutationOp,
  c0: number,
  c1: number,
  offs: Int32Array,
  pos: Int32Array,
  g0: number,
  g1: number,
): void {
  const lowRun = 1 << pos[0]!;
  const cv = op.controlValue;
  const o0 = offs[c0]!;
  const o1 = offs[c1]!;
  // |c0> -> p0 |c1>, |c1> -> p1 |c0>
  const p0r = op.phases[2 * c0]!, p0i = op.phases[2 * c0 + 1]!, p1r = op.phases[2 * c1]!, p1i = op.phases[2 * c1 + 1]!;
  let g = g0;
  while (g < g1) {
    const run = runLength(g, g1, lowRun);
    let base = 2 * (expand(g, pos) | cv);
    for (let r = 0; r < run; r++, base += 2) {
      const a = base + o0;
      const b = base + o1;
      const ar = s[a]!, ai = s[a + 1]!, br = s[b]!, bi = s[b + 1]!;
      s[a] = p1r * br - p1i * bi;
      s[a + 1] = p1r * bi + p1i * br;
      s[b] = p0r * ar - p0i * ai;
      s[b + 1] = p0r * ai + p0i * ar;
    }
    g += run;
  }
}
