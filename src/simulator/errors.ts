/**
 * Errors the simulator throws on purpose. Every class carries a stable `code` so the job service can
 * map it to a job failure reason or an HTTP 400 without parsing messages. Anything else thrown from
 * this module is a bug.
 */

/** Stable machine codes of {@link SimulatorError} subclasses. */
export type SimulatorErrorCode =
  | 'qasm_syntax_error'
  | 'qasm_semantic_error'
  | 'circuit_too_large'
  | 'invalid_pub'
  | 'unsupported_operation'
  | 'simulation_cancelled'
  | 'invalid_encoding'
  | 'unknown_backend';

/** Base class of every deliberate simulator error. */
export class SimulatorError extends Error {
  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An OpenQASM program could not be understood; `line` and `column` are 1-based. */
export abstract class QasmError extends SimulatorError {
  constructor(
    code: 'qasm_syntax_error' | 'qasm_semantic_error',
    /** What was wrong, without the position prefix. */
    readonly detail: string,
    readonly line: number,
    readonly column: number,
    /** Where the program came from, e.g. `pubs[2][0]`, when it was part of a request. */
    readonly context?: string,
  ) {
    super(code, `${context ? `${context}, ` : ''}line ${line}, column ${column}: ${detail}`);
  }

  /** The same error, located inside a request (`pubs[i][0]`). */
  abstract inContext(context: string): QasmError;
}

/** The program text is not well-formed OpenQASM (a token or construct other than the one expected). */
export class QasmSyntaxError extends QasmError {
  constructor(detail: string, line: number, column: number, context?: string) {
    super('qasm_syntax_error', detail, line, column, context);
  }

  inContext(context: string): QasmSyntaxError {
    return new QasmSyntaxError(this.detail, this.line, this.column, context);
  }
}

/**
 * The program is well-formed but meaningless or outside the supported subset: an unknown gate or
 * identifier, a wrong number of arguments, an index out of range, a `while` loop, and so on.
 */
export class QasmSemanticError extends QasmError {
  constructor(detail: string, line: number, column: number, context?: string) {
    super('qasm_semantic_error', detail, line, column, context);
  }

  inContext(context: string): QasmSemanticError {
    return new QasmSemanticError(this.detail, this.line, this.column, context);
  }
}

/** The circuit needs more qubits than the backend can hold in memory; refused before any work. */
export class CircuitTooLargeError extends SimulatorError {
  constructor(
    readonly requiredQubits: number,
    readonly allowedQubits: number,
    backendName: string,
  ) {
    super(
      'circuit_too_large',
      `the circuit uses ${requiredQubits} qubits but backend ${backendName} allows at most ` +
        `${allowedQubits} qubits`,
    );
  }
}

/** A primitive unified bloc (PUB) or a job-level option is malformed; `path` locates it. */
export class InvalidPubError extends SimulatorError {
  constructor(
    /** Where the problem is, e.g. `pubs[1][2]` or `pubs[0].observables[3]`. */
    readonly path: string,
    detail: string,
  ) {
    super('invalid_pub', `${path}: ${detail}`);
  }
}

/** The circuit is valid but uses something this backend cannot run (e.g. a T gate on the stabilizer). */
export class UnsupportedOperationError extends SimulatorError {
  constructor(message: string) {
    super('unsupported_operation', message);
  }
}

/** The caller's AbortSignal fired; the simulation stopped between two gates or shots. */
export class SimulationCancelledError extends SimulatorError {
  constructor(readonly reason?: unknown) {
    super('simulation_cancelled', 'the simulation was cancelled');
  }
}

/** A typed-JSON or npy payload could not be decoded. */
export class InvalidEncodingError extends SimulatorError {
  constructor(message: string) {
    super('invalid_encoding', message);
  }
}

/** No built-in backend has this name. */
export class UnknownBackendError extends SimulatorError {
  constructor(
    readonly backendName: string,
    known: readonly string[],
  ) {
    super('unknown_backend', `unknown backend '${backendName}'; known backends: ${known.join(', ')}`);
  }
}

/** Throws {@link SimulationCancelledError} when `signal` has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SimulationCancelledError(signal.reason);
}
