/**
 * INSTRUCTION_PARAM values: numbers, unbound `Parameter`s / `ParameterVector` elements and
 * parameter expressions over them, which the PUB's parameter values bind later. Anything else is
 * kept as a description so that the instruction using it can be refused by name.
 */
import type { Expr } from '../circuit/expr.js';
import { readParameterExpression, type ExpressionContext } from './expression.js';
import type { QpyReader } from './reader.js';

export type QpyParam =
  | { readonly kind: 'value'; readonly expr: Expr }
  /** `hint` says what the sender can do instead. */
  | { readonly kind: 'unsupported'; readonly what: string; readonly hint?: string };

/** An unbound parameter: its display name, and the vector it belongs to for Qiskit's ordering. */
export interface ParameterRef {
  readonly name: string;
  readonly vector?: { readonly name: string; readonly index: number };
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  c: 'a complex number',
  s: 'a string',
  n: 'None',
  q: 'a circuit',
  r: 'a range',
  t: 'a tuple',
  x: 'a classical expression',
  m: 'a modifier',
};

/** Reads one INSTRUCTION_PARAM; `ctx.onParameter` records each unbound parameter met. */
export function readParam(r: QpyReader, ctx: ExpressionContext): QpyParam {
  const { onParameter } = ctx;
  const type = r.char('parameter type');
  const size = r.u64('parameter size');
  const end = r.offset + size;
  let result: QpyParam;
  switch (type) {
    case 'f':
      result = size === 8 ? { kind: 'value', expr: { kind: 'const', value: r.f64le('float parameter') } } : unsupportedSized(r, size, 'a float of unusual width');
      break;
    case 'i':
      result = size === 8 ? { kind: 'value', expr: { kind: 'const', value: Number(r.i64le('integer parameter')) } } : unsupportedSized(r, size, 'an integer of unusual width');
      break;
    case 'p': {
      const nameSize = r.u16('parameter name size');
      r.skip(16, 'parameter uuid');
      const name = r.utf8(nameSize, 'parameter name');
      onParameter({ name });
      result = { kind: 'value', expr: { kind: 'param', name } };
      break;
    }
    case 'v': {
      const nameSize = r.u16('parameter vector name size');
      r.u64('parameter vector size');
      r.skip(16, 'parameter uuid');
      const index = r.u64('parameter vector index');
      const vector = r.utf8(nameSize, 'parameter vector name');
      const name = `${vector}[${index}]`;
      onParameter({ name, vector: { name: vector, index } });
      result = { kind: 'value', expr: { kind: 'param', name } };
      break;
    }
    case 'e':
      result = readParameterExpression(r.bytesOf(size, 'parameter expression'), ctx);
      break;
    default:
      result = unsupportedSized(r, size, DESCRIPTIONS[type] ?? `a value of QPY type '${type}'`);
  }
  if (r.offset !== end) r.skip(end - r.offset, `rest of a '${type}' parameter`);
  return result;
}

function unsupportedSized(r: QpyReader, size: number, what: string): QpyParam {
  r.skip(size, what);
  return { kind: 'unsupported', what };
}
