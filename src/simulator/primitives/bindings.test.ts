import { describe, expect, it } from 'vitest';
import { encodeNdarray } from '../encoding/runtime-json.js';
import { coerceBindings } from './bindings.js';
import { broadcastIndices, broadcastShapes } from './ndarray.js';

const PARAMS = ['a', 'b', 'c'];

describe('coerceBindings (Qiskit BindingsArray rules)', () => {
  it('reads positional values: the last axis runs over the sorted parameters', () => {
    const b = coerceBindings([[1, 2, 3], [4, 5, 6]], PARAMS, 'p');
    expect(b.shape).toEqual([2]);
    expect(Array.from(b.values)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(coerceBindings([7, 8, 9], PARAMS, 'p').shape).toEqual([]);
  });

  it('lets a single-parameter circuit leave the parameter axis off', () => {
    expect(coerceBindings([0.1, 0.2, 0.3], ['t'], 'p')).toMatchObject({ shape: [3] });
    expect(coerceBindings([[0.1], [0.2]], ['t'], 'p')).toMatchObject({ shape: [2] });
    expect(coerceBindings(0.5, ['t'], 'p')).toMatchObject({ shape: [] });
  });

  it('reads a mapping of names, mixing single names and tuples of names', () => {
    const b = coerceBindings({ b: [[1, 2]], '["c", "a"]': [[[30, 10], [31, 11]]] }, PARAMS, 'p');
    expect(b.shape).toEqual([1, 2]);
    expect(Array.from(b.values)).toEqual([10, 1, 30, 11, 2, 31]);
  });

  it('reads the npy ndarray the Python client sends, and BindingsArray objects', () => {
    const nd = encodeNdarray('<f8', [2, 3], new Float64Array([1, 2, 3, 4, 5, 6]));
    expect(Array.from(coerceBindings(nd, PARAMS, 'p').values)).toEqual([1, 2, 3, 4, 5, 6]);
    const empty = encodeNdarray('<f8', [0], new Float64Array(0));
    expect(coerceBindings(empty, [], 'p')).toMatchObject({ shape: [] });
    const ba = { __type__: 'BindingsArray', __value__: { shape: [2], data: { '["a", "b", "c"]': nd } } };
    expect(coerceBindings(ba, PARAMS, 'p').shape).toEqual([2]);
  });

  it('explains what is wrong', () => {
    expect(() => coerceBindings([1, 2], PARAMS, 'pubs[0][1]')).toThrow(
      'pubs[0][1]: values for positional values have 2 entries on their last axis, one per parameter [\'a\', \'b\', \'c\'] was expected',
    );
    expect(() => coerceBindings({ a: 1, b: 2 }, PARAMS, 'p')).toThrow("no values for parameter(s) ['c']");
    expect(() => coerceBindings({ a: 1, b: 2, c: 3, d: 4 }, PARAMS, 'p')).toThrow("'d' is not a parameter of the circuit");
    expect(() => coerceBindings({ a: [1, 2], b: [1, 2, 3], c: 0 }, PARAMS, 'p')).toThrow('disagree on the PUB shape');
    expect(() => coerceBindings([[1, 2, 3], [4, 5]], PARAMS, 'p')).toThrow('rectangular');
    expect(() => coerceBindings(null, PARAMS, 'p')).toThrow('no values were given');
    expect(() => coerceBindings('x', PARAMS, 'p')).toThrow('must be a mapping, a list or an ndarray');
  });
});

describe('broadcasting', () => {
  it('follows NumPy rules', () => {
    expect(broadcastShapes([2, 1], [3])).toEqual([2, 3]);
    expect(broadcastShapes([], [4, 5])).toEqual([4, 5]);
    expect(broadcastShapes([2], [3])).toBeNull();
    expect(Array.from(broadcastIndices([2, 1], [2, 3]))).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(broadcastIndices([3], [2, 3]))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(Array.from(broadcastIndices([], [2]))).toEqual([0, 0]);
  });
});
