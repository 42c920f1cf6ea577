/**
 * The compiled circuit: what the OpenQASM compiler produces and the engine consumes. User-defined
 * gates, loops and broadcasts are already expanded; angles stay symbolic until parameters are bound,
 * and `if` blocks stay as they are because they depend on measurement results.
 */
import type { Expr } from './expr.js';

/** `inv` or `pow(k)`, applied to a gate's unitary in list order (innermost modifier first). */
export type UnitaryModifier = { readonly kind: 'inv' } | { readonly kind: 'pow'; readonly exponent: Expr };

interface Controlled {
  /** Control qubits; the operation acts where every control is in its `controlStates` value. */
  readonly controls: readonly number[];
  /** 1 for `ctrl`, 0 for `negctrl`, one per control. */
  readonly controlStates: readonly number[];
}

/** A natively simulated gate (see gates/standard-gates.ts) on `targets`. */
export interface GateInstruction extends Controlled {
  readonly kind: 'gate';
  /** Name in the standard gate table. */
  readonly gate: string;
  readonly params: readonly Expr[];
  readonly targets: readonly number[];
  readonly modifiers: readonly UnitaryModifier[];
}

/**
 * A unitary given by a sequence of instructions on `targets`, kept whole because a fractional
 * `pow` modifier needs the matrix of the entire user-defined gate.
 */
export interface BlockInstruction extends Controlled {
  readonly kind: 'block';
  readonly body: readonly Instruction[];
  readonly targets: readonly number[];
  readonly modifiers: readonly UnitaryModifier[];
}

/** `gphase(θ)`: a global phase, or with controls a phase on the subspace where they fire. */
export interface PhaseInstruction extends Controlled {
  readonly kind: 'phase';
  readonly angle: Expr;
  readonly modifiers: readonly UnitaryModifier[];
}

export interface MeasureInstruction {
  readonly kind: 'measure';
  readonly qubit: number;
  /** Null for `measure q;` whose result is discarded (the qubit still collapses). */
  readonly clbit: number | null;
}

export interface ResetInstruction {
  readonly kind: 'reset';
  readonly qubit: number;
}

export interface IfInstruction {
  readonly kind: 'if';
  /** Reads classical bits; non-zero selects `then`. */
  readonly condition: Expr;
  readonly then: readonly Instruction[];
  readonly otherwise: readonly Instruction[];
}

export type Instruction =
  | GateInstruction
  | BlockInstruction
  | PhaseInstruction
  | MeasureInstruction
  | ResetInstruction
  | IfInstruction;

/** A classical register; its bits are `offset .. offset+size-1`, bit `offset` least significant. */
export interface ClassicalRegister {
  readonly name: string;
  readonly size: number;
  readonly offset: number;
}

/** A compiled OpenQASM program. Plain data: it can be cached and passed to worker threads. */
export interface Circuit {
  /** Declared width: the sum of qubit registers, or (hardware qubits) the highest `$n` + 1. */
  readonly numQubits: number;
  readonly numClbits: number;
  /** Classical registers in declaration order (the sampler's output fields). */
  readonly registers: readonly ClassicalRegister[];
  /** `input` parameter names sorted as Qiskit sorts `circuit.parameters`. */
  readonly parameters: readonly string[];
  readonly instructions: readonly Instruction[];
  /** True if the program addresses hardware qubits (`$n`) instead of declaring registers. */
  readonly usesHardwareQubits: boolean;
  readonly qasmVersion: 2 | 3;
}
