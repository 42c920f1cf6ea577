import { describe, expect, it } from 'vitest';
import { QasmSemanticError, QasmSyntaxError } from '../errors.js';
import { tokenize } from './lexer.js';
import { parseProgram } from './parser.js';

/** Runs `fn` and returns the error it throws (failing the test if it throws none). */
function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('tokenize', () => {
  it('records 1-based lines and columns, skipping comments', () => {
    const tokens = tokenize('OPENQASM 3.0;\n// comment\n/* block\n comment */ h $12;');
    const h = tokens.find((t) => t.text === 'h')!;
    expect([h.line, h.column]).toEqual([4, 13]);
    const q = tokens.find((t) => t.kind === 'hardwareQubit')!;
    expect([q.value, q.line, q.column]).toEqual([12, 4, 15]);
  });

  it('reads number forms, durations and unicode identifiers', () => {
    const kinds = tokenize('1_000 2.5e-3 .5 0x1F 0b101 100ns 2.5us θ π').map((t) => [t.kind, t.value]);
    expect(kinds.slice(0, 7)).toEqual([
      ['integer', 1000],
      ['float', 0.0025],
      ['float', 0.5],
      ['integer', 31],
      ['integer', 5],
      ['duration', 100],
      ['duration', 2.5],
    ]);
    expect(tokenize('θ π').slice(0, 2).map((t) => t.kind)).toEqual(['identifier', 'identifier']);
  });

  it('reports an unexpected character with its position', () => {
    const err = errorOf(() => tokenize('qubit q;\n  h q ? ;'));
    expect(err).toBeInstanceOf(QasmSyntaxError);
    expect(err).toMatchObject({ line: 2, column: 7 });
    expect(err.message).toContain("unexpected character '?'");
  });

  it('reports an unterminated comment where it starts', () => {
    expect(errorOf(() => tokenize('h q;\n   /* never closed'))).toMatchObject({ line: 2, column: 4 });
  });
});

describe('parseProgram', () => {
  it('parses the OpenQASM 3 that IBM REST examples send', () => {
    const p = parseProgram(
      'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nrz(pi/2) $1;\nsx $1;\ncx $1, $0;\nmeas[0] = measure $1;\n',
    );
    expect(p.version).toBe(3);
    expect(p.statements.map((s) => s.kind)).toEqual(['include', 'bitDeclaration', 'gateCall', 'gateCall', 'gateCall', 'measure']);
  });

  it('gives ** precedence over unary minus and associates it to the right', () => {
    const p = parseProgram('const float x = -2 ** 3 ** 2;');
    const decl = p.statements[0] as Extract<(typeof p.statements)[number], { kind: 'constDeclaration' }>;
    expect(decl.value).toMatchObject({ kind: 'unary', op: '-', operand: { kind: 'binary', op: '**', right: { kind: 'binary', op: '**' } } });
  });

  it('treats ^ as power in OpenQASM 2 and as xor in OpenQASM 3', () => {
    const v2 = parseProgram('OPENQASM 2.0; qreg q[1]; U(2^3, 0, 0) q[0];').statements[1] as unknown as { params: Array<{ op: string }> };
    expect(v2.params[0]!.op).toBe('**');
    const v3 = parseProgram('OPENQASM 3.0; U(2^3, 0, 0) $0;').statements[0] as unknown as { params: Array<{ op: string }> };
    expect(v3.params[0]!.op).toBe('^');
  });

  it('parses modifiers, for loops, if/else and both measurement forms', () => {
    const p = parseProgram(`
      qubit[3] q; bit[3] c;
      ctrl(2) @ inv @ pow(0.5) @ x q[0], q[1], q[2];
      for uint i in [0:2] { h q[i]; }
      for i in {0, 2} h q[i];
      measure q -> c;
      c[0] = measure q[0];
      if (c == 3) { x q[0]; } else x q[1];
    `);
    const call = p.statements[2] as unknown as { modifiers: Array<{ kind: string }> };
    expect(call.modifiers.map((m) => m.kind)).toEqual(['ctrl', 'inv', 'pow']);
    expect(p.statements.map((s) => s.kind)).toEqual(['qubitDeclaration', 'bitDeclaration', 'gateCall', 'for', 'for', 'measure', 'measure', 'if']);
  });

  it('names what was expected at the right position', () => {
    const err = errorOf(() => parseProgram('OPENQASM 3.0;\nqubit[2] q;\nh q[0]\nx q[1];'));
    expect(err).toBeInstanceOf(QasmSyntaxError);
    expect(err).toMatchObject({ line: 4, column: 1 });
    expect(err.message).toBe("line 4, column 1: expected ';' after the operands of 'h', found 'x'");
  });

  it('reports a missing closing parenthesis', () => {
    const err = errorOf(() => parseProgram('qubit q;\nrx(pi/2 q;'));
    expect(err).toMatchObject({ line: 2, column: 9 });
    expect(err.message).toContain("expected ')' after the gate parameters, found 'q'");
  });

  it('refuses unsupported statements by name, at their position', () => {
    const err = errorOf(() => parseProgram('qubit q;\nbit c;\n  while (c) { x q; }'));
    expect(err).toBeInstanceOf(QasmSemanticError);
    expect(err).toMatchObject({ line: 3, column: 3 });
    expect(err.message).toContain('while loops are not supported');
    expect(errorOf(() => parseProgram('def f() {}')).message).toContain('subroutines');
    expect(errorOf(() => parseProgram('int[32] n = 3;')).message).toContain("classical variables of type 'int'");
  });

  it('skips annotations and pragmas, which do not change results', () => {
    const p = parseProgram('#pragma foo bar\npragma baz\n@leave_alone\nqubit q;');
    expect(p.statements.map((s) => s.kind)).toEqual(['qubitDeclaration']);
  });

  it('rejects versions other than 2 and 3', () => {
    expect(errorOf(() => parseProgram('OPENQASM 4.0;')).message).toContain('unsupported OpenQASM version 4.0');
  });
});
