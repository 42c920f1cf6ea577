/**
 * Which gate names a program may call, according to its version and includes. Natively simulated
 * gates come from gates/standard-gates.ts; `include` decides which of them are visible.
 */
import type { Statement } from './ast.js';
import {
  DEFINED_GATES_SOURCE,
  QELIB1_INC,
  QELIB1_SPEC,
  QISKIT_EXTRA_GATES,
  STANDARD_GATES,
  STDGATES_INC,
  type StandardGate,
} from '../gates/standard-gates.js';
import { parseProgram } from './parser.js';

/** What a gate name refers to. `soft` names may be redefined by the program (Qiskit's extras). */
export type GateSymbol =
  | { readonly kind: 'standard'; readonly gate: StandardGate; readonly soft: boolean; readonly origin: string }
  | {
      readonly kind: 'defined';
      readonly name: string;
      readonly params: readonly string[];
      readonly qubits: readonly string[];
      readonly body: readonly Statement[];
      readonly soft: boolean;
      readonly origin: string;
    }
  | { readonly kind: 'opaque'; readonly name: string; readonly numParams: number; readonly numQubits: number };

export const INCLUDE_FILES: Readonly<
  Record<string, { readonly version: 2 | 3; readonly names: readonly string[]; readonly protectedNames: ReadonlySet<string> }>
> = {
  'stdgates.inc': { version: 3, names: STDGATES_INC, protectedNames: new Set(STDGATES_INC) },
  'qelib1.inc': { version: 2, names: QELIB1_INC, protectedNames: new Set(QELIB1_SPEC) },
};

let definedPrelude: ReadonlyMap<string, GateSymbol> | undefined;

/** rccx / rc3x as `gate` definitions, parsed once. */
function preludeDefinitions(): ReadonlyMap<string, GateSymbol> {
  if (!definedPrelude) {
    const map = new Map<string, GateSymbol>();
    for (const s of parseProgram(`OPENQASM 2.0;\n${DEFINED_GATES_SOURCE}`).statements) {
      if (s.kind === 'gateDefinition') {
        map.set(s.name, { kind: 'defined', name: s.name, params: s.params, qubits: s.qubits, body: s.body, soft: true, origin: 'qelib1.inc' });
      }
    }
    definedPrelude = map;
  }
  return definedPrelude;
}

/** The gates visible before any include: `U` always, `CX` in OpenQASM 2 (gphase is handled apart). */
export function builtinGates(version: 2 | 3): Map<string, GateSymbol> {
  const table = new Map<string, GateSymbol>();
  table.set('U', { kind: 'standard', gate: STANDARD_GATES.get('U')!, soft: false, origin: 'the language' });
  if (version === 2) table.set('CX', { kind: 'standard', gate: STANDARD_GATES.get('CX')!, soft: false, origin: 'the language' });
  return table;
}

/** Adds the gates of an include file, plus Qiskit's extra gates as redefinable names. */
export function addInclude(table: Map<string, GateSymbol>, file: string): void {
  const inc = INCLUDE_FILES[file]!;
  for (const name of inc.names) {
    const gate = STANDARD_GATES.get(name);
    const soft = !inc.protectedNames.has(name);
    const symbol: GateSymbol = gate
      ? { kind: 'standard', gate, soft, origin: file }
      : { ...(preludeDefinitions().get(name) as GateSymbol & { kind: 'defined' }), soft, origin: file };
    table.set(name, symbol);
  }
  for (const name of QISKIT_EXTRA_GATES) {
    if (table.has(name)) continue;
    const gate = STANDARD_GATES.get(name);
    table.set(name, gate ? { kind: 'standard', gate, soft: true, origin: file } : preludeDefinitions().get(name)!);
  }
}
