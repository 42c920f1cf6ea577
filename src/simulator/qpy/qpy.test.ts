/**
 * QPY decoding against bytes written by Qiskit itself, copied from public repositories:
 *
 * - V14_CZ: Qiskit 2.3.0, QPY 14, zlib + base64 exactly as RuntimeEncoder sends it; a 2-qubit
 *   circuit with one CZGate. Qiskit/ibm-quantum-schemas,
 *   test/models/estimator/version_0_1_dev/input/test_estimator_pub_model.py.
 * - V12_TRANSPILED: Qiskit 1.2.0, QPY 12, base64 of raw QPY; 3 qubits with CZ, Sdg, a custom `dcx`
 *   gate with its definition, U3 and CRX with float angles, and Y. Qiskit/qiskit-ibm-transpiler,
 *   tests/conftest.py (fixture `qpy_circuit_with_transpiling_error`).
 * - EMPTY_V10/V12/V13/V17: `QuantumCircuit(1, name="qpy-validation")` dumped by Qiskit 1.4.0 (10, 12)
 *   and 2.5.2 (13, 17; 17 has the offset table of QPY 16+). sterling-group/ChemRefine, a QPY
 *   validation test (constants _V10, _V12, _V13, _V17).
 * - V6_BELL: qiskit-terra 0.23.2, QPY 6, an H then a CX on 2 qubits, found as a Python bytes literal
 *   in a public Angular front-end (optimization.component.ts); the header bytes name the writer.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InvalidEncodingError } from '../errors.js';
import { runEstimator } from '../primitives/estimator.js';
import { runSampler } from '../primitives/sampler.js';
import { decodeQpyBytes, decodeQpyCircuit, MAX_QPY_BYTES } from './index.js';

const V14_CZ = 'eJwL9Az29gzhY2JmgALGgkIGrjQGDiCTiQEBQGxGmBIQkZxZlFyaWaJrZghTUl1byAhWychYyIAKGOEsNiTzsChidI5yTyxJBesvhIr9RwIwtQDDLRev';
const V12_TRANSPILED =
  'UUlTS0lUDAECAAAAAAAAAAABZXEAC2YACAAAAAMAAAAAAAAAAAAAAAIAAAABAAAAAAAAAAYAAAAAY2lyY3VpdC0xNjAAAAAAAAAAAHt9cQEAAAADAAEBcQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAgAAAAAAAAABACRnAAAAAgAAAAABAAAAAAAAALsAAAAAAAAAAAAAAAAAAAAAZGN4X2ZkN2JlNTcxOTQ1OTRkZTY5ZDFlMTNmNmFmYmY1NmZjAAtmAAgAAAACAAAAAAAAAAAAAAACAAAAAAAAAAAAAAACAAAAAGNpcmN1aXQtMTYxAAAAAAAAAAB7fQAAAAAAAAAAAAYAAAAAAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAEAAAABQ1hHYXRlcQAAAABxAAAAAQAGAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAABAAAAAUNYR2F0ZXEAAAABcQAAAAAAAAD///////////////8AAAAAAAAAAAAGAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAABAAAAAUNaR2F0ZXEAAAAAcQAAAAIABwAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABTZGdHYXRlcQAAAAEAJAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABkY3hfZmQ3YmU1NzE5NDU5NGRlNjlkMWUxM2Y2YWZiZjU2ZmNxAAAAAnEAAAABAAYAAAADAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAVTNHYXRlcQAAAABmAAAAAAAAAAiMHTg9AR8PQGYAAAAAAAAACH+xa3jilAtAZgAAAAAAAAAItmSFHpiI8j8ABwAAAAEAAAACAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAFDUlhHYXRlcQAAAAFxAAAAAGYAAAAAAAAACI2Sd1JN3gJAAAUAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWUdhdGVxAAAAAgAAAP///////////////wAAAAAAAAAA';
const EMPTY: Record<string, string> = {
  10: 'UUlTS0lUCgEEAAAAAAAAAAABZXEADmYACAAAAAEAAAAAAAAAAAAAAAIAAAABAAAAAAAAAABxcHktdmFsaWRhdGlvbgAAAAAAAAAAe31xAQAAAAEAAQFxAAAAAAAAAAAAAAAAAAAAAAAAAP///////////////wAAAAAAAAAA',
  12: 'UUlTS0lUDAEEAAAAAAAAAAABZXEADmYACAAAAAEAAAAAAAAAAAAAAAIAAAABAAAAAAAAAAAAAAAAcXB5LXZhbGlkYXRpb24AAAAAAAAAAHt9cQEAAAABAAEBcQAAAAAAAAAAAAAAAAAAAAAAAAD///////////////8AAAAAAAAAAA==',
  13: 'UUlTS0lUDQIFAgAAAAAAAAABcHEADmYACAAAAAEAAAAAAAAAAAAAAAIAAAABAAAAAAAAAAAAAAAAcXB5LXZhbGlkYXRpb24AAAAAAAAAAHt9cQEAAAABAAEBcQAAAAAAAAAAAAAAAAAAAAAAAAD///////////////8AAAAAAAAAAA==',
  17: 'UUlTS0lUEQIFAgAAAAAAAAABcHEAAAAAAAAAHAAOZgAIAAAAAQAAAAAAAAAAAAAAAgAAAAEAAAAAAAAAAAAAAABxcHktdmFsaWRhdGlvbgAAAAAAAAAAe31xAQAAAAEAAQFxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD///////////////8AAAAAAAAAAA==',
};
const V6_BELL =
  'UUlTS0lUBgAXAgAAAAAAAAABcQAKaQAIAAAAAgAAAAAAAAAAAAAABAAAAAEAAAAAAAAAAmNpcmN1aXQtOTAAAAAAAAAAAG51bGxxAQAAAAIAAQFxAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAUAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAASEdhdGVxAAAAAAAGAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAABAAAAAUNYR2F0ZXEAAAAAcQAAAAEAAA==';

const compressed = (base64: string) => deflateSync(Buffer.from(base64, 'base64')).toString('base64');
const qpy = (value: string) => ({ __type__: 'QuantumCircuit', __value__: value });
const gates = (b64: string) => decodeQpyCircuit(b64).instructions.map((i) => (i.kind === 'gate' ? `${i.gate}(${[...i.controls, ...i.targets].join(',')})` : i.kind));
/** Every Pauli string on `n` qubits, each as an observable of coefficient 1. */
const allPaulis = (n: number): Record<string, number>[] =>
  Array.from({ length: 4 ** n }, (_, k) => ({ [Array.from({ length: n }, (_, j) => 'IXYZ'[Math.floor(k / 4 ** j) % 4]).join('')]: 1 }));

