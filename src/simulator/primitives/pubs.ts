/**
 * Shared parts of PUB coercion: the circuit element, shot counts, precisions, and the engine
 * settings both primitives run with.
 */
import { CircuitTooLargeError, InvalidEncodingError, InvalidPubError, QasmError } from '../errors.js';
import type { Circuit } from '../circuit/ir.js';
import { activeQubitCount } from '../circuit/plan.js';
import { isTyped } from '../encoding/runtime-json.js';
import { parseQasm } from '../qasm/index.js';
import { decodeQpyCircuit } from '../qpy/index.js';
import type { SimulatorBackend } from '../backends/backend.js';
import { describe } from './ndarray.js';
import { randomSeed } from '../random/rng.js';

/** Tuning knobs of the engine; the defaults suit the reference machine. */
export interface EngineOptions {
  /** Widest fused gate block in qubits (0 disables fusion). Default 2. */
  readonly fusionMaxQubits?: number;
  /** States of at least this many qubits are updated by worker threads. Default 18. */
  readonly parallelFromQubits?: number;
  /**
   * Larger states are updated in cache-sized sub-states of this many qubits, several gates per
   * pass (0 disables). Default 16.
   */
  readonly cacheBlockQubits?: number;
}

export const DEFAULT_ENGINE_OPTIONS = { fusionMaxQubits: 2, parallelFromQubits: 18, cacheBlockQubits: 16 } as const;

/** Shots of a sampler PUB that names none, when the job names none either (IBM's default). */
export const DEFAULT_SHOTS = 4096;

/** Most shots one PUB may ask for across all its parameter bindings (bounds result memory). */
export const MAX_EXECUTIONS_PER_PUB = 10_000_000;

/** The job's seed: a finite number, or a fresh random one when absent. */
export function resolveSeed(seed: unknown): number {
  if (seed === undefined || seed === null) return randomSeed();
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new InvalidPubError('seed', `the seed must be a number, got ${describe(seed)}`);
  return seed;
}

/**
 * The circuit of a PUB: OpenQASM 2/3 text, a QPY `QuantumCircuit` value (what the Python client
 * sends; see qpy/index.ts for the subset read), or a circuit already compiled.
 */
export function coerceCircuit(value: unknown, path: string): Circuit {
  if (typeof value === 'string') {
    try {
      return parseQasm(value);
    } catch (err) {
      throw err instanceof QasmError ? err.inContext(path) : err;
    }
  }
  if (isTyped(value, 'QuantumCircuit')) {
    try {
      return decodeQpyCircuit(value.__value__);
    } catch (err) {
      throw err instanceof InvalidEncodingError ? new InvalidPubError(path, err.message) : err;
    }
  }
  if (isCircuit(value)) return value;
  throw new InvalidPubError(path, `expected an OpenQASM 3 (or 2) program as a string, got ${describe(value)}`);
}

function isCircuit(value: unknown): value is Circuit {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<Circuit>;
  return typeof c.numQubits === 'number' && Array.isArray(c.instructions) && Array.isArray(c.registers) && Array.isArray(c.parameters);
}

/** Refuses, before any work, a circuit whose active qubits exceed what the backend holds. */
export function checkCircuitFits(circuit: Circuit, backend: SimulatorBackend): void {
  const needed = activeQubitCount(circuit);
  if (needed > backend.numQubits) throw new CircuitTooLargeError(needed, backend.numQubits, backend.name);
}

/** Validates a shot count (PUB-level, job-level or default, in that order of precedence). */
export function resolveShots(pubShots: unknown, jobShots: unknown, maxShots: number, path: string): number {
  const shots = pubShots ?? jobShots ?? DEFAULT_SHOTS;
  if (typeof shots !== 'number' || !Number.isInteger(shots) || shots < 1 || shots > maxShots) {
    throw new InvalidPubError(path, `shots must be an integer from 1 to ${maxShots}, got ${describe(shots)}`);
  }
  return shots;
}

/** Validates a precision (PUB-level, then job-level); 0 or absent means exact expectation values. */
export function resolvePrecision(pubPrecision: unknown, jobPrecision: unknown, path: string): number {
  const p = pubPrecision ?? jobPrecision ?? 0;
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) {
    throw new InvalidPubError(path, `precision must be a non-negative number, got ${describe(p)}`);
  }
  return p;
}

/** A PUB as a list: a bare circuit is shorthand for `[circuit]`. */
export function pubElements(pub: unknown, path: string, maxLength: number): unknown[] {
  if (Array.isArray(pub)) {
    if (pub.length === 0 || pub.length > maxLength) {
      throw new InvalidPubError(path, `a PUB has 1 to ${maxLength} elements, got ${pub.length}`);
    }
    return pub;
  }
  return [pub];
}

/** The parameter values of binding `b`, as the name → value map the planner reads. */
export function bindingMap(parameters: readonly string[], values: Float64Array, b: number): Map<string, number> {
  return new Map(parameters.map((p, j) => [p, values[b * parameters.length + j]!]));
}
