/**
 * Turns a circuit and one set of parameter values into an execution plan: gate matrices computed,
 * idle qubits dropped, measurements that nothing depends on deferred to the end, gates fused, and
 * `if` blocks flattened into a small jump-based program for the executor.
 *
 * Dropping idle qubits matters for transpiled circuits: Qiskit addresses a 127-qubit device with
 * `$n` qubits, but a circuit touching five of them simulates in 2^5 amplitudes.
 */
import { InvalidPubError } from '../errors.js';
import { adjoint, controlled, embed, identity, multiply, scale, unitaryPower, type ComplexMatrix } from '../gates/complex-matrix.js';
import { STANDARD_GATES } from '../gates/standard-gates.js';
import type { BoundGate, KernelOp, PhaseSink } from '../engine/kernel-op.js';
import { fuseGates, type FusionOptions } from '../engine/fusion.js';
import { collectClbits, evaluate, type Expr } from './expr.js';
import type { Circuit, Instruction, UnitaryModifier } from './ir.js';

/** One step of the executor's program; `Op` is what the backend applies (kernel ops, Clifford actions). */
export type Step<Op = KernelOp> =
  | { readonly op: 'apply'; readonly ops: readonly Op[] }
  | { readonly op: 'measure'; readonly qubit: number; readonly clbit: number | null }
  | { readonly op: 'reset'; readonly qubit: number }
  /** If `condition` is false, continue at `elseTarget`. */
  | { readonly op: 'branch'; readonly condition: Expr; readonly elseTarget: number }
  | { readonly op: 'jump'; readonly target: number };

/** A measurement taken from the final state, after the program has run. */
export interface TerminalMeasure {
  readonly qubit: number;
  readonly clbit: number;
}

export interface ExecutionPlan<Op = KernelOp> {
  /** Simulated width: only qubits some instruction touches. */
  readonly numQubits: number;
  /** Circuit qubit → simulated qubit, or -1 for idle qubits (which stay |0>). */
  readonly qubitMap: Int32Array;
  readonly numClbits: number;
  readonly steps: readonly Step<Op>[];
  readonly terminalMeasures: readonly TerminalMeasure[];
  /**
   * Global phase kept out of the state: top-level `gphase`, and phases factored out of diagonal
   * gates. Unobservable in samples and expectation values; exact only without mid-circuit
   * measurement (a phase factored inside a branch belongs to that branch).
   */
  readonly globalPhase: number;
  /** True if any measurement, reset or condition must happen while the state evolves. */
  readonly isDynamic: boolean;
}

export type PlanOptions = FusionOptions;

type BoundInstruction =
  | { readonly kind: 'gate'; readonly gate: BoundGate }
  | { readonly kind: 'globalPhase'; readonly angle: number }
  | { readonly kind: 'measure'; readonly qubit: number; readonly clbit: number | null }
  | { readonly kind: 'reset'; readonly qubit: number }
  | {
      readonly kind: 'if';
      readonly condition: Expr;
      readonly then: readonly BoundInstruction[];
      readonly otherwise: readonly BoundInstruction[];
    };

/** Counts the qubits a circuit actually uses (what the memory check must allow for). */
export function activeQubitCount(circuit: Circuit): number {
  const used = new Set<number>();
  const visit = (list: readonly Instruction[]): void => {
    for (const ins of list) {
      if (ins.kind === 'measure' || ins.kind === 'reset') used.add(ins.qubit);
      else if (ins.kind === 'if') {
        visit(ins.then);
        visit(ins.otherwise);
      } else {
        for (const q of ins.controls) used.add(q);
        if (ins.kind !== 'phase') for (const q of ins.targets) used.add(q);
      }
    }
  };
  visit(circuit.instructions);
  return used.size;
}

/** Turns the bound gates of one unitary stretch into what a backend applies. */
export type GateLowering<Op> = (gates: readonly BoundGate[], sink: PhaseSink) => Op[];

/** Binds `params` into `circuit` and prepares it for the statevector engine (gates fused). */
export function planCircuit(circuit: Circuit, params: ReadonlyMap<string, number>, options: PlanOptions = {}): ExecutionPlan {
  return buildPlan(circuit, params, (gates, sink) => fuseGates(gates, options, sink));
}

/** Binds `params` into `circuit` and prepares it for a backend that applies `lower`'s output. */
export function buildPlan<Op>(circuit: Circuit, params: ReadonlyMap<string, number>, lower: GateLowering<Op>): ExecutionPlan<Op> {
  const bound = bindList(circuit.instructions, params);

  const used = new Set<number>();
  collectQubits(bound, used);
  const qubitMap = new Int32Array(circuit.numQubits).fill(-1);
  [...used].sort((a, b) => a - b).forEach((q, i) => (qubitMap[q] = i));
  const mapped = remap(bound, qubitMap);

  let globalPhase = 0;
  const body: BoundInstruction[] = [];
  for (const ins of mapped) {
    if (ins.kind === 'globalPhase') globalPhase += ins.angle;
    else body.push(ins);
  }
  const { kept, terminal } = deferMeasures(body);
  const steps: Step<Op>[] = [];
  const sink = { angle: 0 };
  emitSteps(kept, steps, lower, sink);
  return {
    numQubits: used.size,
    qubitMap,
    numClbits: circuit.numClbits,
    steps,
    terminalMeasures: terminal,
    globalPhase: globalPhase + sink.angle,
    isDynamic: steps.some((s) => s.op !== 'apply'),
  };
}

