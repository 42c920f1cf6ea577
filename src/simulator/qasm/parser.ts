/**
 * Recursive-descent parser from tokens to the syntax tree in ./ast.ts. It accepts what Qiskit's
 * OpenQASM 2 and 3 exporters and IBM's REST examples produce, and names the unsupported OpenQASM 3
 * features (subroutines, while loops, classical variables...) instead of failing vaguely.
 */
import { QasmSemanticError, QasmSyntaxError } from '../errors.js';
import type {
  BinaryOperator,
  ClassicalType,
  Expression,
  IndexSelector,
  Modifier,
  Operand,
  Position,
  Program,
  Statement,
} from './ast.js';
import { tokenize, type Token } from './lexer.js';

/** Statements the language has but this simulator does not run, with the reason given to users. */
const UNSUPPORTED_KEYWORDS: Readonly<Record<string, string>> = {
  while: 'while loops are not supported (use a for loop over a range)',
  def: 'subroutines (def) are not supported',
  extern: 'extern functions are not supported',
  switch: 'switch statements are not supported (use if/else)',
  let: 'aliases (let) are not supported',
  output: 'output declarations are not supported',
  cal: 'calibration blocks are not supported by a simulator',
  defcal: 'calibration blocks are not supported by a simulator',
  defcalgrammar: 'calibration grammars are not supported by a simulator',
  return: "'return' is only meaningful in subroutines, which are not supported",
  break: "'break' is not supported",
  continue: "'continue' is not supported",
  end: "'end' is not supported",
  complex: 'classical complex variables are not supported',
  duration: 'classical duration variables are not supported',
  stretch: 'stretch variables are not supported',
  array: 'classical arrays are not supported',
};

const CLASSICAL_TYPES: ReadonlySet<string> = new Set(['float', 'angle', 'int', 'uint', 'bool', 'bit']);

/** Binary operators by precedence level, loosest first (OpenQASM 3 / C order). */
const BINARY_LEVELS: ReadonlyArray<readonly BinaryOperator[]> = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

/** Parses OpenQASM 2 or 3 source text into a syntax tree. */
export function parseProgram(source: string): Program {
  return new Parser(tokenize(source)).parseProgram();
}

class Parser {
  private at = 0;
  private version: 2 | 3 = 3;

  constructor(private readonly tokens: readonly Token[]) {}

  parseProgram(): Program {
    if (this.isWord('OPENQASM')) {
      const start = this.next();
      const v = this.next();
      if (v.kind !== 'integer' && v.kind !== 'float') this.failAt(v, 'expected a version number after OPENQASM');
      const major = Math.floor(v.value);
      if (major !== 2 && major !== 3) {
        throw new QasmSemanticError(`unsupported OpenQASM version ${v.text} (2 and 3 are supported)`, v.line, v.column);
      }
      this.version = major;
      this.expectSymbol(';', `after 'OPENQASM ${v.text}'`);
      void start;
    }
    const statements: Statement[] = [];
    while (this.peek().kind !== 'eof') {
      const s = this.parseStatement(false);
      if (s) statements.push(...s);
    }
    return { version: this.version, statements };
  }

  // ---- statements ---------------------------------------------------------------------------

