/**
 * One circuit payload: HEADER, METADATA, REGISTERS, ANNOTATION_HEADER (15+), STANDALONE_VARS (12+),
 * CUSTOM_DEFINITIONS, INSTRUCTIONS. What follows the instructions (calibrations, layout) does not
 * change what the circuit computes and is not read.
 */
import { InvalidEncodingError } from '../errors.js';
import type { ClassicalRegister, Instruction } from '../circuit/ir.js';
import { readCircuitHeader, type CircuitHeader } from './header.js';
import { displayName, readInstruction, type CustomDefinition } from './instructions.js';
import type { ParameterRef } from './params.js';
import { QpyReader } from './reader.js';
import { readRegisters } from './registers.js';

/** Custom gate definitions nest circuits; deeper nesting than this is refused. */
const MAX_DEFINITION_DEPTH = 16;

export interface DecodeState {
  readonly version: number;
  /** The file header's symbolic encoding ('p' sympy, 'e' symengine; QPY 10+). */
  readonly symbolicEncoding: string;
  readonly onParameter: (p: ParameterRef) => void;
  readonly count: (n: number) => void;
}

export interface DecodedBody {
  readonly header: CircuitHeader;
  readonly registers: readonly ClassicalRegister[];
  readonly instructions: readonly Instruction[];
}

export function readCircuit(r: QpyReader, state: DecodeState, depth = 0): DecodedBody {
  const header = readCircuitHeader(r, state.version);
  const registers = readRegisters(r, header.numRegisters, header.numQubits, header.numClbits);
  if (state.version >= 15) skipAnnotationHeader(r);
  if (header.numVars > 0) throw new InvalidEncodingError(`circuit '${header.name}' declares ${header.numVars} classical variables, which QPY circuits may not use here; send it as OpenQASM 3`);
  const customs = readCustomDefinitions(r, state, depth);
  const instructions: Instruction[] = [];
  const ctx = { numQubits: header.numQubits, numClbits: header.numClbits, customs, onParameter: state.onParameter, symbolicEncoding: state.symbolicEncoding, count: state.count };
  for (let i = 0; i < header.numInstructions; i++) readInstruction(r, state.version, ctx, instructions);
  return { header, registers, instructions };
}

function skipAnnotationHeader(r: QpyReader): void {
  const n = r.u32('annotation namespace count');
  for (let i = 0; i < n; i++) {
    const nsSize = r.u32('annotation namespace size');
    const stateSize = r.u64('annotation state size');
    r.skip(nsSize, 'annotation namespace');
    r.skip(stateSize, 'annotation state');
  }
}

/** CUSTOM_DEFINITIONS: each gate's definition is itself a circuit payload, decoded eagerly. */
function readCustomDefinitions(r: QpyReader, state: DecodeState, depth: number): Map<string, CustomDefinition> {
  const customs = new Map<string, CustomDefinition>();
  const n = r.u64('custom definition count');
  for (let i = 0; i < n; i++) {
    const nameSize = r.u16('custom definition name size');
    const type = r.char('custom definition type');
    const numQubits = r.u32('custom definition qubit count');
    const numClbits = r.u32('custom definition clbit count');
    const hasDefinition = r.u8('custom definition flag') !== 0;
    const size = r.u64('custom definition size');
    r.u32('custom definition control count');
    r.u32('custom definition control state');
    const baseGateSize = r.u64('custom definition base gate size');
    const name = r.utf8(nameSize, 'custom definition name');
    const data = r.bytesOf(size, `definition of '${displayName(name)}'`);
    r.skip(baseGateSize, `base gate of '${displayName(name)}'`);
    let body: Instruction[] | null = null;
    // Only unitary gates are expanded; other kinds are refused by name if the circuit uses them.
    if (hasDefinition && type === 'g') {
      if (depth >= MAX_DEFINITION_DEPTH) throw new InvalidEncodingError(`custom gate definitions nest deeper than ${MAX_DEFINITION_DEPTH} levels`);
      // Parameters inside a definition belong to the gate, not to the circuit: they are not recorded.
      let parametrized = false;
      const inner = readCircuit(new QpyReader(data), { ...state, onParameter: () => (parametrized = true) }, depth + 1);
      if (parametrized) throw new InvalidEncodingError(`custom gate '${displayName(name)}' is defined with parameters, which is not supported; decompose it before sending`);
      if (inner.header.numQubits !== numQubits) throw new InvalidEncodingError(`custom gate '${displayName(name)}' declares ${numQubits} qubits but its definition has ${inner.header.numQubits}`);
      body = [...inner.instructions];
    }
    customs.set(name, { type, numQubits, numClbits, body });
  }
  return customs;
}
