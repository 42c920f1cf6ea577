/**
 * Compiles the syntax tree into a {@link Circuit}: resolves registers to qubit and bit indices,
 * expands broadcasts, `for` loops and user-defined gates (applying `ctrl`/`negctrl`/`inv`/`pow`
 * modifiers to their bodies), folds constant expressions, and keeps `if` blocks for run time.
 * Every error names the line and column of the construct at fault.
 */
import { QasmSemanticError } from '../errors.js';
import type { Expression, IndexSelector, Modifier, Operand, Position, Program, Statement } from './ast.js';
import {
  binary,
  call,
  constant,
  CONSTANTS,
  FUNCTIONS,
  readsClassicalBits,
  unary,
  type Expr,
} from '../circuit/expr.js';
import type { Circuit, ClassicalRegister, Instruction, UnitaryModifier } from '../circuit/ir.js';
import { addInclude, builtinGates, INCLUDE_FILES, type GateSymbol } from './gate-scope.js';

/** Programs expanding to more instructions than this are refused (a runaway loop, most likely). */
export const MAX_INSTRUCTIONS = 10_000_000;

interface Register {
  readonly offset: number;
  readonly size: number;
  readonly pos: Position;
}

/** Names visible while compiling a statement: loop variables, gate parameters and gate qubits. */
interface Scope {
  readonly values: ReadonlyMap<string, Expr>;
  /** Set inside a gate body: its qubit arguments, by name. */
  readonly gateQubits: ReadonlyMap<string, number> | null;
}

const GLOBAL_SCOPE: Scope = { values: new Map(), gateQubits: null };

/** Compiles a parsed program. */
export function compileProgram(program: Program): Circuit {
  return new Compiler(program.version).compile(program.statements);
}