  /** Parses one statement; returns several for a `box` block, none for skipped ones. */
  private parseStatement(inGate: boolean): Statement[] | null {
    const t = this.peek();
    const pos = this.posOf(t);
    if (t.kind === 'symbol' && t.text === '@') {
      this.skipLine(t.line); // annotations have no effect on simulation
      return null;
    }
    if (t.kind === 'symbol' && t.text === '{') return this.parseBlock(inGate);
    if (t.kind !== 'identifier') this.failAt(t, `expected a statement, found ${describe(t)}`);
    const word = t.text;
    if (word === 'OPENQASM') this.failAt(t, "the 'OPENQASM' version line must be the first statement");
    if (word === 'pragma') {
      this.skipLine(t.line);
      return null;
    }
    if (UNSUPPORTED_KEYWORDS[word] !== undefined) {
      throw new QasmSemanticError(UNSUPPORTED_KEYWORDS[word]!, t.line, t.column);
    }
    switch (word) {
      case 'include':
        return [this.parseInclude()];
      case 'qubit':
      case 'qreg':
        return [this.parseQubitDeclaration()];
      case 'creg':
        return [this.parseBitDeclaration()];
      case 'input':
        return [this.parseInput()];
      case 'const':
        return [this.parseConst()];
      case 'gate':
        return [this.parseGateDefinition()];
      case 'opaque':
        return [this.parseOpaque()];
      case 'measure':
        return [this.parseArrowMeasure()];
      case 'reset': {
        this.next();
        const operand = this.parseOperand();
        this.expectSymbol(';', 'after reset operand');
        return [{ kind: 'reset', operand, pos }];
      }
      case 'barrier': {
        this.next();
        const operands = this.isSymbol(';') ? [] : this.parseOperandList();
        this.expectSymbol(';', 'after barrier operands');
        return [{ kind: 'barrier', operands, pos }];
      }
      case 'delay': {
        this.next();
        this.expectSymbol('[', "after 'delay'");
        this.parseDurationExpression();
        this.expectSymbol(']', 'after the delay duration');
        const operands = this.isSymbol(';') ? [] : this.parseOperandList();
        this.expectSymbol(';', 'after delay operands');
        return [{ kind: 'delay', operands, pos }];
      }
      case 'if':
        return [this.parseIf(inGate)];
      case 'for':
        return [this.parseFor(inGate)];
      case 'box': {
        this.next();
        if (this.isSymbol('[')) {
          this.next();
          this.parseDurationExpression();
          this.expectSymbol(']', 'after the box duration');
        }
        if (!this.isSymbol('{')) this.failAt(this.peek(), `expected '{' after 'box', found ${describe(this.peek())}`);
        return this.parseBlock(inGate);
      }
      default:
        break;
    }
    if (word === 'bit' || (CLASSICAL_TYPES.has(word) && this.peekAt(1).kind !== 'symbol') || this.isTypedDeclaration()) {
      if (word === 'bit') return [this.parseBitDeclaration()];
      throw new QasmSemanticError(
        `classical variables of type '${word}' are not supported (only bit registers, 'const' and 'input' declarations)`,
        t.line,
        t.column,
      );
    }
    // `name = measure q;` or `name[i] = measure q[j];`
    if (this.isAssignmentAhead()) return [this.parseAssignmentMeasure()];
    return [this.parseGateCall()];
  }

  private parseBlock(inGate: boolean): Statement[] {
    this.expectSymbol('{', 'to open a block');
    const body: Statement[] = [];
    while (!this.isSymbol('}')) {
      if (this.peek().kind === 'eof') this.failAt(this.peek(), "expected '}' to close the block, found end of input");
      const s = this.parseStatement(inGate);
      if (s) body.push(...s);
    }
    this.next();
    return body;
  }

  /** A `{...}` block or a single statement, as bodies of `if`, `else` and `for`. */
  private parseBody(inGate: boolean): Statement[] {
    if (this.isSymbol('{')) return this.parseBlock(inGate);
    return this.parseStatement(inGate) ?? [];
  }

  private parseInclude(): Statement {
    const t = this.next();
    const path = this.next();
    if (path.kind !== 'string') this.failAt(path, `expected a quoted file name after 'include', found ${describe(path)}`);
    this.expectSymbol(';', 'after the include file name');
    return { kind: 'include', path: path.text, pos: this.posOf(t) };
  }

  private parseQubitDeclaration(): Statement {
    const t = this.next();
    if (t.text === 'qreg') {
      const name = this.expectIdentifier('a register name after qreg');
      let size: Expression | null = null;
      if (this.isSymbol('[')) {
        this.next();
        size = this.parseExpression();
        this.expectSymbol(']', 'after the register size');
      }
      this.expectSymbol(';', 'after the qreg declaration');
      return { kind: 'qubitDeclaration', name, size, pos: this.posOf(t) };
    }
    let size: Expression | null = null;
    if (this.isSymbol('[')) {
      this.next();
      size = this.parseExpression();
      this.expectSymbol(']', 'after the register size');
    }
    const name = this.expectIdentifier('a register name after qubit');
    this.expectSymbol(';', 'after the qubit declaration');
    return { kind: 'qubitDeclaration', name, size, pos: this.posOf(t) };
  }