// ---- binding --------------------------------------------------------------------------------

function bindList(list: readonly Instruction[], params: ReadonlyMap<string, number>): BoundInstruction[] {
  const out: BoundInstruction[] = [];
  for (const ins of list) {
    switch (ins.kind) {
      case 'gate': {
        const g = STANDARD_GATES.get(ins.gate)!;
        const values = ins.params.map((p) => finite(evaluate(p, { params }), ins.gate));
        const matrix = applyModifiers(g.target(values), ins.modifiers, params);
        out.push({ kind: 'gate', gate: { targets: ins.targets, controls: ins.controls, controlStates: ins.controlStates, matrix, label: gateLabel(ins) } });
        break;
      }
      case 'phase': {
        let angle = finite(evaluate(ins.angle, { params }), 'gphase');
        for (const m of ins.modifiers) {
          angle = m.kind === 'inv' ? -angle : principalAngle(angle) * evaluate(m.exponent, { params });
        }
        if (ins.controls.length === 0) out.push({ kind: 'globalPhase', angle });
        else {
          const matrix = new Float64Array([Math.cos(angle), Math.sin(angle)]);
          out.push({ kind: 'gate', gate: { targets: [], controls: ins.controls, controlStates: ins.controlStates, matrix, label: 'ctrl @ gphase' } });
        }
        break;
      }
      case 'block': {
        const inner = bindList(ins.body, params);
        const matrix = applyModifiers(blockUnitary(inner, ins.targets), ins.modifiers, params);
        out.push({ kind: 'gate', gate: { targets: ins.targets, controls: ins.controls, controlStates: ins.controlStates, matrix, label: 'a fractional power of a gate' } });
        break;
      }
      case 'measure':
        out.push({ kind: 'measure', qubit: ins.qubit, clbit: ins.clbit });
        break;
      case 'reset':
        out.push({ kind: 'reset', qubit: ins.qubit });
        break;
      case 'if':
        out.push({ kind: 'if', condition: ins.condition, then: bindList(ins.then, params), otherwise: bindList(ins.otherwise, params) });
        break;
    }
  }
  return out;
}

/** A gate angle must be a number for every binding (1/theta at theta = 0 is not). */
function finite(value: number, gate: string): number {
  if (!Number.isFinite(value)) {
    throw new InvalidPubError('parameter values', `gate '${gate}' gets the angle ${value} with these parameter values`);
  }
  return value;
}

/** How a gate reads in error messages, e.g. `ctrl @ inv @ t`. */
function gateLabel(ins: Extract<Instruction, { kind: 'gate' }>): string {
  const mods = ins.modifiers.map((m) => (m.kind === 'inv' ? 'inv @ ' : 'pow(...) @ ')).reverse().join('');
  const builtIn = STANDARD_GATES.get(ins.gate)!.numControls;
  const extra = ins.controls.length - builtIn;
  return `${extra > 0 ? `ctrl(${extra}) @ ` : ''}${mods}${ins.gate}`;
}

function applyModifiers(m: ComplexMatrix, modifiers: readonly UnitaryModifier[], params: ReadonlyMap<string, number>): ComplexMatrix {
  for (const mod of modifiers) {
    m = mod.kind === 'inv' ? adjoint(m) : unitaryPower(m, evaluate(mod.exponent, { params }));
  }
  return m;
}

/** The unitary of a bound gate sequence on `qubits` (bit j = qubits[j]), global phases included. */
function blockUnitary(body: readonly BoundInstruction[], qubits: readonly number[]): ComplexMatrix {
  let m = identity(1 << qubits.length);
  for (const ins of body) {
    if (ins.kind === 'globalPhase') m = scale(m, Math.cos(ins.angle), Math.sin(ins.angle));
    else if (ins.kind === 'gate') {
      const g = ins.gate;
      const full = controlled(g.matrix, g.controls.length, g.controlStates);
      m = multiply(embed(full, [...g.controls, ...g.targets], qubits), m);
    } else throw new Error(`a ${ins.kind} instruction cannot be part of a gate`);
  }
  return m;
}

/** Maps an angle to (-π, π], the principal branch `pow` uses. */
function principalAngle(a: number): number {
  const r = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
  return r === -Math.PI ? Math.PI : r;
}

// ---- qubit compaction -----------------------------------------------------------------------

