/**
 * PARAMETER_EXPR payloads (INSTRUCTION_PARAM type 'e'): Qiskit `ParameterExpression`s such as
 * `2*theta` or `sin(theta)/2`, bound later by the PUB's parameter values like plain Parameters.
 *
 * From QPY 13 on the payload is `u64 map_elements, u64 expr_size`, then `expr_size` bytes of
 * PARAM_EXPR_ELEM_V13 entries (`u8 op_code, char lhs_type, 16 bytes lhs, char rhs_type, 16 bytes
 * rhs`), then `map_elements` symbol table entries (`char symbol_type, char value_type, u64
 * value_size`, a PARAMETER or PARAMETER_VECTOR_ELEMENT, `value_size` bytes of value). The entries
 * replay the calls that built the expression on a stack: each pushes its literal operands (a
 * Parameter by uuid, an int, a float, a complex; 'n' pushes nothing), then a binary operation pops
 * its right and then its left operand, a unary one pops one, and the result is pushed. Op code 255
 * with an 's'/'e' operand marks where a nested expression's entries start and end; they change
 * nothing on the stack. This is how Qiskit's own loaders read it (`qiskit/qpy/binary_io/value.py`,
 * `ParameterExpression::from_qpy`). A substitution (`subs()`) entry, op code 15 with lhs type
 * 'u', is followed inside the replay by the substitution mapping, whose size is the entry's first 8
 * lhs bytes; the symbols it brings in follow the expression's parameters in the symbol table.
 *
 * Before QPY 13 the expression was a sympy `srepr` string or a symengine binary blob. The Qiskit
 * releases that send V2 PUBs in QPY 10-12 (0.45-1.4) depend on symengine, and the Python client
 * dumps with `use_symengine` whenever symengine is installed, so those payloads are in practice
 * symengine blobs, which only symengine can read: both older forms are refused with the way out
 * (Qiskit 1.3+ writes QPY 13+).
 */
import { InvalidEncodingError } from '../errors.js';
import { binary, call, constant, type Expr } from '../circuit/expr.js';
import type { ParameterRef, QpyParam } from './params.js';
import { QpyReader } from './reader.js';

/** Size of one PARAM_EXPR_ELEM_V13 entry. */
const ENTRY_SIZE = 35;
/** QPY version from which expressions are a replay of operations. */
export const MIN_REPLAY_VERSION = 13;
/** Most replay entries one expression may hold; far beyond any real circuit's angles. */
export const MAX_EXPRESSION_ENTRIES = 4096;

const BINARY: ReadonlyMap<number, (l: Expr, r: Expr) => Expr> = new Map([
  [0, (l: Expr, r: Expr) => binary('+', l, r)],
  [1, (l: Expr, r: Expr) => binary('-', l, r)],
  [2, (l: Expr, r: Expr) => binary('*', l, r)],
  [3, (l: Expr, r: Expr) => binary('/', l, r)],
  [4, (l: Expr, r: Expr) => binary('**', l, r)],
  // The reflected forms: `2 - x` is written as RSUB with x on the left.
  [18, (l: Expr, r: Expr) => binary('-', r, l)],
  [19, (l: Expr, r: Expr) => binary('/', r, l)],
  [20, (l: Expr, r: Expr) => binary('**', r, l)],
]);

const UNARY: ReadonlyMap<number, (a: Expr) => Expr> = new Map([
  [5, (a: Expr) => call('sin', [a])],
  [6, (a: Expr) => call('cos', [a])],
  [7, (a: Expr) => call('tan', [a])],
  [8, (a: Expr) => call('arcsin', [a])],
  [9, (a: Expr) => call('arccos', [a])],
  [10, (a: Expr) => call('exp', [a])],
  [11, (a: Expr) => call('ln', [a])],
  [12, (a: Expr) => call('sign', [a])],
  // Angles are real, and the conjugate of a real number is itself.
  [14, (a: Expr) => a],
  [16, (a: Expr) => call('abs', [a])],
  [17, (a: Expr) => call('arctan', [a])],
]);

/** Valid operations that have no numeric value to bind. */
const NOT_EVALUABLE: ReadonlyMap<number, string> = new Map([
  [13, 'a gradient (ParameterExpression.gradient, QPY op code 13)'],
  [15, 'a substitution (ParameterExpression.subs, QPY op code 15)'],
]);