describe('QPY written by Qiskit', () => {
  it('reads the compressed QPY 14 value the Python client sends', () => {
    const c = decodeQpyCircuit(V14_CZ);
    expect({ numQubits: c.numQubits, numClbits: c.numClbits, parameters: c.parameters }).toEqual({ numQubits: 2, numClbits: 0, parameters: [] });
    expect(gates(V14_CZ)).toEqual(['cz(0,1)']);
  });

  it.each(Object.keys(EMPTY))('reads the header layout of QPY %s (empty one-qubit circuit)', (v) => {
    const c = decodeQpyCircuit(EMPTY[v]!);
    expect({ numQubits: c.numQubits, instructions: c.instructions.length, registers: c.registers }).toEqual({ numQubits: 1, instructions: 0, registers: [] });
  });

  it('simulates the QPY 6 Bell circuit, raw or compressed, to the Bell state', async () => {
    expect(gates(V6_BELL)).toEqual(['h(0)', 'cx(0,1)']);
    const r = await runEstimator({ pubs: [[qpy(compressed(V6_BELL)), [{ ZZ: 1 }, { XX: 1 }, { YY: 1 }, { ZI: 1 }, { IZ: 1 }]]] });
    expect(Array.from(r.pubResults[0]!.evs)).toEqual([1, 1, -1, 0, 0].map((v) => expect.closeTo(v, 12)));
  });

  it('expands the custom dcx gate and reads little-endian float angles (QPY 12)', async () => {
    expect(gates(V12_TRANSPILED)).toEqual(['cz(0,2)', 'sdg(1)', 'cx(2,1)', 'cx(1,2)', 'u3(0)', 'crx(1,0)', 'y(2)']);
    const angles = decodeQpyCircuit(V12_TRANSPILED).instructions.flatMap((i) => (i.kind === 'gate' ? i.params.map((p) => (p.kind === 'const' ? p.value : NaN)) : []));
    expect(angles.every((a) => Number.isFinite(a) && Math.abs(a) < 2 * Math.PI)).toBe(true);
    // The same gates written as OpenQASM must give the same expectation value for all 64 Paulis.
    const [t, p, l, x] = angles as [number, number, number, number];
    const qasm = `OPENQASM 3.0; include "stdgates.inc"; qubit[3] q;
      cz q[0], q[2]; sdg q[1]; cx q[2], q[1]; cx q[1], q[2]; U(${t}, ${p}, ${l}) q[0]; crx(${x}) q[1], q[0]; y q[2];`;
    const observables = allPaulis(3);
    const r = await runEstimator({ pubs: [[qpy(V12_TRANSPILED), observables], [qasm, observables]] });
    expect(Array.from(r.pubResults[0]!.evs)).toEqual(Array.from(r.pubResults[1]!.evs).map((v) => expect.closeTo(v, 12)));
  });
});

