/**
 * The typed JSON of qiskit-ibm-runtime's RuntimeEncoder/RuntimeDecoder: `{"__type__": T,
 * "__value__": V}` objects. Arrays travel as `ndarray`: an .npy file, zlib-compressed, base64.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { InvalidEncodingError } from '../errors.js';
import { decodeNpy, encodeNpy, type NpyArray } from './npy.js';

/** A RuntimeEncoder-tagged value. */
export interface Typed<T extends string = string, V = unknown> {
  readonly __type__: T;
  readonly __value__: V;
}

export function typed<T extends string, V>(type: T, value: V): Typed<T, V> {
  return { __type__: type, __value__: value };
}

/** True if `value` is a RuntimeEncoder object, optionally of the given type. */
export function isTyped(value: unknown, type?: string): value is Typed {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    '__type__' in value &&
    '__value__' in value &&
    (type === undefined || (value as Typed).__type__ === type)
  );
}

/** `{"__type__":"ndarray","__value__":"<base64(zlib(npy))>"}` for a uint8 or float64 array. */
export function encodeNdarray(dtype: '|u1' | '<f8', shape: readonly number[], data: Uint8Array | Float64Array): Typed<'ndarray', string> {
  const npy = encodeNpy(dtype, shape, data);
  return typed('ndarray', Buffer.from(deflateSync(npy)).toString('base64'));
}

/**
 * Decodes an `ndarray` value: the npy form (base64 of zlib of .npy, as Python's client sends), or
 * the list/number form RuntimeEncoder uses for object arrays (returned as plain nested arrays).
 */
export function decodeNdarray(value: Typed): NpyArray | unknown[] | number {
  const v = value.__value__;
  if (Array.isArray(v) || typeof v === 'number') return v;
  if (typeof v !== 'string') throw new InvalidEncodingError('an ndarray value must be a base64 string, a list or a number');
  const raw = Buffer.from(v, 'base64');
  let npy: Buffer;
  try {
    npy = inflateSync(raw);
  } catch {
    // RuntimeEncoder always compresses, but an uncompressed .npy is unambiguous (its magic byte).
    if (raw[0] !== 0x93) throw new InvalidEncodingError('an ndarray value is neither zlib-compressed nor a raw .npy file');
    npy = raw;
  }
  return decodeNpy(new Uint8Array(npy.buffer, npy.byteOffset, npy.byteLength));
}
