/**
 * Writes small QPY files (one circuit, QPY 12 to 17) byte by byte as Qiskit's `qpy.dump` lays them
 * out, so that tests can build circuits the public fixtures do not cover: gates with float angles,
 * Parameters, ParameterVector elements and parameter expressions (PARAMETER_EXPR with the QPY 13
 * replay and symbol table), measurements into one classical register. Only for tests.
 */
import { createHash } from 'node:crypto';

/** A `Parameter`; its uuid is derived from the name so that fixtures are reproducible. */
export interface ParameterSymbol {
  readonly kind: 'parameter';
  readonly name: string;
  readonly uuid: Uint8Array;
}

/** A `ParameterVectorElement`: Qiskit gives element i the vector's root uuid plus i. */
export interface VectorElementSymbol {
  readonly kind: 'element';
  readonly vector: string;
  readonly size: number;
  readonly index: number;
  readonly uuid: Uint8Array;
}

export type Symbol = ParameterSymbol | VectorElementSymbol;

/** A replay operand: a symbol, a literal, or null ('n': taken from the stack). */
export type Operand =
  | Symbol
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'complex'; readonly re: number; readonly im: number }
  | null;

/** PARAM_EXPR_ELEM_V13 op codes (Qiskit's `_OPCode`). */
export const OP = {
  ADD: 0, SUB: 1, MUL: 2, DIV: 3, POW: 4, SIN: 5, COS: 6, TAN: 7, ASIN: 8, ACOS: 9, EXP: 10, LOG: 11,
  SIGN: 12, GRAD: 13, CONJ: 14, SUBSTITUTE: 15, ABS: 16, ATAN: 17, RSUB: 18, RDIV: 19, RPOW: 20,
} as const;

export type ReplayEntry =
  | { readonly op: number; readonly lhs: Operand; readonly rhs?: Operand }
  /** The op-code-255 entries around a nested expression (Qiskit 1.3/1.4 write these). */
  | { readonly marker: 'start' | 'end'; readonly side: 'lhs' | 'rhs' }
  /**
   * A `subs()` call, as Qiskit's `_encode_replay_subs` writes it: op code 15, lhs type 'u' whose
   * first 8 bytes are the mapping's size, rhs 'n', then the mapping (parameter → new value).
   */
  | { readonly substitute: readonly (readonly [Symbol, Symbol | ExpressionParam])[] };

export interface ExpressionParam {
  readonly kind: 'expression';
  /** The symbol table, in order (Qiskit writes `expr.parameters`). */
  readonly symbols: readonly Symbol[];
  readonly replay: readonly ReplayEntry[];
}

/** Arbitrary INSTRUCTION_PARAM bytes, for malformed payloads. */
export interface RawParam {
  readonly kind: 'raw';
  readonly type: string;
  readonly bytes: Uint8Array;
}

export type InstructionParam = number | Symbol | ExpressionParam | RawParam;

export interface WrittenInstruction {
  /** Qiskit class name, e.g. 'RYGate' or 'Measure'. */
  readonly name: string;
  readonly qubits: readonly number[];
  readonly clbits?: readonly number[];
  readonly params?: readonly InstructionParam[];
}

export interface WrittenCircuit {
  readonly version?: number;
  /** QPY 10+: 'p' (sympy) or 'e' (symengine). */
  readonly symbolicEncoding?: string;
  readonly numQubits: number;
  readonly numClbits?: number;
  /** Name of the one classical register over all clbits. */
  readonly creg?: string;
  readonly instructions: readonly WrittenInstruction[];
}

export function parameter(name: string): ParameterSymbol {
  return { kind: 'parameter', name, uuid: createHash('sha256').update(`parameter:${name}`).digest().subarray(0, 16) };
}

export function vectorElement(vector: string, size: number, index: number): VectorElementSymbol {
  const root = BigInt(`0x${createHash('sha256').update(`vector:${vector}`).digest('hex').slice(0, 32)}`);
  const uuid = Buffer.from(((root + BigInt(index)) % (1n << 128n)).toString(16).padStart(32, '0'), 'hex');
  return { kind: 'element', vector, size, index, uuid };
}

export const int = (value: number): Operand => ({ kind: 'int', value });
export const float = (value: number): Operand => ({ kind: 'float', value });

/**
 * A PARAMETER_EXPR payload: header, replay entries, symbol table. As Qiskit's
 * `_write_parameter_expression` does, a substitution adds to the table, after the expression's
 * parameters, each substituted parameter and then each new value, both with themselves as value.
 */
