/**
 * Just enough of NumPy's array model for PUBs: shapes of nested JSON lists, C-order indexing and
 * broadcasting.
 */
import { InvalidPubError } from '../errors.js';
import { decodeNdarray, isTyped } from '../encoding/runtime-json.js';

export type Shape = readonly number[];

/** A float64 array in C order. */
export interface NumericArray {
  readonly shape: Shape;
  readonly data: Float64Array;
}

export const shapeSize = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

/**
 * The shape of a nested list whose leaves satisfy `isLeaf` (numbers, observables...). Throws
 * {@link InvalidPubError} for ragged lists.
 */
export function nestedShape(value: unknown, isLeaf: (v: unknown) => boolean, path: string): number[] {
  if (isLeaf(value)) return [];
  if (!Array.isArray(value)) throw new InvalidPubError(path, `expected a list or a value, got ${describe(value)}`);
  if (value.length === 0) return [0];
  const inner = nestedShape(value[0], isLeaf, `${path}[0]`);
  value.forEach((item, i) => {
    const s = nestedShape(item, isLeaf, `${path}[${i}]`);
    if (s.length !== inner.length || s.some((d, k) => d !== inner[k])) {
      throw new InvalidPubError(path, `nested lists must be rectangular: element ${i} has shape (${s.join(', ')}), element 0 has (${inner.join(', ')})`);
    }
  });
  return [value.length, ...inner];
}

/** Leaves of a nested list in C order. */
export function flattenNested<T>(value: unknown, depth: number): T[] {
  if (depth === 0) return [value as T];
  return (value as unknown[]).flatMap((v) => flattenNested<T>(v, depth - 1));
}

/**
 * Coerces a number, a nested list of numbers, or a RuntimeEncoder `ndarray` into a float64 array.
 */
export function toNumericArray(value: unknown, path: string): NumericArray {
  if (isTyped(value, 'ndarray')) {
    let decoded;
    try {
      decoded = decodeNdarray(value);
    } catch (err) {
      throw new InvalidPubError(path, err instanceof Error ? err.message : String(err));
    }
    if (typeof decoded === 'number' || Array.isArray(decoded)) return toNumericArray(decoded, path);
    return { shape: decoded.shape, data: Float64Array.from(decoded.data) };
  }
  const isNumber = (v: unknown): boolean => typeof v === 'number';
  const shape = nestedShape(value, isNumber, path);
  const leaves = flattenNested<number>(value, shape.length);
  leaves.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InvalidPubError(path, `element ${i} is not a finite number`);
  });
  return { shape, data: Float64Array.from(leaves) };
}

/** NumPy broadcasting of two shapes, or null if they are incompatible. */
export function broadcastShapes(a: Shape, b: Shape): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/**
 * For each C-order position of `target`, the flat index of the element of an array of shape
 * `source` that broadcasting places there.
 */
export function broadcastIndices(source: Shape, target: Shape): Int32Array {
  const size = shapeSize(target);
  const out = new Int32Array(size);
  const offset = target.length - source.length;
  const strides: number[] = new Array<number>(source.length);
  let stride = 1;
  for (let axis = source.length - 1; axis >= 0; axis--) {
    strides[axis] = source[axis] === 1 ? 0 : stride;
    stride *= source[axis]!;
  }
  for (let i = 0; i < size; i++) {
    let rest = i;
    let flat = 0;
    for (let axis = target.length - 1; axis >= 0; axis--) {
      const d = target[axis]!;
      const coord = rest % d;
      rest = Math.floor(rest / d);
      const sAxis = axis - offset;
      if (sAxis >= 0) flat += coord * strides[sAxis]!;
    }
    out[i] = flat;
  }
  return out;
}

/** Rebuilds nested lists of `shape` from C-ordered values (a scalar for shape `()`). */
export function toNested<T>(values: ArrayLike<T>, shape: Shape): unknown {
  let at = 0;
  const build = (axis: number): unknown => {
    if (axis === shape.length) return values[at++];
    return Array.from({ length: shape[axis]! }, () => build(axis + 1));
  };
  return build(0);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return isTyped(v) ? `a ${(v as { __type__: string }).__type__} object` : 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
