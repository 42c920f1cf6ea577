/** The packed table checks read: against a Map, through growth, deletion, replacement and garbage collection. */
import { describe, expect, it } from 'vitest';
import { hashOf, PackedTable } from './packed-table.js';

function recordOf(table: PackedTable, key: string): number[] | undefined {
  const at = table.findExactly(key, hashOf(key));
  return at < 0 ? undefined : table.record(at);
}

/** Keys of 36 characters that differ only in the first, which the hash does not read at that length. */
const twin = (c: string, id: string) => `${c}${id.padStart(35, '.')}`;

describe('packed table', () => {
  it('agrees with a Map through random puts, replacements and deletions, short and long records', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const table = new PackedTable(8);
    const model = new Map<string, number[]>();
    // Short keys, long keys and twins whose hashes collide.
    const keys = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `k${i}` : i % 3 === 1 ? twin('a', `id-${i}`) : twin('b', `id-${i - 1}`)));
    for (let step = 0; step < 20_000; step++) {
      const key = keys[rand(keys.length)]!;
      if (rand(3) === 0) {
        expect(table.delete(key)).toBe(model.delete(key));
      } else {
        // Up to five ints fit in a slot of eight; longer records go to the heap.
        const payload = Array.from({ length: rand(3) === 0 ? rand(40) : rand(6) }, () => rand(1000) - 10);
        table.put(key, payload);
        model.set(key, payload);
      }
      if (step % 97 === 0) {
        expect(table.size).toBe(model.size);
        for (const k of keys) expect(recordOf(table, k)).toEqual(model.get(k));
      }
    }
    table.reset(4, 16);
    expect(table.size).toBe(0);
    expect(recordOf(table, keys[0]!)).toBeUndefined();
  });

  it('finds by hash alone only while no two keys share one', () => {
    const table = new PackedTable(8);
    const a = twin('a', 'QGid-1');
    const b = twin('b', 'QGid-1');
    expect(hashOf(a)).toBe(hashOf(b));
    table.put(a, [1]);
    expect(table.unique).toBe(true);
    // An absent key with the same hash finds the other's record: the caller must compare before it grants.
    const found = table.find(hashOf(b));
    expect(found).toBeGreaterThanOrEqual(0);
    expect(table.holds(found, a)).toBe(true);
    expect(table.holds(found, b)).toBe(false);
    expect(table.findExactly(b, hashOf(b))).toBe(-1);
    table.put(b, [2]);
    expect(table.unique).toBe(false);
    expect(recordOf(table, b)).toEqual([2]);
    table.delete(a);
    expect(table.unique).toBe(true);
    expect(recordOf(table, b)).toEqual([2]);
  });
});