const BIND_HINT = 'assign the parameter values in Qiskit before sending (circuit.assign_parameters)';
const SUBS_HINT = `build the expression from the parameters it should use instead of substituting them (2*phi rather than (2*theta).subs({theta: phi})), or ${BIND_HINT}`;
/** The lhs type of a substitution entry ('u'). */
const SUBSTITUTION = 0x75;

export interface ExpressionContext {
  readonly version: number;
  /** 'p' (sympy) or 'e' (symengine): how QPY 10-12 wrote expressions. */
  readonly symbolicEncoding: string;
  /** The instruction this parameter belongs to, for messages. */
  readonly instruction: string;
  readonly onParameter: (p: ParameterRef) => void;
}

/** Reads one PARAMETER_EXPR payload (the INSTRUCTION_PARAM's `size` bytes). */
export function readParameterExpression(payload: Uint8Array, ctx: ExpressionContext): QpyParam {
  if (ctx.version < MIN_REPLAY_VERSION) {
    const form = ctx.version >= 10 && ctx.symbolicEncoding === 'e' ? 'a symengine binary' : 'a sympy string';
    return {
      kind: 'unsupported',
      what: `a parameter expression, which QPY ${ctx.version} stores as ${form}`,
      hint: `expressions are read from QPY ${MIN_REPLAY_VERSION} on: send the circuit from Qiskit 1.3 or newer (qiskit.qpy.dump(..., version=${MIN_REPLAY_VERSION}) or later), or ${BIND_HINT}`,
    };
  }
  const malformed = (reason: string): never => {
    throw new InvalidEncodingError(`instruction '${ctx.instruction}' has a malformed parameter expression: ${reason}`);
  };
  const r = new QpyReader(payload);
  const numSymbols = r.u64('parameter expression symbol count');
  const replay = r.bytesOf(r.u64('parameter expression size'), 'parameter expression replay');

  // Walked entry by entry before anything else is read: a substitution's mapping sits inside the
  // replay, so the replay need not be a whole number of entries, and refusing the substitution
  // first spares reading the mapping and the symbols it adds to the table.
  const entries: Uint8Array[] = [];
  for (let at = 0; at < replay.length; at += ENTRY_SIZE) {
    if (entries.length === MAX_EXPRESSION_ENTRIES) {
      throw new InvalidEncodingError(`instruction '${ctx.instruction}' has a parameter expression of more than ${MAX_EXPRESSION_ENTRIES} operations; at most ${MAX_EXPRESSION_ENTRIES} are accepted`);
    }
    const left = replay.length - at;
    if (left < ENTRY_SIZE) malformed(`its replay ends in a cut-off entry (${left} of ${ENTRY_SIZE} bytes)`);
    const entry = replay.subarray(at, at + ENTRY_SIZE);
    if (entry[1] === SUBSTITUTION) {
      const mappingSize = new DataView(entry.buffer, entry.byteOffset + 2, 8).getBigUint64(0);
      if (mappingSize > BigInt(left - ENTRY_SIZE)) {
        malformed(`replay entry ${entries.length} announces a substitution mapping of ${mappingSize} bytes, but ${left - ENTRY_SIZE} follow it`);
      }
      return { kind: 'unsupported', what: `a parameter expression built with ${NOT_EVALUABLE.get(15)!}`, hint: SUBS_HINT };
    }
    entries.push(entry);
  }

  const symbols = new Map<string, ParameterRef>();
  for (let i = 0; i < numSymbols; i++) {
    const symbolType = r.char('parameter expression symbol type');
    r.char('parameter expression symbol value type');
    const valueSize = r.u64('parameter expression symbol value size');
    let ref: ParameterRef;
    if (symbolType === 'p') {
      const nameSize = r.u16('parameter name size');
      const uuid = hex(r.bytesOf(16, 'parameter uuid'));
      ref = { name: r.utf8(nameSize, 'parameter name') };
      symbols.set(uuid, ref);
    } else if (symbolType === 'v') {
      const nameSize = r.u16('parameter vector name size');
      r.u64('parameter vector size');
      const uuid = hex(r.bytesOf(16, 'parameter uuid'));
      const index = r.u64('parameter vector index');
      const vector = r.utf8(nameSize, 'parameter vector name');
      ref = { name: `${vector}[${index}]`, vector: { name: vector, index } };
      symbols.set(uuid, ref);
    } else if (symbolType === 'e') {
      // Only a substitution puts expressions in the symbol table.
      return { kind: 'unsupported', what: `a parameter expression built with ${NOT_EVALUABLE.get(15)!}`, hint: SUBS_HINT };
    } else {
      return malformed(`symbol ${i} has type '${symbolType}' (expected 'p' or 'v')`);
    }
    // A symbol's value is itself unless a substitution replaced it, and substitutions are refused.
    r.skip(valueSize, `value of parameter expression symbol '${ref.name}'`);
  }
  // Every symbol is a circuit parameter, even one the expression no longer depends on (0*x).
  for (const ref of symbols.values()) ctx.onParameter(ref);

  const stack: Expr[] = [];
  for (const [n, entry] of entries.entries()) {
    const e = new QpyReader(entry);
    const op = e.u8('replay op code');
    const lhsType = e.char('replay lhs type');
    const lhs = e.bytesOf(16, 'replay lhs');
    const rhsType = e.char('replay rhs type');
    const rhs = e.bytesOf(16, 'replay rhs');
    if ('se'.includes(lhsType) || 'se'.includes(rhsType)) {
      if (op !== 255 || (lhsType !== 'n' && rhsType !== 'n')) malformed(`replay entry ${n} marks a nested expression but is not a marker (op code ${op}, operands '${lhsType}' and '${rhsType}')`);
      continue;
    }
    for (const [type, data, side] of [[lhsType, lhs, 'lhs'], [rhsType, rhs, 'rhs']] as const) {
      const operand = readOperand(type, data, symbols);
      if (typeof operand === 'string') {
        if (operand.startsWith('complex ')) return { kind: 'unsupported', what: `a parameter expression with the ${operand}`, hint: `angles must be real; ${BIND_HINT}` };
        return malformed(`replay entry ${n} has ${operand} as its ${side}`);
      }
      if (operand !== null) stack.push(operand);
    }
    if (op === 255) continue;
    const notEvaluable = NOT_EVALUABLE.get(op);
    if (notEvaluable !== undefined) return { kind: 'unsupported', what: `a parameter expression built with ${notEvaluable}`, hint: BIND_HINT };
    const apply2 = BINARY.get(op);
    const apply1 = UNARY.get(op);
    if (apply2 === undefined && apply1 === undefined) malformed(`replay entry ${n} has the unknown op code ${op}`);
    if (stack.length < (apply2 ? 2 : 1)) malformed(`replay entry ${n} (op code ${op}) has fewer operands than it needs`);
    if (apply2) {
      const right = stack.pop()!;
      stack.push(apply2(stack.pop()!, right));
    } else {
      stack.push(apply1!(stack.pop()!));
    }
  }
  // Qiskit 2.0-2.3 write no operations for an expression that simplified to a constant (0*x) or
  // to a single parameter (theta*1, 0*x + y), leaving nothing to rebuild the result from.
  if (stack.length === 0) {
    return {
      kind: 'unsupported',
      what: 'a parameter expression with no operations (Qiskit writes these for expressions that simplified to a constant or a single parameter, such as 0*x or theta*1)',
      hint: `use the constant or the parameter itself as the angle (theta rather than theta*1), or ${BIND_HINT}`,
    };
  }
  return { kind: 'value', expr: stack[stack.length - 1]! };
}

/** One replay operand: an expression, null for 'n', or a description of what is wrong. */
function readOperand(type: string, data: Uint8Array, symbols: ReadonlyMap<string, ParameterRef>): Expr | null | string {
  const view = new DataView(data.buffer, data.byteOffset, 16);
  switch (type) {
    case 'n':
      return null;
    case 'p': {
      const ref = symbols.get(hex(data));
      return ref ? { kind: 'param', name: ref.name } : `a parameter (uuid ${hex(data)}) missing from the symbol table`;
    }
    case 'i':
      return constant(Number(view.getBigInt64(8)));
    case 'f':
      return constant(view.getFloat64(8));
    case 'c': {
      const re = view.getFloat64(0);
      const im = view.getFloat64(8);
      return im === 0 ? constant(re) : `complex number ${re}${im < 0 ? '-' : '+'}${Math.abs(im)}j`;
    }
    default:
      return `an operand of unknown type '${type}'`;
  }
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
