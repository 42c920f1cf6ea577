/**
 * INSTRUCTION payloads turned into simulator instructions: standard gates by Qiskit class name,
 * measure, reset, no-op barriers and delays, and custom gates expanded from their QPY definition.
 * Anything else (control flow, conditions, opaque or parametrised custom gates) is refused by name.
 */
import { InvalidEncodingError } from '../errors.js';
import type { Expr } from '../circuit/expr.js';
import type { Instruction } from '../circuit/ir.js';
import { STANDARD_GATES } from '../gates/standard-gates.js';
import { CONTROL_FLOW_CLASSES, NO_OP_CLASSES, QISKIT_GATE_CLASSES } from './gates.js';
import { readParam, type ParameterRef, type QpyParam } from './params.js';
import type { QpyReader } from './reader.js';

/** A custom gate from CUSTOM_DEFINITIONS, expanded from its definition when used. */
export interface CustomDefinition {
  readonly type: string;
  readonly numQubits: number;
  readonly numClbits: number;
  /** Instructions on the gate's own qubits 0..numQubits-1, or null for an opaque gate. */
  readonly body: readonly Instruction[] | null;
}

export interface InstructionContext {
  readonly numQubits: number;
  readonly numClbits: number;
  readonly customs: ReadonlyMap<string, CustomDefinition>;
  readonly onParameter: (p: ParameterRef) => void;
  /** The file header's symbolic encoding ('p' sympy, 'e' symengine), for QPY 10-12 expressions. */
  readonly symbolicEncoding: string;
  /** Counts emitted instructions against the decoder's cap. */
  readonly count: (n: number) => void;
}

/** Qiskit suffixes custom gate names with `_<uuid hex>` (QPY 11+); messages show the plain name. */
export const displayName = (name: string): string => name.replace(/_[0-9a-f]{32}$/, '');

/** Reads one INSTRUCTION and appends what it means to `out`. */
export function readInstruction(r: QpyReader, version: number, ctx: InstructionContext, out: Instruction[]): void {
  const nameSize = r.u16('instruction name size');
  const labelSize = r.u16('instruction label size');
  const numParams = r.u16('instruction parameter count');
  const numQargs = r.u32('instruction qubit count');
  const numCargs = r.u32('instruction clbit count');
  const extras = r.u8('instruction condition key');
  const condRegSize = r.u16('condition register name size');
  r.i64('condition value');
  const numCtrlQubits = r.u32('control qubit count');
  const ctrlState = r.u32('control state');
  const name = r.utf8(nameSize, 'instruction name');
  r.skip(labelSize, 'instruction label');
  const shown = displayName(name);
  // The low two bits say whether (and how) the instruction is classically conditioned (c_if).
  if ((extras & 0b11) !== 0) throw new InvalidEncodingError(`instruction '${shown}' is classically conditioned (c_if / if_test), which QPY circuits may not use here`);
  r.skip(condRegSize, 'condition register name');
  if (CONTROL_FLOW_CLASSES.has(name)) throw new InvalidEncodingError(`control flow (${name}) is not supported in QPY circuits; send such circuits as OpenQASM 3`);
  const qubits = readArgs(r, numQargs, 'q', ctx.numQubits, shown);
  const clbits = readArgs(r, numCargs, 'c', ctx.numClbits, shown);
  const params: QpyParam[] = [];
  const paramCtx = { version, symbolicEncoding: ctx.symbolicEncoding, instruction: shown, onParameter: ctx.onParameter };
  for (let i = 0; i < numParams; i++) params.push(readParam(r, paramCtx));
  if (version >= 15 && (extras & 0x80) !== 0) skipAnnotations(r);

  if (NO_OP_CLASSES.has(name)) return;
  if (name === 'Measure') {
    if (qubits.length !== 1 || clbits.length !== 1) throw new InvalidEncodingError(`measure must act on one qubit and one clbit, got ${qubits.length} and ${clbits.length}`);
    ctx.count(1);
    out.push({ kind: 'measure', qubit: qubits[0]!, clbit: clbits[0]! });
    return;
  }
  if (name === 'Reset') {
    ctx.count(qubits.length);
    for (const qubit of qubits) out.push({ kind: 'reset', qubit });
    return;
  }
  const values = params.map((p) => valueOf(p, shown));
  if (name === 'GlobalPhaseGate') {
    ctx.count(1);
    out.push({ kind: 'phase', angle: values[0] ?? { kind: 'const', value: 0 }, controls: [], controlStates: [], modifiers: [] });
    return;
  }
  const standard = QISKIT_GATE_CLASSES.get(name);
  if (standard !== undefined) {
    const gate = STANDARD_GATES.get(standard)!;
    if (values.length !== gate.numParams || qubits.length !== gate.numControls + gate.numTargets) {
      throw new InvalidEncodingError(`${name} takes ${gate.numParams} parameters and ${gate.numControls + gate.numTargets} qubits, got ${values.length} and ${qubits.length}`);
    }
    if (gate.numControls > 0 && numCtrlQubits !== gate.numControls) {
      throw new InvalidEncodingError(`${name} declares ${numCtrlQubits} control qubits, but the gate has ${gate.numControls}`);
    }
    // The first qubits are the controls; bit i of ctrl_state is the state control i fires on.
    const controls = qubits.slice(0, gate.numControls);
    ctx.count(1);
    out.push({
      kind: 'gate',
      gate: standard,
      params: values,
      controls,
      controlStates: controls.map((_, i) => (ctrlState >>> i) & 1),
      targets: qubits.slice(gate.numControls),
      modifiers: [],
    });
    return;
  }
  const custom = ctx.customs.get(name);
  if (custom !== undefined) {
    expandCustom(custom, shown, qubits, values, ctx, out);
    return;
  }
  throw new InvalidEncodingError(`instruction '${shown}' is not supported in QPY circuits; supported are the standard gates (${[...QISKIT_GATE_CLASSES.keys()].join(', ')}), Measure, Reset, Barrier, Delay and GlobalPhaseGate`);
}

