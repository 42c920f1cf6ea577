import { describe, expect, it } from 'vitest';
import { QasmSemanticError } from '../errors.js';
import type { GateInstruction, Instruction } from '../circuit/ir.js';
import { parseQasm } from './index.js';

const OQ3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';

function errorOf(fn: () => unknown): QasmSemanticError {
  try {
    fn();
  } catch (err) {
    return err as QasmSemanticError;
  }
  throw new Error('expected an error');
}

const gates = (list: readonly Instruction[]): GateInstruction[] => list.filter((i): i is GateInstruction => i.kind === 'gate');

describe('parseQasm: registers and operands', () => {
  it('lays registers out in declaration order', () => {
    const c = parseQasm(`${OQ3}qubit[2] a;\nqubit[3] b;\nbit[2] c;\nbit d;\nx b[1];`);
    expect(c.numQubits).toBe(5);
    expect(c.registers).toEqual([
      { name: 'c', size: 2, offset: 0 },
      { name: 'd', size: 1, offset: 2 },
    ]);
    expect(gates(c.instructions)[0]!.targets).toEqual([3]);
  });

  it('sizes hardware-qubit circuits by the highest $n', () => {
    const c = parseQasm(`${OQ3}bit[1] meas;\nx $7;\nmeas[0] = measure $7;`);
    expect(c).toMatchObject({ numQubits: 8, usesHardwareQubits: true });
  });

  it('broadcasts gates and measurements over registers', () => {
    const c = parseQasm(`${OQ3}qubit[3] q;\nqubit[3] r;\nbit[3] c;\nh q;\ncx q, r;\ncx q[0], r;\nmeasure q -> c;`);
    const g = gates(c.instructions);
    expect(g.filter((x) => x.gate === 'h').map((x) => x.targets[0])).toEqual([0, 1, 2]);
    expect(g.filter((x) => x.gate === 'cx').map((x) => [x.controls[0], x.targets[0]])).toEqual([
      [0, 3], [1, 4], [2, 5], [0, 3], [0, 4], [0, 5],
    ]);
    expect(c.instructions.filter((i) => i.kind === 'measure')).toEqual([
      { kind: 'measure', qubit: 0, clbit: 0 },
      { kind: 'measure', qubit: 1, clbit: 1 },
      { kind: 'measure', qubit: 2, clbit: 2 },
    ]);
  });

  it('supports ranges, negative indices and sets in operands', () => {
    const c = parseQasm(`${OQ3}qubit[6] q;\nx q[1:3];\nx q[-1];\nx q[{0, 4}];\nx q[0:2:5];`);
    expect(gates(c.instructions).map((g) => g.targets[0])).toEqual([1, 2, 3, 5, 0, 4, 0, 2, 4]);
  });

  it('unrolls for loops over ranges and sets, binding the loop variable', () => {
    const c = parseQasm(`${OQ3}qubit[4] q;\nfor uint i in [0:3] { rz(i * pi / 4) q[i]; }\nfor int j in {3, 1} x q[j];`);
    const g = gates(c.instructions);
    expect(g.filter((x) => x.gate === 'rz').map((x) => [x.targets[0], x.params[0]])).toEqual([0, 1, 2, 3].map((i) => [i, { kind: 'const', value: (i * Math.PI) / 4 }]));
    expect(g.filter((x) => x.gate === 'x').map((x) => x.targets[0])).toEqual([3, 1]);
  });
});

describe('parseQasm: expressions and parameters', () => {
  it('folds constant expressions with every built-in function and constant', () => {
    const c = parseQasm(
      `${OQ3}const float a = 2;\nqubit q;\nrz(-pi + tau/2 + euler - ℇ + π*0) q;\nrz(sin(0.3)**2 + cos(0.3)**2) q;\nrz(sqrt(4) + exp(0) + ln(euler) + arctan(1)*4/π + arcsin(1) - arccos(0) + tan(0)) q;\nrz(a ** 3 % 5) q;`,
    );
    const values = gates(c.instructions).map((g) => g.params[0]);
    expect(values.map((v) => (v!.kind === 'const' ? v!.value : NaN))).toEqual([0, expect.closeTo(1, 14), expect.closeTo(5, 14), 3]);
  });

  it('keeps input parameters symbolic and lists them sorted by name', () => {
    const c = parseQasm(`${OQ3}input float[64] theta;\ninput float[64] alpha;\ninput float[64] unused;\nqubit q;\nrx(2*theta) q;\nry(alpha) q;`);
    expect(c.parameters).toEqual(['alpha', 'theta']);
    expect(gates(c.instructions)[0]!.params[0]).toEqual({ kind: 'binary', op: '*', left: { kind: 'const', value: 2 }, right: { kind: 'param', name: 'theta' } });
  });

  it('sorts parameter names by code point, as Python does', () => {
    const c = parseQasm(`${OQ3}input float b; input float B; input float _b; input float θ; qubit q; rx(b+B+_b+θ) q;`);
    expect(c.parameters).toEqual(['B', '_b', 'b', 'θ']);
  });
});

