/**
 * Parameter values of a PUB, coerced exactly as Qiskit's `BindingsArray` does:
 *
 * - a mapping `{name: values}` (or `{'["a", "b"]': values}` from RuntimeEncoder's BindingsArray),
 *   where each array's last axis runs over the key's parameters; for a single-parameter key that
 *   axis may be left off;
 * - a positional array (nested lists or an `ndarray`), which Qiskit treats as the mapping
 *   `{tuple(circuit.parameters): values}`, so its last axis runs over the circuit's parameters in
 *   their sorted order.
 *
 * The leading axes are the PUB's shape; every array must agree on them.
 */
import { InvalidPubError } from '../errors.js';
import { isTyped } from '../encoding/runtime-json.js';
import { describe, shapeSize, toNumericArray, type NumericArray, type Shape } from './ndarray.js';

/** Bound values: `values[b * parameters.length + j]` is parameter j of binding b. */
export interface Bindings {
  readonly shape: Shape;
  readonly parameters: readonly string[];
  readonly values: Float64Array;
}

/** Coerces a PUB's parameter values for a circuit with `parameters` (sorted names). */
export function coerceBindings(input: unknown, parameters: readonly string[], path: string): Bindings {
  let entries: Array<{ names: string[]; array: NumericArray; key: string }>;
  if (input === undefined || input === null) {
    if (parameters.length > 0) {
      throw new InvalidPubError(path, `the circuit has parameters ${list(parameters)} but no values were given`);
    }
    return { shape: [], parameters, values: new Float64Array(0) };
  }
  if (isTyped(input, 'BindingsArray')) {
    const v = input.__value__ as { data?: Record<string, unknown> };
    entries = Object.entries(v.data ?? {}).map(([key, value]) => ({ names: keyNames(key, path), array: toNumericArray(value, `${path}.data[${key}]`), key }));
  } else if (typeof input === 'object' && !Array.isArray(input) && !isTyped(input)) {
    entries = Object.entries(input as Record<string, unknown>).map(([key, value]) => ({
      names: keyNames(key, path),
      array: toNumericArray(value, `${path}.${key}`),
      key,
    }));
  } else if (Array.isArray(input) || typeof input === 'number' || isTyped(input, 'ndarray')) {
    entries = [{ names: [...parameters], array: toNumericArray(input, path), key: 'positional values' }];
  } else {
    throw new InvalidPubError(path, `parameter values must be a mapping, a list or an ndarray, got ${describe(input)}`);
  }

  const shape = inferShape(entries, path);
  const size = shapeSize(shape);
  const values = new Float64Array(size * parameters.length);
  const index = new Map(parameters.map((p, i) => [p, i]));
  const assigned = new Set<string>();
  for (const { names, array, key } of entries) {
    // Standardise to (*shape, names.length), as Qiskit's _standardize_shape does.
    const full = sameShape(array.shape, shape) ? [...shape, 1] : array.shape;
    if (full.length !== shape.length + 1 || !sameShape(full.slice(0, -1), shape)) {
      throw new InvalidPubError(path, `values for ${key} have shape (${array.shape.join(', ')}), inconsistent with the PUB shape (${shape.join(', ')})`);
    }
    if (full[full.length - 1] !== names.length) {
      throw new InvalidPubError(path, `values for ${key} have ${full[full.length - 1]} entries on their last axis, one per parameter ${list(names)} was expected`);
    }
    names.forEach((name, j) => {
      const target = index.get(name);
      if (target === undefined) throw new InvalidPubError(path, `'${name}' is not a parameter of the circuit (its parameters: ${list(parameters)})`);
      if (assigned.has(name)) throw new InvalidPubError(path, `parameter '${name}' is given twice`);
      assigned.add(name);
      for (let b = 0; b < size; b++) {
        values[b * parameters.length + target] = array.data[b * names.length + j]!;
      }
    });
  }
  const missing = parameters.filter((p) => !assigned.has(p));
  if (missing.length > 0) throw new InvalidPubError(path, `no values for parameter(s) ${list(missing)}`);
  return { shape, parameters, values };
}

/** Qiskit's `_infer_shape`: every entry must agree on one leading shape. */
function inferShape(entries: ReadonlyArray<{ names: string[]; array: NumericArray }>, path: string): Shape {
  let shape: Shape | null = null;
  for (const { names, array } of entries) {
    const s = array.shape;
    const candidate = names.length !== 1 || (s.length > 0 && s[s.length - 1] === 1) ? s.slice(0, -1) : s;
    if (names.length !== 1 && s.length === 0) {
      throw new InvalidPubError(path, `values for parameters ${list(names)} need a last axis of length ${names.length}`);
    }
    if (shape !== null && !sameShape(shape, candidate)) {
      throw new InvalidPubError(path, `parameter value arrays disagree on the PUB shape: (${shape.join(', ')}) vs (${candidate.join(', ')})`);
    }
    shape = candidate;
  }
  return shape ?? [];
}

/** A key is a parameter name, or a JSON list of names (RuntimeEncoder's BindingsArray keys). */
function keyNames(key: string, path: string): string[] {
  const trimmed = key.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((n) => typeof n === 'string')) return parsed as string[];
    } catch {
      // fall through to the error below
    }
    throw new InvalidPubError(path, `cannot read parameter key ${key}`);
  }
  return [key];
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const list = (names: readonly string[]): string => `[${names.map((n) => `'${n}'`).join(', ')}]`;