/** Python's `sorted()` on strings: by code point, which differs from UTF-16 order above U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

class Compiler {
  private readonly gates: Map<string, GateSymbol>;
  private readonly qregs = new Map<string, Register>();
  private readonly cregs = new Map<string, Register>();
  private readonly registers: ClassicalRegister[] = [];
  private readonly inputs = new Map<string, Position>();
  private readonly usedInputs = new Set<string>();
  private readonly consts = new Map<string, number>();
  private numDeclaredQubits = 0;
  private numClbits = 0;
  private maxHardwareQubit = -1;
  private firstHardwareUse: Position | null = null;
  private firstQubitDeclaration: Position | null = null;
  private instructionCount = 0;

  constructor(private readonly version: 2 | 3) {
    this.gates = builtinGates(version);
  }

  compile(statements: readonly Statement[]): Circuit {
    const instructions: Instruction[] = [];
    for (const s of statements) this.compileStatement(s, GLOBAL_SCOPE, instructions, true);
    return {
      numQubits: this.firstHardwareUse ? this.maxHardwareQubit + 1 : this.numDeclaredQubits,
      numClbits: this.numClbits,
      registers: this.registers,
      parameters: [...this.usedInputs].sort(compareCodePoints),
      instructions,
      usesHardwareQubits: this.firstHardwareUse !== null,
      qasmVersion: this.version,
    };
  }

  // ---- statements ---------------------------------------------------------------------------

  private compileStatement(s: Statement, scope: Scope, out: Instruction[], topLevel: boolean): void {
    const inGate = scope.gateQubits !== null;
    if (inGate && !['gateCall', 'barrier', 'for', 'delay'].includes(s.kind)) {
      this.fail(s.pos, `only gate calls, gphase, barrier and for loops are allowed in a gate body, found ${describeStatement(s)}`);
    }
    const declaration = ['include', 'qubitDeclaration', 'bitDeclaration', 'inputDeclaration', 'constDeclaration', 'gateDefinition', 'opaqueDefinition'];
    if (!topLevel && declaration.includes(s.kind)) {
      this.fail(s.pos, `${describeStatement(s)} is only allowed at the top level of the program`);
    }
    switch (s.kind) {
      case 'include':
        return this.compileInclude(s.path, s.pos);
      case 'qubitDeclaration': {
        if (this.firstHardwareUse) this.failMixedQubits(s.pos);
        this.firstQubitDeclaration ??= s.pos;
        const size = s.size ? this.constInteger(s.size, scope, 'the register size', 1) : 1;
        this.declareName(s.name, s.pos);
        this.qregs.set(s.name, { offset: this.numDeclaredQubits, size, pos: s.pos });
        this.numDeclaredQubits += size;
        return;
      }
      case 'bitDeclaration': {
        const size = s.size ? this.constInteger(s.size, scope, 'the register size', 1) : 1;
        this.declareName(s.name, s.pos);
        const reg = { offset: this.numClbits, size, pos: s.pos };
        this.cregs.set(s.name, reg);
        this.registers.push({ name: s.name, size, offset: reg.offset });
        this.numClbits += size;
        if (s.measure) {
          this.compileMeasure({ name: s.name, hardware: null, selector: null, pos: s.pos }, s.measure, scope, out);
        }
        return;
      }
      case 'inputDeclaration':
        this.declareName(s.name, s.pos);
        this.inputs.set(s.name, s.pos);
        return;
      case 'constDeclaration': {
        const value = this.compileExpression(s.value, scope, false);
        if (value.kind !== 'const') this.fail(s.value.pos, `the value of constant '${s.name}' must be known before the program runs`);
        this.declareName(s.name, s.pos);
        this.consts.set(s.name, s.type === 'int' || s.type === 'uint' ? Math.trunc(value.value) : value.value);
        return;
      }
      case 'gateDefinition':
        return this.defineGate(s);
      case 'opaqueDefinition':
        this.checkGateName(s.name, s.pos);
        this.gates.set(s.name, { kind: 'opaque', name: s.name, numParams: s.params.length, numQubits: s.qubits.length });
        return;
      case 'gateCall':
        return this.compileGateCall(s, scope, out);
      case 'measure':
        if (!s.target) {
          for (const q of this.resolveQubits(s.qubits, scope)) this.emit(out, { kind: 'measure', qubit: q, clbit: null });
          return;
        }
        return this.compileMeasure(s.target, s.qubits, scope, out);
      case 'reset':
        for (const q of this.resolveQubits(s.operand, scope)) this.emit(out, { kind: 'reset', qubit: q });
        return;
      case 'barrier':
      case 'delay':
        // Neither changes an ideal simulation; resolving the operands still reports typos.
        for (const o of s.operands) this.resolveQubits(o, scope);
        return;
      case 'if':
        return this.compileIf(s, scope, out);
      case 'for':
        return this.compileFor(s, scope, out);
    }
  }

  private compileInclude(path: string, pos: Position): void {
    const inc = INCLUDE_FILES[path];
    if (!inc) {
      this.fail(pos, `cannot include "${path}": only ${Object.keys(INCLUDE_FILES).map((f) => `"${f}"`).join(' and ')} are available`);
    }
    if (inc.version !== this.version) {
      this.fail(pos, `"${path}" belongs to OpenQASM ${inc.version}, but this program is OpenQASM ${this.version}`);
    }
    addInclude(this.gates, path);
  }

  private defineGate(s: Extract<Statement, { kind: 'gateDefinition' }>): void {
    this.checkGateName(s.name, s.pos);
    const dup = findDuplicate([...s.params, ...s.qubits]);
    if (dup) this.fail(s.pos, `'${dup}' is declared twice in the signature of gate '${s.name}'`);
    const symbol: GateSymbol = { kind: 'defined', name: s.name, params: s.params, qubits: s.qubits, body: s.body, soft: false, origin: 'this program' };
    // Compile the body once with placeholder arguments so mistakes are reported at the definition.
    // The gate is not in the table yet, so a recursive definition fails here as an unknown gate.
    const values = new Map<string, Expr>(s.params.map((p) => [p, { kind: 'param', name: p } as Expr]));
    const gateQubits = new Map(s.qubits.map((q, i) => [q, i]));
    const count = this.instructionCount;
    for (const st of s.body) this.compileStatement(st, { values, gateQubits }, [], false);
    this.instructionCount = count;
    this.gates.set(s.name, symbol);
  }

  private compileMeasure(target: Operand, source: Operand, scope: Scope, out: Instruction[]): void {
    const qubits = this.resolveQubits(source, scope);
    const bits = this.resolveBits(target, scope);
    if (qubits.length !== bits.length) {
      this.fail(target.pos, `cannot measure ${qubits.length} qubit(s) into ${bits.length} bit(s): the sizes must match`);
    }
    qubits.forEach((q, i) => this.emit(out, { kind: 'measure', qubit: q, clbit: bits[i]! }));
  }

  private compileIf(s: Extract<Statement, { kind: 'if' }>, scope: Scope, out: Instruction[]): void {
    const condition = this.compileExpression(s.condition, scope, true);
    const then: Instruction[] = [];
    const otherwise: Instruction[] = [];
    for (const st of s.then) this.compileStatement(st, scope, then, false);
    for (const st of s.otherwise ?? []) this.compileStatement(st, scope, otherwise, false);
    if (condition.kind === 'const') {
      // A condition known in advance selects its branch now.
      for (const ins of condition.value !== 0 ? then : otherwise) this.emit(out, ins);
      return;
    }
    if (!readsClassicalBits(condition)) {
      this.fail(s.condition.pos, 'an if condition must read classical bits or be constant (conditions on input parameters are not supported)');
    }
    this.emit(out, { kind: 'if', condition, then, otherwise });
  }

  private compileFor(s: Extract<Statement, { kind: 'for' }>, scope: Scope, out: Instruction[]): void {
    if (s.iterable.kind === 'register') {
      this.fail(s.pos, `looping over a register ('${s.iterable.name}') is not supported; loop over a range such as [0:n-1]`);
    }
    const values = this.selectorValues(s.iterable, scope, null, s.pos);
    for (const v of values) {
      const inner = new Map(scope.values);
      inner.set(s.variable, constant(v));
      const loopScope: Scope = { values: inner, gateQubits: scope.gateQubits };
      for (const st of s.body) this.compileStatement(st, loopScope, out, false);
    }
  }

  // ---- gate calls ---------------------------------------------------------------------------

  private compileGateCall(s: Extract<Statement, { kind: 'gateCall' }>, scope: Scope, out: Instruction[]): void {
    const isGphase = s.name === 'gphase' && this.version === 3 && !this.gates.has('gphase');
    const symbol = isGphase ? null : this.gates.get(s.name);
    if (!isGphase && !symbol) {
      const hint =
        this.gates.size <= 2 && !this.gates.has('h')
          ? ` (did you forget include "${this.version === 3 ? 'stdgates.inc' : 'qelib1.inc'}"?)`
          : '';
      this.fail(s.namePos, `unknown gate '${s.name}'${hint}`);
    }
    if (symbol?.kind === 'opaque') {
      this.fail(s.namePos, `gate '${s.name}' is declared opaque: it has no definition to simulate`);
    }
    const { controlStates, unitaryModifiers } = this.compileModifiers(s.modifiers, scope);
    const numParams = isGphase ? 1 : symbol!.kind === 'standard' ? symbol!.gate.numParams : (symbol as { params: readonly string[] }).params.length;
    const gateQubits = isGphase
      ? 0
      : symbol!.kind === 'standard'
        ? symbol!.gate.numControls + symbol!.gate.numTargets
        : (symbol as { qubits: readonly string[] }).qubits.length;
    if (s.params.length !== numParams) {
      this.fail(s.namePos, `gate '${s.name}' takes ${numParams} parameter(s), got ${s.params.length}`);
    }
    const expectedQubits = controlStates.length + gateQubits;
    if (s.operands.length !== expectedQubits) {
      this.fail(
        s.namePos,
        `gate '${s.name}'${controlStates.length ? ` with ${controlStates.length} control(s)` : ''} acts on ${expectedQubits} qubit(s), got ${s.operands.length}`,
      );
    }
    const params = s.params.map((p) => {
      const e = this.compileExpression(p, scope, false);
      if (e.kind === 'const' && !Number.isFinite(e.value)) this.fail(p.pos, `this gate parameter evaluates to ${e.value}`);
      return e;
    });
    for (const tuple of this.broadcast(s.operands, scope)) {
      if (new Set(tuple).size !== tuple.length) this.fail(s.namePos, `gate '${s.name}' is applied to the same qubit twice`);
      const controls = tuple.slice(0, controlStates.length);
      const qubits = tuple.slice(controlStates.length);
      let body: Instruction[];
      if (isGphase) {
        body = [{ kind: 'phase', angle: params[0]!, controls: [], controlStates: [], modifiers: unitaryModifiers }];
      } else if (symbol!.kind === 'standard') {
        const g = symbol!.gate;
        body = [
          {
            kind: 'gate',
            gate: g.name,
            params,
            controls: qubits.slice(0, g.numControls),
            controlStates: qubits.slice(0, g.numControls).map(() => 1),
            targets: qubits.slice(g.numControls),
            modifiers: unitaryModifiers,
          },
        ];
      } else {
        body = this.expandDefinedGate(symbol as Extract<GateSymbol, { kind: 'defined' }>, params, qubits, unitaryModifiers, s.namePos);
      }
      for (const ins of body) this.emit(out, controls.length ? withControls(ins, controls, controlStates) : ins);
    }
  }

  /** Control states in operand order, and inv/pow modifiers innermost first. */
  private compileModifiers(
    modifiers: readonly Modifier[],
    scope: Scope,
  ): { controlStates: number[]; unitaryModifiers: UnitaryModifier[] } {
    const controlStates: number[] = [];
    const outerFirst: UnitaryModifier[] = [];
    for (const m of modifiers) {
      if (m.kind === 'ctrl' || m.kind === 'negctrl') {
        const n = m.count ? this.constInteger(m.count, scope, `the ${m.kind} count`, 1) : 1;
        for (let k = 0; k < n; k++) controlStates.push(m.kind === 'ctrl' ? 1 : 0);
      } else if (m.kind === 'pow') {
        outerFirst.push({ kind: 'pow', exponent: this.compileExpression(m.exponent, scope, false) });
      } else {
        outerFirst.push({ kind: 'inv' });
      }
    }
    return { controlStates, unitaryModifiers: outerFirst.reverse() };
  }

  /** Inlines a user-defined gate, applying inv/pow modifiers (innermost first) to its body. */
  private expandDefinedGate(
    symbol: Extract<GateSymbol, { kind: 'defined' }>,
    params: readonly Expr[],
    qubits: readonly number[],
    modifiers: readonly UnitaryModifier[],
    pos: Position,
  ): Instruction[] {
    const values = new Map<string, Expr>(symbol.params.map((p, i) => [p, params[i]!]));
    const gateQubits = new Map(symbol.qubits.map((q, i) => [q, qubits[i]!]));
    let body: Instruction[] = [];
    for (const st of symbol.body) this.compileStatement(st, { values, gateQubits }, body, false);
    for (const m of modifiers) {
      if (m.kind === 'inv') {
        body = invert(body);
      } else if (m.exponent.kind === 'const' && Number.isInteger(m.exponent.value)) {
        const k = m.exponent.value;
        const unit = k < 0 ? invert(body) : body;
        body = [];
        for (let r = 0; r < Math.abs(k); r++) body.push(...unit);
        if (body.length > MAX_INSTRUCTIONS) this.fail(pos, `pow(${k}) expands to too many instructions`);
      } else {
        // A fractional power needs the whole gate's matrix: keep the body as one block.
        body = [{ kind: 'block', body, targets: qubits, controls: [], controlStates: [], modifiers: [m] }];
      }
    }
    return body;
  }

  /** Expands register operands into one qubit tuple per call (OpenQASM broadcasting). */
  private broadcast(operands: readonly Operand[], scope: Scope): number[][] {
    const lists = operands.map((o) => ({ o, qubits: this.resolveQubits(o, scope) }));
    const multi = lists.filter((l) => l.o.selector?.kind !== 'single' && (l.qubits.length !== 1 || isRegisterOperand(l.o, this.qregs)));
    const lengths = new Set(multi.map((l) => l.qubits.length));
    if (lengths.size > 1) {
      this.fail(operands[0]!.pos, `registers of different sizes (${[...lengths].join(' and ')}) cannot be broadcast together`);
    }
    const n = multi.length ? multi[0]!.qubits.length : 1;
    const tuples: number[][] = [];
    for (let i = 0; i < n; i++) tuples.push(lists.map((l) => (l.qubits.length === 1 ? l.qubits[0]! : l.qubits[i]!)));
    return tuples;
  }

  // ---- operands -----------------------------------------------------------------------------

  private resolveQubits(o: Operand, scope: Scope): number[] {
    if (scope.gateQubits) {
      const q = o.hardware === null && o.selector === null ? scope.gateQubits.get(o.name) : undefined;
      if (q === undefined) {
        this.fail(o.pos, `'${o.name}${o.selector ? '[...]' : ''}' is not a qubit argument of this gate (gate bodies can only use their own qubit arguments, unindexed)`);
      }
      return [q];
    }
    if (o.hardware !== null) {
      if (this.firstQubitDeclaration) this.failMixedQubits(o.pos);
      this.firstHardwareUse ??= o.pos;
      this.maxHardwareQubit = Math.max(this.maxHardwareQubit, o.hardware);
      return [o.hardware];
    }
    const reg = this.qregs.get(o.name);
    if (!reg) {
      const what = this.cregs.has(o.name) ? `'${o.name}' is a bit register, not qubits` : `unknown qubit register '${o.name}'`;
      this.fail(o.pos, what);
    }
    return this.select(reg, o, scope);
  }

  private resolveBits(o: Operand, scope: Scope): number[] {
    const reg = o.hardware === null ? this.cregs.get(o.name) : undefined;
    if (!reg) {
      const what = this.qregs.has(o.name) ? `'${o.name}' is a qubit register, not bits` : `unknown bit register '${o.name}'`;
      this.fail(o.pos, what);
    }
    return this.select(reg, o, scope);
  }

  private select(reg: Register, o: Operand, scope: Scope): number[] {
    if (!o.selector) return Array.from({ length: reg.size }, (_, i) => reg.offset + i);
    return this.selectorValues(o.selector, scope, reg.size, o.pos).map((i) => {
      const k = i < 0 ? reg.size + i : i;
      if (!Number.isInteger(k) || k < 0 || k >= reg.size) {
        this.fail(o.pos, `index ${i} is out of range for '${o.name}' of size ${reg.size}`);
      }
      return reg.offset + k;
    });
  }

  /** Values of an index, range (inclusive, OpenQASM 3) or set. `size` fills open-ended ranges. */
  private selectorValues(sel: IndexSelector, scope: Scope, size: number | null, pos: Position): number[] {
    if (sel.kind === 'single') return [this.constInteger(sel.index, scope, 'an index')];
    if (sel.kind === 'set') return sel.items.map((e) => this.constInteger(e, scope, 'a set element'));
    const step = sel.step ? this.constInteger(sel.step, scope, 'the range step') : 1;
    if (step === 0) this.fail(pos, 'a range step cannot be 0');
    const start = sel.start ? this.constInteger(sel.start, scope, 'the range start') : step > 0 ? 0 : (size ?? 0) - 1;
    let end: number;
    if (sel.end) end = this.constInteger(sel.end, scope, 'the range end');
    else if (size !== null) end = step > 0 ? size - 1 : 0;
    else return this.fail(pos, 'a loop range needs an end');
    const values: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
      values.push(v);
      if (values.length > MAX_INSTRUCTIONS) this.fail(pos, 'the range has too many elements');
    }
    return values;
  }

  // ---- expressions --------------------------------------------------------------------------

  private compileExpression(e: Expression, scope: Scope, allowBits: boolean): Expr {
    switch (e.kind) {
      case 'number':
        return constant(e.value);
      case 'bool':
        return constant(e.value ? 1 : 0);
      case 'identifier':
        return this.compileIdentifier(e.name, e.pos, scope, allowBits);
      case 'index': {
        const reg = this.cregs.get(e.name);
        if (!reg || !allowBits) {
          if (reg) this.fail(e.pos, `classical bit '${e.name}[...]' cannot be used here (only in if conditions)`);
          this.fail(e.pos, `'${e.name}' cannot be indexed in an expression (only bit registers can)`);
        }
        const i = this.constInteger(e.index, scope, 'a bit index');
        const k = i < 0 ? reg.size + i : i;
        if (k < 0 || k >= reg.size) this.fail(e.pos, `index ${i} is out of range for '${e.name}' of size ${reg.size}`);
        return { kind: 'clbit', index: reg.offset + k };
      }
      case 'unary':
        return unary(e.op, this.compileExpression(e.operand, scope, allowBits));
      case 'binary':
        return binary(e.op, this.compileExpression(e.left, scope, allowBits), this.compileExpression(e.right, scope, allowBits));
      case 'call': {
        const f = FUNCTIONS[e.callee];
        if (!f) this.fail(e.pos, `unknown function '${e.callee}'`);
        if (e.args.length !== f.arity) this.fail(e.pos, `function '${e.callee}' takes ${f.arity} argument(s), got ${e.args.length}`);
        return call(e.callee, e.args.map((a) => this.compileExpression(a, scope, allowBits)));
      }
    }
  }

  private compileIdentifier(name: string, pos: Position, scope: Scope, allowBits: boolean): Expr {
    const local = scope.values.get(name);
    if (local) return local;
    const c = this.consts.get(name);
    if (c !== undefined) return constant(c);
    if (this.inputs.has(name)) {
      if (scope.gateQubits) this.fail(pos, `gate bodies cannot read the input '${name}'; pass it as a gate parameter`);
      this.usedInputs.add(name);
      return { kind: 'param', name };
    }
    if (CONSTANTS[name] !== undefined) return constant(CONSTANTS[name]!);
    const reg = this.cregs.get(name);
    if (reg) {
      if (!allowBits) this.fail(pos, `bit register '${name}' cannot be used here (only in if conditions)`);
      return { kind: 'creg', offset: reg.offset, size: reg.size };
    }
    if (this.qregs.has(name)) this.fail(pos, `qubit register '${name}' cannot be used in an expression`);
    return this.fail(pos, `unknown identifier '${name}' (declare parameters with 'input float[64] ${name};')`);
  }

  /** Evaluates an expression that must be a compile-time integer (sizes, indices, counts). */
  private constInteger(e: Expression, scope: Scope, what: string, min?: number): number {
    const v = this.compileExpression(e, scope, false);
    if (v.kind !== 'const' || !Number.isInteger(v.value)) {
      this.fail(e.pos, `${what} must be an integer known before the program runs`);
    }
    if (min !== undefined && v.value < min) this.fail(e.pos, `${what} must be at least ${min}, got ${v.value}`);
    return v.value;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private emit(out: Instruction[], ins: Instruction): void {
    if (++this.instructionCount > MAX_INSTRUCTIONS) {
      throw new QasmSemanticError(`the program expands to more than ${MAX_INSTRUCTIONS} instructions`, 1, 1);
    }
    out.push(ins);
  }

  private declareName(name: string, pos: Position): void {
    if (this.qregs.has(name) || this.cregs.has(name) || this.inputs.has(name) || this.consts.has(name)) {
      this.fail(pos, `'${name}' is already declared`);
    }
    if (CONSTANTS[name] !== undefined) this.fail(pos, `'${name}' is a built-in constant and cannot be redeclared`);
  }

  private checkGateName(name: string, pos: Position): void {
    const existing = this.gates.get(name);
    if (existing && !(existing.kind !== 'opaque' && existing.soft)) {
      const origin = existing.kind === 'opaque' ? 'this program' : existing.origin;
      this.fail(pos, `gate '${name}' is already defined by ${origin}`);
    }
    if (name === 'gphase' && this.version === 3) this.fail(pos, "'gphase' is a built-in and cannot be redefined");
  }

  private failMixedQubits(pos: Position): never {
    return this.fail(pos, 'hardware qubits ($n) cannot be mixed with qubit register declarations');
  }

  private fail(pos: Position, detail: string): never {
    throw new QasmSemanticError(detail, pos.line, pos.column);
  }
}