describe('parseQasm: gates', () => {
  it('expands user-defined gates with parameters, applying modifiers to the body', () => {
    const c = parseQasm(`${OQ3}gate g(a, b) x, y { rx(a) x; cx x, y; rz(b) y; }\nqubit[3] q;\ninv @ g(0.1, 0.2) q[0], q[1];\nctrl @ g(0.3, 0.4) q[2], q[0], q[1];`);
    const g = gates(c.instructions);
    // inverse: reversed, each inverted
    expect(g.slice(0, 3).map((x) => [x.gate, x.modifiers.map((m) => m.kind)])).toEqual([
      ['rz', ['inv']], ['cx', ['inv']], ['rx', ['inv']],
    ]);
    // controlled: every body gate gains the control
    expect(g.slice(3).map((x) => [x.gate, x.controls])).toEqual([
      ['rx', [2]], ['cx', [2, 0]], ['rz', [2]],
    ]);
  });

  it('repeats bodies for integer powers and keeps fractional powers whole', () => {
    const c = parseQasm(`${OQ3}gate g x { h x; t x; }\nqubit q;\npow(2) @ g q;\npow(-1) @ g q;\npow(0.5) @ g q;`);
    expect(c.instructions.slice(0, 6).map((i) => (i as GateInstruction).gate)).toEqual(['h', 't', 'h', 't', 't', 'h']);
    expect(c.instructions[6]).toMatchObject({ kind: 'block', targets: [0] });
  });

  it('lets a program define Qiskit extra gates itself, as Qiskit exports them', () => {
    const c = parseQasm(`${OQ3}gate rzz(p) a, b { cx a, b; rz(p) b; cx a, b; }\nqubit[2] q;\nrzz(0.5) q[0], q[1];`);
    expect(gates(c.instructions).map((g) => g.gate)).toEqual(['cx', 'rz', 'cx']);
  });

  it('knows Qiskit extra gates natively when the program does not define them', () => {
    const c = parseQasm(`${OQ3}qubit[2] q;\nrzz(0.5) q[0], q[1];\necr q[0], q[1];\nsxdg q[0];`);
    expect(gates(c.instructions).map((g) => g.gate)).toEqual(['rzz', 'ecr', 'sxdg']);
  });

  it('refuses to redefine a stdgates.inc gate', () => {
    const err = errorOf(() => parseQasm(`${OQ3}gate h a { x a; }`));
    expect(err.message).toContain("gate 'h' is already defined by stdgates.inc");
    expect(err).toMatchObject({ line: 3, column: 1 });
  });

  it('reports an unknown gate at its name, never skipping it', () => {
    const err = errorOf(() => parseQasm(`${OQ3}qubit[2] q;\n  ctrl @ foo q[0], q[1];`));
    expect(err).toBeInstanceOf(QasmSemanticError);
    expect(err).toMatchObject({ line: 4, column: 10 });
    expect(err.message).toBe("line 4, column 10: unknown gate 'foo'");
  });

  it('hints at the missing include', () => {
    const err = errorOf(() => parseQasm('OPENQASM 3.0;\nqubit q;\nh q;'));
    expect(err.message).toContain(`unknown gate 'h' (did you forget include "stdgates.inc"?)`);
  });

  it('checks parameter and qubit counts, and distinct qubits', () => {
    expect(errorOf(() => parseQasm(`${OQ3}qubit q;\nrx q;`)).message).toContain("gate 'rx' takes 1 parameter(s), got 0");
    expect(errorOf(() => parseQasm(`${OQ3}qubit[2] q;\ncx q[0];`)).message).toContain("gate 'cx' acts on 2 qubit(s), got 1");
    expect(errorOf(() => parseQasm(`${OQ3}qubit[2] q;\ncx q[1], q[1];`)).message).toContain('same qubit twice');
    expect(errorOf(() => parseQasm(`${OQ3}qubit[2] q;\nctrl @ x q[0];`)).message).toContain('with 1 control(s) acts on 2 qubit(s)');
  });

  it('reports indices out of range and unknown names', () => {
    const err = errorOf(() => parseQasm(`${OQ3}qubit[2] q;\nx q[2];`));
    expect(err).toMatchObject({ line: 4, column: 3 });
    expect(err.message).toContain("index 2 is out of range for 'q' of size 2");
    expect(errorOf(() => parseQasm(`${OQ3}qubit q;\nrx(theta) q;`)).message).toContain("unknown identifier 'theta'");
    expect(errorOf(() => parseQasm(`${OQ3}qubit q;\nx r;`)).message).toContain("unknown qubit register 'r'");
  });

  it('refuses angles that are not finite numbers', () => {
    const err = errorOf(() => parseQasm(`${OQ3}qubit q;\nrx(1/0) q;`));
    expect(err).toMatchObject({ line: 4, column: 4 });
    expect(err.message).toContain('this gate parameter evaluates to Infinity');
  });

  it('refuses to mix hardware qubits with declared registers', () => {
    expect(errorOf(() => parseQasm(`${OQ3}qubit q;\nx $0;`)).message).toContain('cannot be mixed');
  });

  it('refuses a recursive gate definition', () => {
    expect(errorOf(() => parseQasm(`${OQ3}gate g a { g a; }`)).message).toContain("unknown gate 'g'");
  });
});