function collectQubits(list: readonly BoundInstruction[], out: Set<number>): void {
  for (const ins of list) {
    if (ins.kind === 'gate') {
      for (const q of ins.gate.controls) out.add(q);
      for (const q of ins.gate.targets) out.add(q);
    } else if (ins.kind === 'measure' || ins.kind === 'reset') out.add(ins.qubit);
    else if (ins.kind === 'if') {
      collectQubits(ins.then, out);
      collectQubits(ins.otherwise, out);
    }
  }
}

function remap(list: readonly BoundInstruction[], map: Int32Array): BoundInstruction[] {
  const m = (q: number): number => map[q]!;
  return list.map((ins): BoundInstruction => {
    switch (ins.kind) {
      case 'gate':
        return { kind: 'gate', gate: { ...ins.gate, controls: ins.gate.controls.map(m), targets: ins.gate.targets.map(m) } };
      case 'measure':
        return { kind: 'measure', qubit: m(ins.qubit), clbit: ins.clbit };
      case 'reset':
        return { kind: 'reset', qubit: m(ins.qubit) };
      case 'if':
        return { ...ins, then: remap(ins.then, map), otherwise: remap(ins.otherwise, map) };
      default:
        return ins;
    }
  });
}

// ---- measurement deferral -------------------------------------------------------------------

/**
 * Moves to the end every top-level measurement whose qubit is never touched again, whose bit is
 * never read by a later condition and never overwritten by a later kept measurement. What remains
 * in the program are the measurements that really happen mid-circuit.
 */
function deferMeasures(body: readonly BoundInstruction[]): { kept: BoundInstruction[]; terminal: TerminalMeasure[] } {
  const touchedLater = new Set<number>();
  const bitsReadLater = new Set<number>();
  const bitsWrittenLater = new Set<number>();
  const kept: BoundInstruction[] = [];
  const terminal: TerminalMeasure[] = [];
  for (let i = body.length - 1; i >= 0; i--) {
    const ins = body[i]!;
    if (ins.kind === 'measure') {
      const deferrable =
        !touchedLater.has(ins.qubit) &&
        (ins.clbit === null || (!bitsReadLater.has(ins.clbit) && !bitsWrittenLater.has(ins.clbit)));
      if (deferrable) {
        // A discarded result of a qubit nothing touches again changes nothing: drop it.
        if (ins.clbit !== null) terminal.push({ qubit: ins.qubit, clbit: ins.clbit });
        continue;
      }
    }
    noteEffects(ins, touchedLater, bitsReadLater, bitsWrittenLater);
    kept.push(ins);
  }
  return { kept: kept.reverse(), terminal: terminal.reverse() };
}

function noteEffects(ins: BoundInstruction, qubits: Set<number>, read: Set<number>, written: Set<number>): void {
  switch (ins.kind) {
    case 'gate':
      for (const q of ins.gate.controls) qubits.add(q);
      for (const q of ins.gate.targets) qubits.add(q);
      return;
    case 'measure':
      qubits.add(ins.qubit);
      if (ins.clbit !== null) written.add(ins.clbit);
      return;
    case 'reset':
      qubits.add(ins.qubit);
      return;
    case 'if':
      collectClbits(ins.condition, read);
      for (const inner of [...ins.then, ...ins.otherwise]) noteEffects(inner, qubits, read, written);
      return;
    default:
      return;
  }
}

// ---- step emission --------------------------------------------------------------------------

function emitSteps<Op>(list: readonly BoundInstruction[], steps: Step<Op>[], lower: GateLowering<Op>, sink: PhaseSink): void {
  let run: BoundGate[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const ops = lower(run, sink);
    if (ops.length > 0) steps.push({ op: 'apply', ops });
    run = [];
  };
  for (const ins of list) {
    switch (ins.kind) {
      case 'gate':
        run.push(ins.gate);
        break;
      case 'globalPhase':
        // Inside a branch the phase is relative to nothing else either, but keep the state exact.
        run.push({ targets: [], controls: [], controlStates: [], matrix: new Float64Array([Math.cos(ins.angle), Math.sin(ins.angle)]), label: 'gphase' });
        break;
      case 'measure':
        flush();
        steps.push({ op: 'measure', qubit: ins.qubit, clbit: ins.clbit });
        break;
      case 'reset':
        flush();
        steps.push({ op: 'reset', qubit: ins.qubit });
        break;
      case 'if': {
        flush();
        const branch = steps.length;
        steps.push({ op: 'branch', condition: ins.condition, elseTarget: -1 });
        emitSteps(ins.then, steps, lower, sink);
        if (ins.otherwise.length > 0) {
          const jump = steps.length;
          steps.push({ op: 'jump', target: -1 });
          steps[branch] = { op: 'branch', condition: ins.condition, elseTarget: steps.length };
          emitSteps(ins.otherwise, steps, lower, sink);
          steps[jump] = { op: 'jump', target: steps.length };
        } else {
          steps[branch] = { op: 'branch', condition: ins.condition, elseTarget: steps.length };
        }
        break;
      }
    }
  }
  flush();
}