  private parseBitDeclaration(): Statement {
    const t = this.next();
    let size: Expression | null = null;
    let name: string;
    if (t.text === 'creg') {
      name = this.expectIdentifier('a register name after creg');
      if (this.isSymbol('[')) {
        this.next();
        size = this.parseExpression();
        this.expectSymbol(']', 'after the register size');
      }
    } else {
      if (this.isSymbol('[')) {
        this.next();
        size = this.parseExpression();
        this.expectSymbol(']', 'after the register size');
      }
      name = this.expectIdentifier('a register name after bit');
    }
    let measure: Operand | null = null;
    if (this.isSymbol('=')) {
      this.next();
      if (!this.isWord('measure')) {
        this.failAt(this.peek(), `only 'measure' can initialise a bit register, found ${describe(this.peek())}`);
      }
      this.next();
      measure = this.parseOperand();
    }
    this.expectSymbol(';', 'after the bit declaration');
    return { kind: 'bitDeclaration', name, size, measure, pos: this.posOf(t) };
  }

  private parseInput(): Statement {
    const t = this.next();
    const type = this.parseType();
    const name = this.expectIdentifier('a parameter name');
    this.expectSymbol(';', 'after the input declaration');
    if (type === 'bit') {
      throw new QasmSemanticError('bit inputs are not supported (inputs must be numbers)', t.line, t.column);
    }
    return { kind: 'inputDeclaration', name, type, pos: this.posOf(t) };
  }

  private parseConst(): Statement {
    const t = this.next();
    const type = this.parseType();
    const name = this.expectIdentifier('a constant name');
    this.expectSymbol('=', `after 'const ${name}'`);
    const value = this.parseExpression();
    this.expectSymbol(';', 'after the constant value');
    return { kind: 'constDeclaration', name, type, value, pos: this.posOf(t) };
  }

  /** A scalar classical type such as `float[64]`, `angle`, `uint[8]`, `bool`. */
  private parseType(): ClassicalType {
    const t = this.next();
    if (t.kind !== 'identifier' || !CLASSICAL_TYPES.has(t.text)) {
      this.failAt(t, `expected a type (float, angle, int, uint, bool), found ${describe(t)}`);
    }
    if (this.isSymbol('[')) {
      this.next();
      this.parseExpression();
      this.expectSymbol(']', 'after the type width');
    }
    return t.text as ClassicalType;
  }

  private parseGateDefinition(): Statement {
    const t = this.next();
    const name = this.expectIdentifier('a gate name after gate');
    const params: string[] = [];
    if (this.isSymbol('(')) {
      this.next();
      if (!this.isSymbol(')')) {
        do params.push(this.expectIdentifier('a parameter name'));
        while (this.acceptSymbol(','));
      }
      this.expectSymbol(')', 'after the gate parameters');
    }
    const qubits: string[] = [];
    do qubits.push(this.expectIdentifier('a qubit argument name'));
    while (this.acceptSymbol(','));
    const body = this.parseBlock(true);
    return { kind: 'gateDefinition', name, params, qubits, body, pos: this.posOf(t) };
  }

  private parseOpaque(): Statement {
    const t = this.next();
    const name = this.expectIdentifier('a gate name after opaque');
    const params: string[] = [];
    if (this.acceptSymbol('(')) {
      if (!this.isSymbol(')')) {
        do params.push(this.expectIdentifier('a parameter name'));
        while (this.acceptSymbol(','));
      }
      this.expectSymbol(')', 'after the gate parameters');
    }
    const qubits: string[] = [];
    do qubits.push(this.expectIdentifier('a qubit argument name'));
    while (this.acceptSymbol(','));
    this.expectSymbol(';', 'after the opaque declaration');
    return { kind: 'opaqueDefinition', name, params, qubits, pos: this.posOf(t) };
  }

  /** `measure q -> c;` (OpenQASM 2 style) or a bare `measure q;`. */
  private parseArrowMeasure(): Statement {
    const t = this.next();
    const qubits = this.parseOperand();
    let target: Operand | null = null;
    if (this.acceptSymbol('->')) target = this.parseOperand();
    this.expectSymbol(';', 'after the measurement');
    return { kind: 'measure', qubits, target, pos: this.posOf(t) };
  }