describe('parseQasm: classical control', () => {
  it('keeps if blocks for run time, reading bits and registers', () => {
    const c = parseQasm(`${OQ3}qubit[2] q;\nbit[2] c;\nc[0] = measure q[0];\nif (c[0]) x q[1];\nif (c == 2) { z q[1]; } else { h q[1]; }`);
    const ifs = c.instructions.filter((i) => i.kind === 'if');
    expect(ifs[0]).toMatchObject({ condition: { kind: 'clbit', index: 0 } });
    expect(ifs[1]).toMatchObject({
      condition: { kind: 'binary', op: '==', left: { kind: 'creg', offset: 0, size: 2 } },
      then: [{ gate: 'z' }],
      otherwise: [{ gate: 'h' }],
    });
  });

  it('decides constant conditions at compile time', () => {
    const c = parseQasm(`${OQ3}qubit q;\nif (1 < 2) x q; else y q;`);
    expect(c.instructions).toMatchObject([{ kind: 'gate', gate: 'x' }]);
  });

  it('keeps reset, drops barrier and delay', () => {
    const c = parseQasm(`${OQ3}qubit[2] q;\nreset q;\nbarrier q;\nbarrier;\ndelay[100ns] q[0];\nx q[0];`);
    expect(c.instructions.map((i) => i.kind)).toEqual(['reset', 'reset', 'gate']);
  });
});

describe('parseQasm: OpenQASM 2', () => {
  it('compiles a qelib1 program with creg conditions', () => {
    const c = parseQasm(`OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
creg c[3];
u3(pi/2, 0, pi) q[0];
u2(0, pi) q[1];
u1(pi/4) q[2];
cu1(pi/2) q[0], q[1];
rccx q[0], q[1], q[2];
measure q -> c;
if(c==5) x q[0];`);
    expect(c.qasmVersion).toBe(2);
    expect(c.instructions.at(-1)).toMatchObject({ kind: 'if', condition: { op: '==', right: { value: 5 } } });
    // rccx is defined in OpenQASM (relative phases matter), so it is expanded
    expect(gates(c.instructions).filter((g) => g.gate === 'u2').length).toBe(1 + 2);
  });

  it('lets programs define the gates Qiskit added to qelib1.inc, but not the original ones', () => {
    const c = parseQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\ngate sx a { sdg a; h a; sdg a; }\nqreg q[1];\nsx q[0];');
    expect(gates(c.instructions).map((g) => g.gate)).toEqual(['sdg', 'h', 'sdg']);
    expect(errorOf(() => parseQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\ngate cu1(l) a, b { cx a, b; }')).message).toContain("gate 'cu1' is already defined by qelib1.inc");
  });

  it('accepts the OpenQASM 2 built-ins U and CX without includes', () => {
    const c = parseQasm('OPENQASM 2.0;\nqreg q[2];\nU(0, 0, 0) q[0];\nCX q[0], q[1];');
    expect(gates(c.instructions).map((g) => g.gate)).toEqual(['U', 'CX']);
  });

  it('keeps the includes of each version apart', () => {
    expect(errorOf(() => parseQasm('OPENQASM 2.0;\ninclude "stdgates.inc";')).message).toContain('belongs to OpenQASM 3');
    expect(errorOf(() => parseQasm('include "other.inc";')).message).toContain('only "stdgates.inc" and "qelib1.inc" are available');
  });

  it('refuses to run opaque gates', () => {
    expect(errorOf(() => parseQasm('OPENQASM 2.0;\nopaque magic a;\nqreg q[1];\nmagic q[0];')).message).toContain('declared opaque');
  });
});
