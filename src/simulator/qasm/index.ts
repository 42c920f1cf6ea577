/**
 * OpenQASM 2 and 3 front end: source text in, compiled {@link Circuit} out.
 */
import type { Circuit } from '../circuit/ir.js';
import { compileProgram } from './compiler.js';
import { parseProgram } from './parser.js';

/**
 * Parses and compiles an OpenQASM 2 or 3 program.
 * @throws {QasmSyntaxError} for malformed text, {QasmSemanticError} for unknown gates, identifiers
 * and unsupported features; both carry `line` and `column`.
 * @example
 * const bell = parseQasm('OPENQASM 3.0; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;');
 */
export function parseQasm(source: string): Circuit {
  return compileProgram(parseProgram(source));
}
