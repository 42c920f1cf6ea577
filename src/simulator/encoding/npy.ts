/**
 * NumPy's .npy format (versions 1.0 to 3.0): what `np.save` writes and `np.load` reads, and what
 * Qiskit's RuntimeEncoder wraps (zlib, base64) as `{"__type__": "ndarray", ...}`.
 *
 * Layout: magic `\x93NUMPY`, major and minor version bytes, header length (uint16 LE in 1.0, uint32
 * LE in 2.0+), an ASCII Python dict `{'descr': ..., 'fortran_order': ..., 'shape': (...), }` padded
 * with spaces and a newline so the data starts on a 64-byte boundary, then the raw data.
 */
import { InvalidEncodingError } from '../errors.js';

/** Element types this module reads; it writes `|u1` and `<f8`. */
export type NpyDtype = '|u1' | '|i1' | '|b1' | '<u2' | '<i2' | '<u4' | '<i4' | '<u8' | '<i8' | '<f4' | '<f8';

export interface NpyArray {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** Elements in C (row-major) order. */
  readonly data: Uint8Array | Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function shapeLiteral(shape: readonly number[]): string {
  if (shape.length === 0) return '()';
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** Encodes a uint8 or float64 array as .npy version 1.0, as `np.save` would. */
export function encodeNpy(dtype: '|u1' | '<f8', shape: readonly number[], data: Uint8Array | Float64Array): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new Error(`npy data has ${data.length} elements, shape ${shapeLiteral(shape)} needs ${count}`);
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeLiteral(shape)}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const preamble = MAGIC.length + 4;
  const body = dtype === '|u1' ? (data as Uint8Array) : littleEndianFloat64(data as Float64Array);
  const out = new Uint8Array(preamble + header.length + body.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[preamble + i] = header.charCodeAt(i);
  out.set(body, preamble + header.length);
  return out;
}

function littleEndianFloat64(data: Float64Array): Uint8Array {
  const out = new Uint8Array(data.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat64(8 * i, data[i]!, true);
  return out;
}

const ELEMENT_SIZE: Readonly<Record<string, number>> = {
  b1: 1, i1: 1, u1: 1, i2: 2, u2: 2, i4: 4, u4: 4, i8: 8, u8: 8, f4: 4, f8: 8,
};

/**
 * Decodes .npy bytes. Numeric types other than uint8 are returned as float64 (parameter values are
 * floats whatever NumPy type the client used); big-endian and Fortran-ordered arrays are converted.
 */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  const fail = (why: string): never => {
    throw new InvalidEncodingError(`not a valid .npy array: ${why}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('missing the \\x93NUMPY magic');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('truncated header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    return fail(`unsupported format version ${major}`);
  }
  if (headerStart + headerLength > bytes.length) fail('truncated header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([<>|=])([a-z])(\d+)'/.exec(header) ?? fail(`unsupported dtype in header ${header.trim()}`);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header) ?? fail('missing fortran_order');
  const shapeMatch = /'shape'\s*:\s*\(([^)]*)\)/.exec(header) ?? fail('missing shape');
  const shape = shapeMatch[1]!
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d) => {
      const n = Number(d.replace(/L$/, ''));
      if (!Number.isInteger(n) || n < 0) fail(`bad dimension '${d}'`);
      return n;
    });
  const [, order, kind, sizeText] = descr;
  const key = `${kind}${sizeText}`;
  const size = ELEMENT_SIZE[key] ?? fail(`unsupported dtype '${order}${key}'`);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLength;
  if (bytes.length - dataStart < count * size) fail(`expected ${count * size} data bytes, found ${bytes.length - dataStart}`);
  const little = order !== '>';
  const read = (i: number): number => {
    const at = dataStart + i * size;
    switch (key) {
      case 'b1':
      case 'u1':
        return view.getUint8(at);
      case 'i1':
        return view.getInt8(at);
      case 'u2':
        return view.getUint16(at, little);
      case 'i2':
        return view.getInt16(at, little);
      case 'u4':
        return view.getUint32(at, little);
      case 'i4':
        return view.getInt32(at, little);
      case 'u8':
        return Number(view.getBigUint64(at, little));
      case 'i8':
        return Number(view.getBigInt64(at, little));
      case 'f4':
        return view.getFloat32(at, little);
      default:
        return view.getFloat64(at, little);
    }
  };
  const isBytes = key === 'u1';
  const data = isBytes ? new Uint8Array(count) : new Float64Array(count);
  const strides = fortran[1] === 'True' ? fortranStrides(shape) : null;
  for (let i = 0; i < count; i++) data[i] = read(strides ? fortranOffset(i, shape, strides) : i);
  const dtype = (order === '>' ? `<${key}` : `${order === '=' ? '<' : order}${key}`) as NpyDtype;
  return { dtype: isBytes ? '|u1' : dtype, shape, data };
}

function fortranStrides(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let s = 1;
  for (const d of shape) {
    strides.push(s);
    s *= d;
  }
  return strides;
}

/** Storage position, in a Fortran-ordered buffer, of the element at C-order position `i`. */
function fortranOffset(i: number, shape: readonly number[], strides: readonly number[]): number {
  let offset = 0;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const d = shape[axis]!;
    offset += (i % d) * strides[axis]!;
    i = Math.floor(i / d);
  }
  return offset;
}
