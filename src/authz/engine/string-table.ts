/**
 * A string-keyed map whose lookups touch as little memory as possible, for the two lookups every
 * check makes (the caller in its account, the instance's postings).
 *
 * A `Map` lookup is a chain of dependent reads: bucket, entry, the stored key (compared by content,
 * since a request's strings are never the stored ones), then the value. Once the index is larger
 * than the CPU caches each read waits for memory. Here the key's hash (computed from the request
 * string, which is being read anyway) gives the slot; the slot's hash, key and value sit side by
 * side in one flat array (one cache line as a rule), and the value can be read while the key is
 * still being compared. Open addressing with linear probing, kept at most half
 * full; deletion shifts entries back, so there are no tombstones.
 *
 * A `Map` is kept beside it for iteration in insertion order (explanations, bookkeeping).
 */
export class StringTable<V> {
  private readonly map = new Map<string, V>();
  /** Per slot, side by side: the key's hash (odd, so 0 marks an empty slot), the key, the value. */
  private slots: (number | string | V | undefined)[];
  private mask: number;

  constructor() {
    this.mask = 7;
    this.slots = emptySlots(8);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    return this.getHashed(key, hashOf(key));
  }

  /** {@link get} with the key's {@link hashOf} already computed. */
  getHashed(key: string, h: number): V | undefined {
    const slots = this.slots;
    const mask = this.mask;
    for (let j = h & mask; ; j = (j + 1) & mask) {
      const at = slots[j * 3] as number;
      if (at === 0) return undefined;
      if (at === h && slots[j * 3 + 1] === key) return slots[j * 3 + 2] as V;
    }
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V): this {
    if (this.map.has(key)) {
      this.map.set(key, value);
      this.slots[this.slotOf(key) * 3 + 2] = value;
      return this;
    }
    this.map.set(key, value);
    if (this.map.size * 2 > this.mask + 1) this.rebuild(this.map.size);
    else this.place(key, value);
    return this;
  }

  delete(key: string): boolean {
    if (!this.map.delete(key)) return false;
    const slots = this.slots;
    const mask = this.mask;
    let hole = this.slotOf(key);
    // Shift back the entries after the hole that would no longer be found past it.
    for (let j = (hole + 1) & mask; slots[j * 3] !== 0; j = (j + 1) & mask) {
      const home = (slots[j * 3] as number) & mask;
      const reachable = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (reachable) continue;
      slots[hole * 3] = slots[j * 3];
      slots[hole * 3 + 1] = slots[j * 3 + 1];
      slots[hole * 3 + 2] = slots[j * 3 + 2];
      hole = j;
    }
    slots[hole * 3] = 0;
    slots[hole * 3 + 1] = undefined;
    slots[hole * 3 + 2] = undefined;
    return true;
  }

  values(): IterableIterator<V> {
    return this.map.values();
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.map[Symbol.iterator]();
  }

  /** Rebuilds both structures at their current size (after a bulk load). */
  compact(): void {
    const entries = [...this.map];
    this.map.clear();
    for (const [k, v] of entries) this.map.set(k, v);
    this.rebuild(this.map.size);
  }

  private slotOf(key: string): number {
    const h = hashOf(key);
    for (let j = h & this.mask; ; j = (j + 1) & this.mask) if (this.slots[j * 3] === h && this.slots[j * 3 + 1] === key) return j;
  }

  private place(key: string, value: V): void {
    const h = hashOf(key);
    let j = h & this.mask;
    while (this.slots[j * 3] !== 0) j = (j + 1) & this.mask;
    this.slots[j * 3] = h;
    this.slots[j * 3 + 1] = key;
    this.slots[j * 3 + 2] = value;
  }

  private rebuild(size: number): void {
    let cap = 8;
    while (cap < size * 2 + 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = emptySlots(cap);
    for (const [k, v] of this.map) this.place(k, v);
  }
}

function emptySlots<V>(cap: number): (number | string | V | undefined)[] {
  const slots = new Array<number | string | V | undefined>(cap * 3).fill(undefined);
  for (let j = 0; j < cap; j++) slots[j * 3] = 0;
  return slots;
}

/**
 * A 32-bit hash of a string, always odd. Short keys count every character; longer ones at most
 * 16, evenly spaced from the end (ids are mostly random hex there): each character read costs
 * about as much as a whole in-cache lookup. Keys that differ only between sampled characters share
 * a hash: lookups stay exact (keys are compared), only slower.
 */
export function hashOf(s: string): number {
  const n = s.length;
  const step = n > 16 ? ((n - 1) >>> 4) + 1 : 1;
  let h = n ^ 0x811c9dc5;
  for (let i = n - 1; i >= 0; i -= step) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 1;
}
