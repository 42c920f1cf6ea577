/**
 * QPY circuits as qiskit-ibm-runtime's RuntimeEncoder sends them:
 * `{"__type__": "QuantumCircuit", "__value__": base64(zlib(qiskit.qpy.dump(circuit)))}`.
 *
 * A subset is read: QPY format versions 5 to 17 (all Qiskit 1.x and 2.x write), quantum and classical
 * registers, the standard gates by class name, measure, reset, barrier, delay, float and integer
 * angles, unbound `Parameter`s and `ParameterVector` elements and parameter expressions over them
 * (QPY 13+; bound by the PUB's parameter values), and custom gates with a parameterless definition (expanded). Everything else is refused with a
 * message naming it. Sizes are capped before and while inflating, so a small value cannot expand
 * into a huge allocation.
 */
import { inflateSync } from 'node:zlib';
import { InvalidEncodingError } from '../errors.js';
import type { Circuit } from '../circuit/ir.js';
import { compareCodePoints } from '../qasm/compiler.js';
import { readCircuit } from './circuit.js';
import { readFileHeader } from './header.js';
import type { ParameterRef } from './params.js';
import { QpyReader } from './reader.js';

export { MAX_QPY_VERSION, MIN_QPY_VERSION } from './header.js';

/** Longest base64 text accepted (about 12 MiB of compressed QPY). */
export const MAX_QPY_BASE64_CHARS = 16 * 1024 * 1024;
/** Largest QPY payload after inflating; a zlib bomb stops here. */
export const MAX_QPY_BYTES = 64 * 1024 * 1024;
/** Most instructions one circuit may expand into (custom gates included). */
export const MAX_QPY_INSTRUCTIONS = 2_000_000;

/** Decodes the `__value__` of a `QuantumCircuit` value into a simulator circuit. */
export function decodeQpyCircuit(value: unknown): Circuit {
  if (typeof value !== 'string') throw new InvalidEncodingError('a QuantumCircuit value must be a base64 string of zlib-compressed QPY');
  if (value.length > MAX_QPY_BASE64_CHARS) throw new InvalidEncodingError(`the QPY circuit is ${value.length} base64 characters long; at most ${MAX_QPY_BASE64_CHARS} are accepted`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) throw new InvalidEncodingError('the QPY circuit is not valid base64');
  const raw = Buffer.from(value, 'base64');
  // The Python client compresses (a zlib stream starts with 0x78); raw QPY is accepted too.
  const bytes = raw[0] === 0x78 ? inflate(raw) : raw;
  return decodeQpyBytes(bytes);
}

function inflate(raw: Buffer): Buffer {
  try {
    return inflateSync(raw, { maxOutputLength: MAX_QPY_BYTES });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new InvalidEncodingError(`the QPY circuit inflates to more than ${MAX_QPY_BYTES} bytes, the most accepted`);
    }
    throw new InvalidEncodingError('the QPY circuit is not zlib-compressed QPY (it could not be inflated)');
  }
}

/** Decodes raw (uncompressed) QPY bytes holding one circuit. */
export function decodeQpyBytes(bytes: Uint8Array): Circuit {
  if (bytes.length > MAX_QPY_BYTES) throw new InvalidEncodingError(`the QPY payload is ${bytes.length} bytes; at most ${MAX_QPY_BYTES} are accepted`);
  const r = new QpyReader(bytes);
  const { version, symbolicEncoding } = readFileHeader(r);
  const parameters = new Map<string, ParameterRef>();
  let emitted = 0;
  const body = readCircuit(r, {
    version,
    symbolicEncoding,
    onParameter: (p) => void parameters.set(p.name, p),
    count: (n) => {
      emitted += n;
      if (emitted > MAX_QPY_INSTRUCTIONS) throw new InvalidEncodingError(`the QPY circuit expands to more than ${MAX_QPY_INSTRUCTIONS} instructions`);
    },
  });
  return {
    numQubits: body.header.numQubits,
    numClbits: body.header.numClbits,
    registers: body.registers,
    parameters: [...parameters.values()].sort(compareParameters).map((p) => p.name),
    instructions: body.instructions,
    usesHardwareQubits: false,
    qasmVersion: 3,
  };
}

/**
 * The order of Qiskit's `circuit.parameters`, which the PUB's parameter value columns follow: by
 * name, except that elements of one ParameterVector go by index (x[2] before x[10]).
 */
export function compareParameters(a: ParameterRef, b: ParameterRef): number {
  if (a.vector && b.vector && a.vector.name === b.vector.name) return a.vector.index - b.vector.index;
  return compareCodePoints(a.name, b.name);
}
