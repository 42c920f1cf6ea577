/**
 * The QPY file header (magic, format version, writer's Qiskit version, circuit count) and the
 * per-circuit header. Layouts follow the format description in Qiskit's `qiskit/qpy/__init__.py`.
 */
import { InvalidEncodingError } from '../errors.js';
import type { QpyReader } from './reader.js';

/** Oldest format read: version 5 fixed the INSTRUCTION and CUSTOM_INSTRUCTION layouts used here. */
export const MIN_QPY_VERSION = 5;
/** Newest format read (what qiskit-ibm-runtime 0.46+ sends at most). */
export const MAX_QPY_VERSION = 17;

const MAGIC = 'QISKIT';

export interface FileHeader {
  readonly version: number;
  readonly qiskitVersion: string;
  /** How QPY 10-12 store parameter expressions: 'p' sympy strings, 'e' symengine blobs ('p' before 10). */
  readonly symbolicEncoding: string;
}

/** Reads the file header up to the first circuit payload (offset table included). */
export function readFileHeader(r: QpyReader): FileHeader {
  const magic = r.remaining >= MAGIC.length ? r.utf8(MAGIC.length, 'magic') : '';
  if (magic !== MAGIC) throw new InvalidEncodingError("not a QPY payload: it must start with the bytes 'QISKIT' (qiskit.qpy.dump output)");
  const version = r.u8('QPY version');
  const qiskitVersion = `${r.u8('Qiskit major version')}.${r.u8('Qiskit minor version')}.${r.u8('Qiskit patch version')}`;
  if (version < MIN_QPY_VERSION || version > MAX_QPY_VERSION) {
    throw new InvalidEncodingError(
      `QPY format version ${version} (written by Qiskit ${qiskitVersion}) is not supported; versions ${MIN_QPY_VERSION} to ${MAX_QPY_VERSION} are read (qiskit.qpy.dump(..., version=${Math.min(Math.max(version, 13), MAX_QPY_VERSION)}))`,
    );
  }
  const numCircuits = r.u64('circuit count');
  if (numCircuits !== 1) throw new InvalidEncodingError(`a QPY circuit value must hold exactly one circuit, this one holds ${numCircuits}`);
  const symbolicEncoding = version >= 10 ? r.char('symbolic encoding') : 'p';
  const programType = r.char('program type');
  if (programType !== 'q') throw new InvalidEncodingError(`the QPY payload holds a program of type '${programType}', not a QuantumCircuit ('q'); pulse schedules are not supported`);
  // Version 16 added a table of each circuit's start offset; with one circuit it is not needed.
  if (version >= 16) r.skip(8, 'circuit offset table');
  return { version, qiskitVersion, symbolicEncoding };
}

export interface CircuitHeader {
  readonly name: string;
  readonly numQubits: number;
  readonly numClbits: number;
  readonly numRegisters: number;
  readonly numInstructions: number;
  readonly numVars: number;
}

/** Reads HEADER (V2, or V12 with the variable count), then name, global phase and metadata. */
export function readCircuitHeader(r: QpyReader, version: number): CircuitHeader {
  const nameSize = r.u16('circuit name size');
  r.char('global phase type');
  const phaseSize = r.u16('global phase size');
  const numQubits = r.u32('qubit count');
  const numClbits = r.u32('clbit count');
  const metadataSize = r.u64('metadata size');
  const numRegisters = r.u32('register count');
  const numInstructions = r.u64('instruction count');
  const numVars = version >= 12 ? r.u32('variable count') : 0;
  const name = r.utf8(nameSize, 'circuit name');
  // The global phase changes no probability or expectation value, so its value is not needed.
  r.skip(phaseSize, 'global phase');
  r.skip(metadataSize, 'circuit metadata');
  return { name, numQubits, numClbits, numRegisters, numInstructions, numVars };
}