  /** `c = measure q;` or `c[0] = measure q[0];`. */
  private parseAssignmentMeasure(): Statement {
    const start = this.peek();
    const target = this.parseOperand();
    this.expectSymbol('=', 'in the assignment');
    if (!this.isWord('measure')) {
      throw new QasmSemanticError(
        `classical assignments other than '${target.name} = measure ...' are not supported`,
        start.line,
        start.column,
      );
    }
    this.next();
    const qubits = this.parseOperand();
    this.expectSymbol(';', 'after the measurement');
    return { kind: 'measure', qubits, target, pos: this.posOf(start) };
  }

  private parseIf(inGate: boolean): Statement {
    const t = this.next();
    this.expectSymbol('(', "after 'if'");
    const condition = this.parseExpression();
    this.expectSymbol(')', 'after the if condition');
    const then = this.parseBody(inGate);
    let otherwise: Statement[] | null = null;
    if (this.isWord('else')) {
      this.next();
      otherwise = this.parseBody(inGate);
    }
    return { kind: 'if', condition, then, otherwise, pos: this.posOf(t) };
  }

  private parseFor(inGate: boolean): Statement {
    const t = this.next();
    // Optional loop variable type: `for uint i in ...` / `for int[32] i in ...`.
    if (this.peek().kind === 'identifier' && !this.isWordAt(1, 'in')) this.parseType();
    const variable = this.expectIdentifier('a loop variable name');
    if (!this.isWord('in')) this.failAt(this.peek(), `expected 'in' after the loop variable, found ${describe(this.peek())}`);
    this.next();
    let iterable: IndexSelector | { kind: 'register'; name: string };
    if (this.isSymbol('[')) {
      this.next();
      iterable = this.parseSelectorInside(true);
      this.expectSymbol(']', 'after the loop range');
    } else if (this.isSymbol('{')) {
      iterable = this.parseSetLiteral();
    } else {
      iterable = { kind: 'register', name: this.expectIdentifier('a range, a set or a register to loop over') };
    }
    const body = this.parseBody(inGate);
    return { kind: 'for', variable, iterable, body, pos: this.posOf(t) };
  }

  private parseGateCall(): Statement {
    const start = this.peek();
    const modifiers: Modifier[] = [];
    for (;;) {
      const m = this.peek();
      if (m.kind !== 'identifier' || !['ctrl', 'negctrl', 'inv', 'pow'].includes(m.text)) break;
      // `ctrl` etc. are modifiers only when followed by `@` or `(...) @`.
      if (!(this.isSymbolAt(1, '@') || this.isSymbolAt(1, '('))) break;
      this.next();
      const pos = this.posOf(m);
      if (m.text === 'inv') {
        modifiers.push({ kind: 'inv', pos });
      } else if (m.text === 'pow') {
        this.expectSymbol('(', "after 'pow'");
        const exponent = this.parseExpression();
        this.expectSymbol(')', 'after the pow exponent');
        modifiers.push({ kind: 'pow', exponent, pos });
      } else {
        let count: Expression | null = null;
        if (this.acceptSymbol('(')) {
          count = this.parseExpression();
          this.expectSymbol(')', `after the ${m.text} count`);
        }
        modifiers.push({ kind: m.text as 'ctrl' | 'negctrl', count, pos });
      }
      this.expectSymbol('@', `after the '${m.text}' modifier`);
    }
    const nameToken = this.next();
    if (nameToken.kind !== 'identifier') this.failAt(nameToken, `expected a gate name, found ${describe(nameToken)}`);
    const params: Expression[] = [];
    if (this.acceptSymbol('(')) {
      if (!this.isSymbol(')')) {
        do params.push(this.parseExpression());
        while (this.acceptSymbol(','));
      }
      this.expectSymbol(')', 'after the gate parameters');
    }
    if (this.isSymbol('[')) {
      // A duration on a gate call (`x[100ns] q;`) does not change an ideal simulation.
      this.next();
      this.parseDurationExpression();
      this.expectSymbol(']', 'after the gate duration');
    }
    const operands = this.isSymbol(';') ? [] : this.parseOperandList();
    const end = this.peek();
    if (!this.isSymbol(';')) {
      this.failAt(end, `expected ';' after the operands of '${nameToken.text}', found ${describe(end)}`);
    }
    this.next();
    return {
      kind: 'gateCall',
      name: nameToken.text,
      modifiers,
      params,
      operands,
      pos: this.posOf(start),
      namePos: this.posOf(nameToken),
    };
  }

