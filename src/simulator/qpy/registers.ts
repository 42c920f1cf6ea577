/**
 * REGISTERS: quantum and classical registers with the circuit bit index of each of their bits.
 * Classical registers become the sampler's output fields, so each must cover consecutive clbits.
 */
import { InvalidEncodingError } from '../errors.js';
import type { ClassicalRegister } from '../circuit/ir.js';
import type { QpyReader } from './reader.js';

/** Reads `count` REGISTER entries and returns the classical ones present in the circuit, in order. */
export function readRegisters(r: QpyReader, count: number, numQubits: number, numClbits: number): ClassicalRegister[] {
  const classical: ClassicalRegister[] = [];
  for (let i = 0; i < count; i++) {
    const type = r.char('register type');
    r.u8('register standalone flag');
    const size = r.u32('register size');
    const nameSize = r.u16('register name size');
    const inCircuit = r.u8('register in-circuit flag') !== 0;
    const name = r.utf8(nameSize, 'register name');
    const indices: number[] = [];
    for (let b = 0; b < size; b++) indices.push(Number(r.i64(`bit ${b} of register '${name}'`)));
    if (type !== 'q' && type !== 'c') throw new InvalidEncodingError(`register '${name}' has unknown type '${type}' (expected 'q' or 'c')`);
    if (!inCircuit) continue;
    const width = type === 'q' ? numQubits : numClbits;
    if (indices.some((x) => x < 0 || x >= width)) {
      throw new InvalidEncodingError(`register '${name}' refers to a bit outside the circuit's ${width} ${type === 'q' ? 'qubits' : 'clbits'}`);
    }
    if (type === 'c') {
      const offset = indices[0] ?? 0;
      if (indices.some((x, k) => x !== offset + k)) {
        throw new InvalidEncodingError(`classical register '${name}' must cover consecutive clbits in order; registers over scattered clbits are not supported`);
      }
      classical.push({ name, size, offset });
    }
  }
  return classical;
}