export function expressionBytes(expr: ExpressionParam, version = 13): Buffer {
  const replay = Buffer.concat(expr.replay.map((e) => replayEntry(e, version)));
  const binds = expr.replay.flatMap((e) => ('substitute' in e ? e.substitute : []));
  const header = Buffer.alloc(16);
  header.writeBigUInt64BE(BigInt(expr.symbols.length + 2 * binds.length), 0);
  header.writeBigUInt64BE(BigInt(replay.length), 8);
  const table = expr.symbols.map((s) => {
    // symbol type, value type (the symbol itself), value size 0
    const head = Buffer.alloc(10);
    head.write(symbolType(s).repeat(2), 0, 'latin1');
    return Buffer.concat([head, symbolBytes(s)]);
  });
  const extra = [...binds.map(([key]) => key), ...binds.map(([, value]) => value)].map((s) => {
    const [type, data] = s.kind === 'expression' ? ['e', expressionBytes(s, version)] : [symbolType(s), symbolBytes(s)];
    const head = Buffer.alloc(10);
    head.write(type.repeat(2), 0, 'latin1');
    head.writeBigUInt64BE(BigInt(data.length), 2);
    return Buffer.concat([head, data, data]);
  });
  return Buffer.concat([header, replay, ...table, ...extra]);
}

const symbolType = (s: Symbol): string => (s.kind === 'parameter' ? 'p' : 'v');

/** A QPY mapping (`common.write_mapping`): u64 count, then per item u16 key size, char type, u16 size, key, value. */
function mappingBytes(items: readonly (readonly [Buffer, string, Buffer])[]): Buffer {
  const count = Buffer.alloc(8);
  count.writeBigUInt64BE(BigInt(items.length));
  const parts = items.map(([key, type, value]) => {
    const head = Buffer.alloc(5);
    head.writeUInt16BE(key.length, 0);
    head.write(type, 2, 'latin1');
    head.writeUInt16BE(value.length, 3);
    return Buffer.concat([head, key, value]);
  });
  return Buffer.concat([count, ...parts]);
}

function replayEntry(entry: ReplayEntry, version: number): Buffer {
  const out = Buffer.alloc(35);
  if ('substitute' in entry) {
    // Keys are parameter names before QPY 15 and uuid bytes from QPY 15 on.
    const mapping = mappingBytes(
      entry.substitute.map(([key, value]) => [
        version < 15 ? Buffer.from(key.kind === 'parameter' ? key.name : `${key.vector}[${key.index}]`) : Buffer.from(key.uuid),
        value.kind === 'expression' ? 'e' : symbolType(value),
        value.kind === 'expression' ? expressionBytes(value, version) : symbolBytes(value),
      ]),
    );
    out[0] = OP.SUBSTITUTE;
    out.write('u', 1, 'latin1');
    out.writeBigUInt64BE(BigInt(mapping.length), 2);
    out.write('n', 18, 'latin1');
    return Buffer.concat([out, mapping]);
  }
  if ('marker' in entry) {
    const tag = entry.marker === 'start' ? 's' : 'e';
    out[0] = 255;
    out.write(entry.side === 'lhs' ? tag : 'n', 1, 'latin1');
    out.write(entry.side === 'lhs' ? 'n' : tag, 18, 'latin1');
    return out;
  }
  out[0] = entry.op;
  writeOperand(out, 1, entry.lhs);
  writeOperand(out, 18, entry.rhs ?? null);
  return out;
}

function writeOperand(out: Buffer, at: number, operand: Operand): void {
  if (operand === null) {
    out.write('n', at, 'latin1');
    return;
  }
  switch (operand.kind) {
    case 'parameter':
    case 'element':
      out.write('p', at, 'latin1');
      out.set(operand.uuid, at + 1);
      return;
    case 'int':
      out.write('i', at, 'latin1');
      out.writeBigInt64BE(BigInt(operand.value), at + 9);
      return;
    case 'float':
      out.write('f', at, 'latin1');
      out.writeDoubleBE(operand.value, at + 9);
      return;
    case 'complex':
      out.write('c', at, 'latin1');
      out.writeDoubleBE(operand.re, at + 1);
      out.writeDoubleBE(operand.im, at + 9);
      return;
  }
}

/** PARAMETER (u16 name size, uuid, name) or PARAMETER_VECTOR_ELEMENT (u16, u64 size, uuid, u64 index, name). */
function symbolBytes(s: Symbol): Buffer {
  if (s.kind === 'parameter') {
    const name = Buffer.from(s.name);
    const head = Buffer.alloc(18);
    head.writeUInt16BE(name.length, 0);
    head.set(s.uuid, 2);
    return Buffer.concat([head, name]);
  }
  const name = Buffer.from(s.vector);
  const head = Buffer.alloc(34);
  head.writeUInt16BE(name.length, 0);
  head.writeBigUInt64BE(BigInt(s.size), 2);
  head.set(s.uuid, 10);
  head.writeBigUInt64BE(BigInt(s.index), 26);
  return Buffer.concat([head, name]);
}