  // ---- operands -----------------------------------------------------------------------------

  private parseOperandList(): Operand[] {
    const list: Operand[] = [];
    do list.push(this.parseOperand());
    while (this.acceptSymbol(','));
    return list;
  }

  private parseOperand(): Operand {
    const t = this.next();
    const pos = this.posOf(t);
    if (t.kind === 'hardwareQubit') return { name: t.text, hardware: t.value, selector: null, pos };
    if (t.kind !== 'identifier') this.failAt(t, `expected a qubit or bit operand, found ${describe(t)}`);
    let selector: IndexSelector | null = null;
    if (this.acceptSymbol('[')) {
      selector = this.parseSelectorInside(false);
      this.expectSymbol(']', `after the index of '${t.text}'`);
    }
    return { name: t.text, hardware: null, selector, pos };
  }

  /** Inside `[...]`: an index, a range `a:b` / `a:s:b`, or a set `{...}`. */
  private parseSelectorInside(requireRange: boolean): IndexSelector {
    if (this.isSymbol('{')) return this.parseSetLiteral();
    const first = this.isSymbol(':') ? null : this.parseExpression();
    if (!this.isSymbol(':')) {
      if (requireRange) this.failAt(this.peek(), `expected ':' in the range, found ${describe(this.peek())}`);
      return { kind: 'single', index: first! };
    }
    this.next();
    const second = this.isSymbol(']') || this.isSymbol(':') ? null : this.parseExpression();
    if (this.acceptSymbol(':')) {
      const third = this.isSymbol(']') ? null : this.parseExpression();
      return { kind: 'range', start: first, step: second, end: third };
    }
    return { kind: 'range', start: first, step: null, end: second };
  }

  private parseSetLiteral(): IndexSelector {
    this.expectSymbol('{', 'to open a set');
    const items: Expression[] = [];
    if (!this.isSymbol('}')) {
      do items.push(this.parseExpression());
      while (this.acceptSymbol(','));
    }
    this.expectSymbol('}', 'to close the set');
    return { kind: 'set', items };
  }

  /** A duration literal or expression (only checked for well-formedness: delays do nothing). */
  private parseDurationExpression(): void {
    if (this.peek().kind === 'duration') {
      this.next();
      return;
    }
    this.parseExpression();
  }

  // ---- expressions --------------------------------------------------------------------------

