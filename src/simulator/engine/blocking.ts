/**
 * Cache blocking: many gates per pass over a state too large for the caches.
 *
 * A run of ops that together touch few qubits leaves the other ("free") qubits alone, so the state
 * splits into independent sub-states, one per value of the free bits. Each sub-state of 2^B
 * amplitudes (1 MiB for B = 16, inside a core's L2) is gathered into a scratch buffer, every op
 * of the run is applied to it there, and it is scattered back: one trip through main memory per
 * segment instead of one per gate. Sub-states are independent, so threads split them without
 * meeting between gates.
 *
 * The lowest qubits are always kept local, so a sub-state is made of contiguous runs of at least
 * 2^LOW_QUBITS amplitudes, copied with `TypedArray.set` (a memcpy, about 4x faster than an
 * element loop once runs reach a few KiB).
 */
import type { KernelOp } from './kernel-op.js';
import { applyKernel } from './kernels.js';
import { groupCount } from './kernel-op.js';

/** Qubits 0 .. LOW_QUBITS-1 are local in every segment (runs of at least 4 KiB). */
const LOW_QUBITS = 8;

/** Smallest useful sub-state: the always-local low qubits plus room for two more. */
export const MIN_BLOCK_QUBITS = LOW_QUBITS + 2;

/** Shorter runs are copied element by element: below this, creating views costs more. */
const MIN_SET_RUN = 64;

/** Ops with their qubits renumbered into a sub-state of `local.length` qubits. */
export interface Segment {
  /** Global qubits kept in the sub-state, ascending; local qubit i is `local[i]`. */
  readonly local: Int32Array;
  readonly ops: readonly KernelOp[];
}

function touchedMask(op: KernelOp): number {
  if (op.kind === 'phase') return op.mask;
  let m = op.controlMask;
  for (const t of op.targets) m |= 1 << t;
  return m;
}

function bitCount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

/**
 * Splits `ops` into segments whose sub-states have `blockQubits` qubits. Requires
 * `numQubits > blockQubits >= MIN_BLOCK_QUBITS`.
 */
export function segmentOps(ops: readonly KernelOp[], numQubits: number, blockQubits: number): Segment[] {
  const lowMask = (1 << LOW_QUBITS) - 1;
  const room = blockQubits - LOW_QUBITS;
  const segments: Segment[] = [];
  let touched = 0;
  let current: KernelOp[] = [];
  const flush = (): void => {
    if (current.length > 0) segments.push(localize(current, touched, numQubits, blockQubits));
    current = [];
    touched = 0;
  };
  for (const op of ops) {
    const m = touchedMask(op);
    if (bitCount((touched | m) & ~lowMask) > room) flush();
    touched |= m;
    current.push(op);
  }
  flush();
  return segments;
}

function localize(ops: readonly KernelOp[], touched: number, numQubits: number, blockQubits: number): Segment {
  let localMask = touched | ((1 << LOW_QUBITS) - 1);
  // Fill with the lowest remaining qubits: longer contiguous runs in memory.
  for (let q = 0; q < numQubits && bitCount(localMask) < blockQubits; q++) localMask |= 1 << q;
  const local: number[] = [];
  for (let q = 0; q < numQubits; q++) if ((localMask >>> q) & 1) local.push(q);
  const toLocal = new Map(local.map((q, i) => [q, i]));
  const mapMask = (mask: number): number => {
    let out = 0;
    for (let q = 0; q < numQubits; q++) if ((mask >>> q) & 1) out |= 1 << toLocal.get(q)!;
    return out;
  };
  const mapped = ops.map((op): KernelOp => {
    if (op.kind === 'phase') return { ...op, mask: mapMask(op.mask), value: mapMask(op.value) };
    return {
      ...op,
      targets: op.targets.map((t) => toLocal.get(t)!),
      controlMask: mapMask(op.controlMask),
      controlValue: mapMask(op.controlValue),
    };
  });
  return { local: Int32Array.from(local), ops: mapped };
}

/** Number of sub-states of a segment over an n-qubit state. */
export function subStateCount(numQubits: number, segment: Segment): number {
  return 2 ** (numQubits - segment.local.length);
}

/** Per-segment addressing, computed once and reused for every sub-state. */
interface Layout {
  /** Length of the contiguous low run, in amplitudes. */
  readonly run: number;
  /** Offset (in amplitudes) of each run of the sub-state from the sub-state's base. */
  readonly runOffsets: Int32Array;
  /** Positions of the free qubits, ascending. */
  readonly free: Int32Array;
}

function layoutOf(numQubits: number, segment: Segment): Layout {
  const local = segment.local;
  let r = 0;
  while (r < local.length && local[r] === r) r++;
  const high = local.subarray(r);
  const runOffsets = new Int32Array(1 << high.length);
  for (let j = 0; j < runOffsets.length; j++) {
    let o = 0;
    for (let k = 0; k < high.length; k++) if ((j >> k) & 1) o |= 1 << high[k]!;
    runOffsets[j] = o;
  }
  const free: number[] = [];
  const isLocal = new Set(local);
  for (let q = 0; q < numQubits; q++) if (!isLocal.has(q)) free.push(q);
  return { run: 1 << r, runOffsets, free: Int32Array.from(free) };
}

/**
 * Applies a segment to sub-states [s0, s1) of `state`, using `scratch` (at least 2·2^B doubles).
 */
export function runSegment(state: Float64Array, numQubits: number, segment: Segment, s0: number, s1: number, scratch: Float64Array): void {
  const B = segment.local.length;
  const { run, runOffsets, free } = layoutOf(numQubits, segment);
  const run2 = 2 * run;
  const runs = runOffsets.length;
  const groups = segment.ops.map((op) => groupCount(op, B));
  const useSet = run >= MIN_SET_RUN;
  for (let s = s0; s < s1; s++) {
    let base = 0;
    for (let k = 0; k < free.length; k++) if ((s >> k) & 1) base += 2 ** free[k]!;
    for (let j = 0; j < runs; j++) {
      const from = 2 * (base + runOffsets[j]!);
      const to = j * run2;
      if (useSet) scratch.set(state.subarray(from, from + run2), to);
      else for (let i = 0; i < run2; i++) scratch[to + i] = state[from + i]!;
    }
    for (let k = 0; k < segment.ops.length; k++) applyKernel(scratch, segment.ops[k]!, 0, groups[k]!);
    for (let j = 0; j < runs; j++) {
      const to = 2 * (base + runOffsets[j]!);
      const from = j * run2;
      if (useSet) state.set(scratch.subarray(from, from + run2), to);
      else for (let i = 0; i < run2; i++) state[to + i] = scratch[from + i]!;
    }
  }
}