function paramBytes(p: InstructionParam, version: number): Buffer {
  let type: string;
  let data: Buffer;
  if (typeof p === 'number') {
    // Numeric INSTRUCTION_PARAMs are little-endian, unlike the rest of QPY.
    type = 'f';
    data = Buffer.alloc(8);
    data.writeDoubleLE(p);
  } else if (p.kind === 'parameter') {
    type = 'p';
    data = symbolBytes(p);
  } else if (p.kind === 'element') {
    type = 'v';
    data = symbolBytes(p);
  } else if (p.kind === 'expression') {
    type = 'e';
    data = expressionBytes(p, version);
  } else {
    type = p.type;
    data = Buffer.from(p.bytes);
  }
  const head = Buffer.alloc(9);
  head.write(type, 0, 'latin1');
  head.writeBigUInt64BE(BigInt(data.length), 1);
  return Buffer.concat([head, data]);
}

function instructionBytes(ins: WrittenInstruction, version: number): Buffer {
  const name = Buffer.from(ins.name);
  const params = ins.params ?? [];
  const clbits = ins.clbits ?? [];
  // u16 name, u16 label, u16 params, u32 qargs, u32 cargs, u8 extras, u16 cond reg, i64 cond, u32 ctrl qubits, u32 ctrl state
  const head = Buffer.alloc(33);
  head.writeUInt16BE(name.length, 0);
  head.writeUInt16BE(params.length, 4);
  head.writeUInt32BE(ins.qubits.length, 6);
  head.writeUInt32BE(clbits.length, 10);
  const arg = (type: string, index: number) => {
    const b = Buffer.alloc(5);
    b.write(type, 0, 'latin1');
    b.writeUInt32BE(index, 1);
    return b;
  };
  return Buffer.concat([head, name, ...ins.qubits.map((q) => arg('q', q)), ...clbits.map((c) => arg('c', c)), ...params.map((p) => paramBytes(p, version))]);
}

function registerBytes(type: 'q' | 'c', name: string, size: number): Buffer {
  const n = Buffer.from(name);
  // char type, bool standalone, u32 size, u16 name size, bool in circuit
  const head = Buffer.alloc(9);
  head.write(type, 0, 'latin1');
  head[1] = 1;
  head.writeUInt32BE(size, 2);
  head.writeUInt16BE(n.length, 6);
  head[8] = 1;
  const indices = Buffer.alloc(8 * size);
  for (let i = 0; i < size; i++) indices.writeBigInt64BE(BigInt(i), 8 * i);
  return Buffer.concat([head, n, indices]);
}

/** The raw QPY bytes of one circuit (compress and base64 them to send as a PUB). */
export function writeQpy(c: WrittenCircuit): Buffer {
  const version = c.version ?? 13;
  if (version < 12 || version > 17) throw new Error(`the test writer writes QPY 12 to 17, not ${version}`);
  const numClbits = c.numClbits ?? 0;
  const registers = [registerBytes('q', 'q', c.numQubits), ...(numClbits > 0 ? [registerBytes('c', c.creg ?? 'c', numClbits)] : [])];

  const name = Buffer.from('circuit');
  const metadata = Buffer.from('{}');
  // HEADER_V12: u16 name, char phase type, u16 phase size, u32 qubits, u32 clbits, u64 metadata, u32 registers, u64 instructions, u32 vars
  const header = Buffer.alloc(37);
  header.writeUInt16BE(name.length, 0);
  header.write('f', 2, 'latin1');
  header.writeUInt16BE(8, 3);
  header.writeUInt32BE(c.numQubits, 5);
  header.writeUInt32BE(numClbits, 9);
  header.writeBigUInt64BE(BigInt(metadata.length), 13);
  header.writeUInt32BE(registers.length, 21);
  header.writeBigUInt64BE(BigInt(c.instructions.length), 25);
  const circuit = Buffer.concat([
    header,
    name,
    Buffer.alloc(8), // global phase 0.0
    metadata,
    ...registers,
    ...(version >= 15 ? [Buffer.alloc(4)] : []), // no annotation namespaces
    Buffer.alloc(8), // no custom definitions
    ...c.instructions.map((ins) => instructionBytes(ins, version)),
  ]);

  // 'QISKIT', version, Qiskit 2.1.0, u64 circuit count, symbolic encoding, program type, offset table (16+)
  const file = Buffer.alloc(20);
  file.write('QISKIT', 0, 'latin1');
  file[6] = version;
  file.set([2, 1, 0], 7);
  file.writeBigUInt64BE(1n, 10);
  file.write(c.symbolicEncoding ?? 'p', 18, 'latin1');
  file.write('q', 19, 'latin1');
  const offsets = version >= 16 ? [Buffer.alloc(8)] : [];
  if (version >= 16) offsets[0]!.writeBigUInt64BE(BigInt(file.length + 8));
  return Buffer.concat([file, ...offsets, circuit]);
}
