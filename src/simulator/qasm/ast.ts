/**
 * Syntax tree of the supported OpenQASM 2/3 subset. Every node keeps the position of its first
 * token, which the compiler quotes in its errors.
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}

export type Expression =
  | { readonly kind: 'number'; readonly value: number; readonly isInteger: boolean; readonly pos: Position }
  | { readonly kind: 'bool'; readonly value: boolean; readonly pos: Position }
  | { readonly kind: 'identifier'; readonly name: string; readonly pos: Position }
  | { readonly kind: 'index'; readonly name: string; readonly index: Expression; readonly pos: Position }
  | { readonly kind: 'unary'; readonly op: '-' | '+' | '!' | '~'; readonly operand: Expression; readonly pos: Position }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOperator;
      readonly left: Expression;
      readonly right: Expression;
      readonly pos: Position;
    }
  | { readonly kind: 'call'; readonly callee: string; readonly args: readonly Expression[]; readonly pos: Position };

export type BinaryOperator =
  | '**' | '*' | '/' | '%' | '+' | '-' | '<<' | '>>' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&' | '^' | '|'
  | '&&' | '||';

/** What selects elements of a register: one index, a range `[a:b]`/`[a:s:b]` (inclusive), or a set. */
export type IndexSelector =
  | { readonly kind: 'single'; readonly index: Expression }
  | {
      readonly kind: 'range';
      readonly start: Expression | null;
      readonly step: Expression | null;
      readonly end: Expression | null;
    }
  | { readonly kind: 'set'; readonly items: readonly Expression[] };

/** A qubit or bit argument: `q`, `q[1]`, `q[0:2]`, or a hardware qubit `$3`. */
export interface Operand {
  readonly name: string;
  /** Set for hardware qubits (`$n`). */
  readonly hardware: number | null;
  readonly selector: IndexSelector | null;
  readonly pos: Position;
}

export type Modifier =
  | { readonly kind: 'ctrl' | 'negctrl'; readonly count: Expression | null; readonly pos: Position }
  | { readonly kind: 'inv'; readonly pos: Position }
  | { readonly kind: 'pow'; readonly exponent: Expression; readonly pos: Position };

export type ClassicalType = 'float' | 'angle' | 'int' | 'uint' | 'bool' | 'bit';

export type Statement =
  | { readonly kind: 'include'; readonly path: string; readonly pos: Position }
  | { readonly kind: 'qubitDeclaration'; readonly name: string; readonly size: Expression | null; readonly pos: Position }
  | {
      readonly kind: 'bitDeclaration';
      readonly name: string;
      readonly size: Expression | null;
      /** `bit[2] c = measure q;` */
      readonly measure: Operand | null;
      readonly pos: Position;
    }
  | { readonly kind: 'inputDeclaration'; readonly name: string; readonly type: ClassicalType; readonly pos: Position }
  | {
      readonly kind: 'constDeclaration';
      readonly name: string;
      readonly type: ClassicalType;
      readonly value: Expression;
      readonly pos: Position;
    }
  | {
      readonly kind: 'gateDefinition';
      readonly name: string;
      readonly params: readonly string[];
      readonly qubits: readonly string[];
      readonly body: readonly Statement[];
      readonly pos: Position;
    }
  | {
      readonly kind: 'opaqueDefinition';
      readonly name: string;
      readonly params: readonly string[];
      readonly qubits: readonly string[];
      readonly pos: Position;
    }
  | {
      readonly kind: 'gateCall';
      readonly name: string;
      readonly modifiers: readonly Modifier[];
      readonly params: readonly Expression[];
      readonly operands: readonly Operand[];
      readonly pos: Position;
      /** Position of the gate name (after any modifiers). */
      readonly namePos: Position;
    }
  | { readonly kind: 'measure'; readonly qubits: Operand; readonly target: Operand | null; readonly pos: Position }
  | { readonly kind: 'reset'; readonly operand: Operand; readonly pos: Position }
  | { readonly kind: 'barrier'; readonly operands: readonly Operand[]; readonly pos: Position }
  | { readonly kind: 'delay'; readonly operands: readonly Operand[]; readonly pos: Position }
  | {
      readonly kind: 'if';
      readonly condition: Expression;
      readonly then: readonly Statement[];
      readonly otherwise: readonly Statement[] | null;
      readonly pos: Position;
    }
  | {
      readonly kind: 'for';
      readonly variable: string;
      readonly iterable: IndexSelector | { readonly kind: 'register'; readonly name: string };
      readonly body: readonly Statement[];
      readonly pos: Position;
    };

export interface Program {
  /** 2 or 3 (3 when the header is missing, as OpenQASM 3 allows). */
  readonly version: 2 | 3;
  readonly statements: readonly Statement[];
}
