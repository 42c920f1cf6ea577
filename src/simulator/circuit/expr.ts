/**
 * Expressions of a compiled circuit: gate angles that may depend on `input` parameters, and `if`
 * conditions that read classical bits at run time. Constant sub-trees are folded when built, so a
 * bound circuit evaluates only what really varies.
 */

export type UnaryOp = '-' | '+' | '!' | '~';
export type BinaryOp =
  | '**' | '*' | '/' | '%' | '+' | '-' | '<<' | '>>' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&' | '^' | '|'
  | '&&' | '||';

/** Built-in functions of OpenQASM 2 and 3 expressions. */
export const FUNCTIONS: Readonly<Record<string, { readonly arity: number; readonly fn: (...a: number[]) => number }>> = {
  sin: { arity: 1, fn: Math.sin },
  cos: { arity: 1, fn: Math.cos },
  tan: { arity: 1, fn: Math.tan },
  arcsin: { arity: 1, fn: Math.asin },
  arccos: { arity: 1, fn: Math.acos },
  arctan: { arity: 1, fn: Math.atan },
  exp: { arity: 1, fn: Math.exp },
  ln: { arity: 1, fn: Math.log },
  log: { arity: 1, fn: Math.log },
  sqrt: { arity: 1, fn: Math.sqrt },
  floor: { arity: 1, fn: Math.floor },
  ceiling: { arity: 1, fn: Math.ceil },
  mod: { arity: 2, fn: (a, b) => a - b * Math.floor(a / b) },
  pow: { arity: 2, fn: Math.pow },
  popcount: {
    arity: 1,
    fn: (a) => {
      let n = 0;
      for (let v = BigInt(Math.trunc(a)); v > 0n; v >>= 1n) n += Number(v & 1n);
      return n;
    },
  },
};

/**
 * Functions a QPY parameter expression may apply beyond OpenQASM's (Qiskit's `abs()` and `sign()`);
 * kept apart so that OpenQASM programs cannot call them.
 */
export const PARAMETER_FUNCTIONS: Readonly<Record<string, { readonly arity: number; readonly fn: (...a: number[]) => number }>> = {
  abs: { arity: 1, fn: Math.abs },
  sign: { arity: 1, fn: Math.sign },
};

/** Named constants of OpenQASM (both spellings). */
export const CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  π: Math.PI,
  tau: 2 * Math.PI,
  τ: 2 * Math.PI,
  euler: Math.E,
  ℇ: Math.E,
};

export type Expr =
  | { readonly kind: 'const'; readonly value: number }
  /** An `input` parameter, bound per parameter set. */
  | { readonly kind: 'param'; readonly name: string }
  /** One classical bit, read at run time (0 or 1). */
  | { readonly kind: 'clbit'; readonly index: number }
  /** A classical register read as an unsigned integer; bit `offset` is its least significant bit. */
  | { readonly kind: 'creg'; readonly offset: number; readonly size: number }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly Expr[] };

/** Values an expression may read: parameters by name, classical bits by index. */
export interface EvalContext {
  readonly params?: ReadonlyMap<string, number>;
  readonly clbits?: Uint8Array;
}

export const constant = (value: number): Expr => ({ kind: 'const', value });

/** Builds a unary node, folding it if the operand is constant. */
export function unary(op: UnaryOp, arg: Expr): Expr {
  const e: Expr = { kind: 'unary', op, arg };
  return arg.kind === 'const' ? constant(evaluate(e)) : e;
}

/** Builds a binary node, folding it if both operands are constant. */
export function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  const e: Expr = { kind: 'binary', op, left, right };
  return left.kind === 'const' && right.kind === 'const' ? constant(evaluate(e)) : e;
}

/** Builds a function call, folding it if all arguments are constant. */
export function call(fn: string, args: readonly Expr[]): Expr {
  const e: Expr = { kind: 'call', fn, args };
  return args.every((a) => a.kind === 'const') ? constant(evaluate(e)) : e;
}