  parseExpression(level = 0): Expression {
    if (level >= BINARY_LEVELS.length) return this.parseUnary();
    let left = this.parseExpression(level + 1);
    const ops = BINARY_LEVELS[level]!;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'symbol' || !ops.includes(t.text as BinaryOperator)) break;
      // In OpenQASM 2, `^` is exponentiation, handled in parsePower.
      if (t.text === '^' && this.version === 2) break;
      this.next();
      const right = this.parseExpression(level + 1);
      left = { kind: 'binary', op: t.text as BinaryOperator, left, right, pos: left.pos };
    }
    return left;
  }

  private parseUnary(): Expression {
    const t = this.peek();
    if (t.kind === 'symbol' && (t.text === '-' || t.text === '+' || t.text === '!' || t.text === '~')) {
      this.next();
      return { kind: 'unary', op: t.text, operand: this.parseUnary(), pos: this.posOf(t) };
    }
    return this.parsePower();
  }

  /** `a ** b` binds tighter than unary minus and associates to the right (`-2**2` is -4). */
  private parsePower(): Expression {
    const base = this.parsePrimary();
    const t = this.peek();
    if (t.kind === 'symbol' && (t.text === '**' || (t.text === '^' && this.version === 2))) {
      this.next();
      const exponent = this.parseUnary();
      return { kind: 'binary', op: '**', left: base, right: exponent, pos: base.pos };
    }
    return base;
  }

  private parsePrimary(): Expression {
    const t = this.next();
    const pos = this.posOf(t);
    switch (t.kind) {
      case 'integer':
        return { kind: 'number', value: t.value, isInteger: true, pos };
      case 'float':
        return { kind: 'number', value: t.value, isInteger: false, pos };
      case 'symbol':
        if (t.text === '(') {
          const inner = this.parseExpression();
          this.expectSymbol(')', 'to close the parenthesis');
          return inner;
        }
        break;
      case 'identifier': {
        if (t.text === 'true' || t.text === 'false') return { kind: 'bool', value: t.text === 'true', pos };
        if (this.acceptSymbol('(')) {
          const args: Expression[] = [];
          if (!this.isSymbol(')')) {
            do args.push(this.parseExpression());
            while (this.acceptSymbol(','));
          }
          this.expectSymbol(')', `after the arguments of '${t.text}'`);
          return { kind: 'call', callee: t.text, args, pos };
        }
        if (this.acceptSymbol('[')) {
          const index = this.parseExpression();
          this.expectSymbol(']', `after the index of '${t.text}'`);
          return { kind: 'index', name: t.text, index, pos };
        }
        return { kind: 'identifier', name: t.text, pos };
      }
      case 'duration':
        throw new QasmSemanticError('durations cannot be used in arithmetic here', t.line, t.column);
      default:
        break;
    }
    return this.failAt(t, `expected an expression, found ${describe(t)}`);
  }

  // ---- token helpers ------------------------------------------------------------------------

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private peekAt(offset: number): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.tokens[this.at]!;
    if (t.kind !== 'eof') this.at++;
    return t;
  }

  private isSymbol(text: string): boolean {
    const t = this.peek();
    return t.kind === 'symbol' && t.text === text;
  }

  private isSymbolAt(offset: number, text: string): boolean {
    const t = this.peekAt(offset);
    return t.kind === 'symbol' && t.text === text;
  }

  private isWord(text: string): boolean {
    const t = this.peek();
    return t.kind === 'identifier' && t.text === text;
  }

  private isWordAt(offset: number, text: string): boolean {
    const t = this.peekAt(offset);
    return t.kind === 'identifier' && t.text === text;
  }

  private acceptSymbol(text: string): boolean {
    if (!this.isSymbol(text)) return false;
    this.next();
    return true;
  }

  private expectSymbol(text: string, context: string): Token {
    const t = this.peek();
    if (t.kind !== 'symbol' || t.text !== text) this.failAt(t, `expected '${text}' ${context}, found ${describe(t)}`);
    return this.next();
  }

  private expectIdentifier(what: string): string {
    const t = this.next();
    if (t.kind !== 'identifier') this.failAt(t, `expected ${what}, found ${describe(t)}`);
    return t.text;
  }

  /** `float[64] x = ...;` style declarations: a type name followed by `[` width `]` and a name. */
  private isTypedDeclaration(): boolean {
    const t = this.peek();
    if (t.kind !== 'identifier' || !CLASSICAL_TYPES.has(t.text) || !this.isSymbolAt(1, '[')) return false;
    // `int[32] x` vs a gate call `int[...]` is impossible: types are not gate names.
    return true;
  }

  /** True if the statement is `name = ...` or `name[...] = ...` (not `==`). */
  private isAssignmentAhead(): boolean {
    if (this.isSymbolAt(1, '=')) return true;
    if (!this.isSymbolAt(1, '[')) return false;
    let depth = 0;
    for (let k = 1; this.at + k < this.tokens.length; k++) {
      const t = this.peekAt(k);
      if (t.kind === 'eof') return false;
      if (t.kind === 'symbol' && t.text === '[') depth++;
      if (t.kind === 'symbol' && t.text === ']') {
        depth--;
        if (depth === 0) return this.isSymbolAt(k + 1, '=');
      }
    }
    return false;
  }

  private skipLine(line: number): void {
    while (this.peek().kind !== 'eof' && this.peek().line === line) this.next();
  }

  private posOf(t: Token): Position {
    return { line: t.line, column: t.column };
  }

  private failAt(t: Token, detail: string): never {
    throw new QasmSyntaxError(detail, t.line, t.column);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'string':
      return `string "${t.text}"`;
    default:
      return `'${t.text}'`;
  }
}