/** Inverse of a gate sequence: reversed, each element inverted. */
function invert(body: readonly Instruction[]): Instruction[] {
  return body
    .slice()
    .reverse()
    .map((ins) => {
      if (ins.kind === 'gate' || ins.kind === 'block' || ins.kind === 'phase') {
        return { ...ins, modifiers: [...ins.modifiers, { kind: 'inv' }] } as Instruction;
      }
      throw new Error(`cannot invert a ${ins.kind} instruction`);
    });
}

function withControls(ins: Instruction, controls: readonly number[], states: readonly number[]): Instruction {
  if (ins.kind === 'gate' || ins.kind === 'block' || ins.kind === 'phase') {
    return { ...ins, controls: [...controls, ...ins.controls], controlStates: [...states, ...ins.controlStates] };
  }
  throw new Error(`cannot control a ${ins.kind} instruction`);
}

function isRegisterOperand(o: Operand, qregs: ReadonlyMap<string, Register>): boolean {
  return o.hardware === null && o.selector === null && qregs.has(o.name) && qregs.get(o.name)!.size !== 1;
}

function findDuplicate(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return n;
    seen.add(n);
  }
  return undefined;
}

function describeStatement(s: Statement): string {
  switch (s.kind) {
    case 'gateCall':
      return `gate call '${s.name}'`;
    case 'qubitDeclaration':
      return 'a qubit declaration';
    case 'bitDeclaration':
      return 'a bit declaration';
    case 'inputDeclaration':
      return 'an input declaration';
    case 'constDeclaration':
      return 'a const declaration';
    case 'gateDefinition':
      return 'a gate definition';
    case 'opaqueDefinition':
      return 'an opaque declaration';
    default:
      return `'${s.kind}'`;
  }
}