describe('QPY bound later by parameter values', () => {
  // Derived from V12_TRANSPILED: the CRX angle (a little-endian float) is replaced by a Parameter
  // named "theta" (PARAMETER: u16 name size, 16-byte uuid, name), the rest of the bytes unchanged.
  const withParameter = (): string => {
    const raw = Buffer.from(V12_TRANSPILED, 'base64');
    const at = raw.indexOf(Buffer.from('CRXGate')) + 'CRXGate'.length + 10; // past the two 'q' arguments
    expect(String.fromCharCode(raw[at]!)).toBe('f');
    const name = Buffer.from('theta');
    const param = Buffer.concat([Buffer.from('p'), Buffer.alloc(8), Buffer.alloc(2), Buffer.alloc(16, 7), name]);
    param.writeBigUInt64BE(BigInt(2 + 16 + name.length), 1);
    param.writeUInt16BE(name.length, 9);
    return Buffer.concat([raw.subarray(0, at), param, raw.subarray(at + 17)]).toString('base64');
  };

  it('lists unbound Parameters and binds them from the PUB values', async () => {
    const value = withParameter();
    const c = decodeQpyCircuit(value);
    expect(c.parameters).toEqual(['theta']);
    const x = (decodeQpyCircuit(V12_TRANSPILED).instructions[5] as unknown as { params: { value: number }[] }).params[0]!.value;
    const r = await runEstimator({ pubs: [[qpy(value), allPaulis(3), [x]], [qpy(V12_TRANSPILED), allPaulis(3)]] });
    expect(Array.from(r.pubResults[0]!.evs)).toEqual(Array.from(r.pubResults[1]!.evs).map((v) => expect.closeTo(v, 12)));
  });
});

describe('QPY refused with a clear message', () => {
  const raw = () => Buffer.from(V12_TRANSPILED, 'base64');
  const refusal = (b64: string) => {
    try {
      decodeQpyCircuit(b64);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidEncodingError);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('refuses every truncation of a real payload as truncated, never with another error', () => {
    const bytes = raw();
    for (let n = 0; n < bytes.length - 23; n++) {
      const message = refusal(bytes.subarray(0, n).toString('base64'));
      expect(message).toMatch(n < 6 ? /QISKIT/ : /truncated/);
    }
  });

  it('refuses a wrong magic, non-base64 text, non-zlib data and a non-string value', () => {
    const bad = raw();
    bad.write('QASKIT', 0, 'latin1');
    expect(refusal(deflateSync(bad).toString('base64'))).toMatch(/start with the bytes 'QISKIT'/);
    expect(refusal('not base64!')).toMatch(/not valid base64/);
    expect(refusal(Buffer.from('hello world').toString('base64'))).toMatch(/start with the bytes 'QISKIT'/);
    expect(refusal(Buffer.from([0x78, 0x9c, 1, 2, 3, 4]).toString('base64'))).toMatch(/could not be inflated/);
    expect(() => decodeQpyCircuit(42)).toThrow(/base64 string/);
  });

  it('refuses a zlib bomb before inflating past the cap', () => {
    const bomb = deflateSync(Buffer.alloc(MAX_QPY_BYTES + 1024)).toString('base64');
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(bomb)).toMatch(/inflates to more than/);
    expect(() => decodeQpyBytes(new Uint8Array(MAX_QPY_BYTES + 1))).toThrow(/at most/);
  });

  it('refuses unsupported versions, several circuits, and opaque custom gates by name', () => {
    const old = raw();
    old[6] = 4;
    expect(refusal(old.toString('base64'))).toMatch(/QPY format version 4 .*versions 5 to 17/);
    const future = raw();
    future[6] = 18;
    expect(refusal(future.toString('base64'))).toMatch(/version 18/);
    const two = raw();
    two[17] = 2;
    expect(refusal(two.toString('base64'))).toMatch(/exactly one circuit, this one holds 2/);
    const opaque = raw();
    const flag = opaque.indexOf(Buffer.from([0x00, 0x24, 0x67])) + 11; // custom_definition of 'dcx'
    expect(opaque[flag]).toBe(1);
    opaque[flag] = 0;
    expect(refusal(opaque.toString('base64'))).toMatch(/custom gate 'dcx' has no definition/);
  });

  it('refuses an unknown instruction naming it, through the sampler as an invalid PUB', async () => {
    const renamed = raw();
    renamed.write('YGbte', renamed.indexOf(Buffer.from('YGate')), 'latin1');
    await expect(runSampler({ pubs: [[qpy(renamed.toString('base64'))]] })).rejects.toThrow(/pubs\[0\]\[0\]: instruction 'YGbte' is not supported/);
  });
});