/** True if evaluating `e` needs classical bits (so it can only be decided while sampling). */
export function readsClassicalBits(e: Expr): boolean {
  switch (e.kind) {
    case 'clbit':
    case 'creg':
      return true;
    case 'unary':
      return readsClassicalBits(e.arg);
    case 'binary':
      return readsClassicalBits(e.left) || readsClassicalBits(e.right);
    case 'call':
      return e.args.some(readsClassicalBits);
    default:
      return false;
  }
}

/** Adds to `out` the indices of the classical bits `e` reads. */
export function collectClbits(e: Expr, out: Set<number>): void {
  switch (e.kind) {
    case 'clbit':
      out.add(e.index);
      return;
    case 'creg':
      for (let k = 0; k < e.size; k++) out.add(e.offset + k);
      return;
    case 'unary':
      collectClbits(e.arg, out);
      return;
    case 'binary':
      collectClbits(e.left, out);
      collectClbits(e.right, out);
      return;
    case 'call':
      for (const a of e.args) collectClbits(a, out);
      return;
    default:
      return;
  }
}

const truthy = (v: number): boolean => v !== 0 && !Number.isNaN(v);

/** Integer bit operations beyond 32 bits go through BigInt so register values stay exact. */
function bitwise(op: '&' | '|' | '^' | '<<' | '>>', a: number, b: number): number {
  const x = BigInt(Math.trunc(a));
  const y = BigInt(Math.trunc(b));
  switch (op) {
    case '&':
      return Number(x & y);
    case '|':
      return Number(x | y);
    case '^':
      return Number(x ^ y);
    case '<<':
      return Number(x << y);
    case '>>':
      return Number(x >> y);
  }
}

/** Evaluates `e`; booleans are 1 and 0. Throws if a parameter or bit it needs is not provided. */
export function evaluate(e: Expr, ctx: EvalContext = {}): number {
  switch (e.kind) {
    case 'const':
      return e.value;
    case 'param': {
      const v = ctx.params?.get(e.name);
      if (v === undefined) throw new Error(`no value bound for parameter '${e.name}'`);
      return v;
    }
    case 'clbit': {
      if (!ctx.clbits) throw new Error('classical bits are not available here');
      return ctx.clbits[e.index]!;
    }
    case 'creg': {
      if (!ctx.clbits) throw new Error('classical bits are not available here');
      let v = 0;
      for (let k = e.size - 1; k >= 0; k--) v = v * 2 + ctx.clbits[e.offset + k]!;
      return v;
    }
    case 'unary': {
      const a = evaluate(e.arg, ctx);
      switch (e.op) {
        case '-':
          return -a;
        case '+':
          return a;
        case '!':
          return truthy(a) ? 0 : 1;
        case '~':
          return Number(~BigInt(Math.trunc(a)));
      }
      break;
    }
    case 'binary': {
      if (e.op === '&&') return truthy(evaluate(e.left, ctx)) && truthy(evaluate(e.right, ctx)) ? 1 : 0;
      if (e.op === '||') return truthy(evaluate(e.left, ctx)) || truthy(evaluate(e.right, ctx)) ? 1 : 0;
      const a = evaluate(e.left, ctx);
      const b = evaluate(e.right, ctx);
      switch (e.op) {
        case '**':
          return Math.pow(a, b);
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '%':
          return a % b;
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '<':
          return a < b ? 1 : 0;
        case '>':
          return a > b ? 1 : 0;
        case '<=':
          return a <= b ? 1 : 0;
        case '>=':
          return a >= b ? 1 : 0;
        case '==':
          return a === b ? 1 : 0;
        case '!=':
          return a !== b ? 1 : 0;
        default:
          return bitwise(e.op, a, b);
      }
    }
    case 'call':
      return (FUNCTIONS[e.fn] ?? PARAMETER_FUNCTIONS[e.fn])!.fn(...e.args.map((a) => evaluate(a, ctx)));
  }
  throw new Error('unreachable');
}