function readArgs(r: QpyReader, n: number, type: 'q' | 'c', width: number, instruction: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = r.char(`argument type of '${instruction}'`);
    const index = r.u32(`argument of '${instruction}'`);
    if (t !== type) throw new InvalidEncodingError(`instruction '${instruction}' has a ${t === 'q' ? 'qubit' : t === 'c' ? 'clbit' : `'${t}'`} argument where a ${type === 'q' ? 'qubit' : 'clbit'} belongs`);
    if (index >= width) throw new InvalidEncodingError(`instruction '${instruction}' refers to ${type === 'q' ? 'qubit' : 'clbit'} ${index}, but the circuit has ${width}`);
    out.push(index);
  }
  return out;
}

function valueOf(p: QpyParam, instruction: string): Expr {
  if (p.kind === 'unsupported') {
    throw new InvalidEncodingError(`instruction '${instruction}' has ${p.what} as a parameter, which is not supported${p.hint ? `; ${p.hint}` : ''}`);
  }
  return p.expr;
}

function expandCustom(custom: CustomDefinition, name: string, qubits: number[], values: Expr[], ctx: InstructionContext, out: Instruction[]): void {
  if (custom.type !== 'g') throw new InvalidEncodingError(`custom instruction '${name}' is not a unitary gate; only custom gates with a definition are supported`);
  if (custom.body === null) throw new InvalidEncodingError(`custom gate '${name}' has no definition (opaque gate), so it cannot be simulated`);
  if (values.length > 0) throw new InvalidEncodingError(`custom gate '${name}' takes parameters, which is not supported; decompose it before sending`);
  if (qubits.length !== custom.numQubits) throw new InvalidEncodingError(`custom gate '${name}' is defined on ${custom.numQubits} qubits but applied to ${qubits.length}`);
  ctx.count(custom.body.length);
  for (const ins of custom.body) out.push(remap(ins, qubits, name));
}

/** An instruction of a definition moved onto the qubits the custom gate is applied to. */
function remap(ins: Instruction, qubits: readonly number[], name: string): Instruction {
  const q = (i: number) => qubits[i]!;
  switch (ins.kind) {
    case 'gate':
      return { ...ins, targets: ins.targets.map(q), controls: ins.controls.map(q) };
    case 'phase':
      return { ...ins, controls: ins.controls.map(q) };
    default:
      throw new InvalidEncodingError(`custom gate '${name}' contains a ${ins.kind}, which a gate definition may not`);
  }
}

function skipAnnotations(r: QpyReader): void {
  const n = r.u32('annotation count');
  for (let i = 0; i < n; i++) {
    r.u32('annotation namespace index');
    r.skip(r.u32('annotation size'), 'annotation payload');
  }
}
