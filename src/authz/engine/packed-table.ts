/**
 * A string-keyed table of small integer records packed into typed arrays, for the two lookups every
 * check makes (the caller in its account, the instance's postings).
 *
 * At scale a check costs the memory reads it waits for, one after another. A `Map` of objects makes
 * that a chain: bucket, entry, the stored key (compared by content, since a request's strings are
 * never the stored ones), the value object, its array. Here the key's hash picks a slot of a fixed
 * number of ints that holds the hash, then the record itself: one wait for memory per lookup. A
 * record too long for its slot is kept in a second array (one more wait); so are the keys.
 *
 * {@link find} does not compare the key. While no two keys of the table share a hash
 * ({@link unique}), the slot it finds is the key's own or the key is absent; a caller that only
 * ever gains answers from a record (the index: a record adds owners and policies, never removes
 * them) may therefore deny on it unverified and compare the key ({@link holds}) only before it
 * grants. Reading a stored key is one more wait for memory at scale, and comparing characters costs
 * more than the rest of a check in cache, so most checks (denials) do neither.
 *
 * A slot is `[hash (odd; 0: empty), key offset, record length, record…]`, or, for a record longer
 * than the slot holds, `[hash, key offset, -length, record offset]`. The second array holds keys
 * (`[length, two UTF-16 units per int…]`) and long records; what a change leaves behind there is
 * reclaimed by copying the live parts once it outweighs them. Open addressing with linear probing,
 * at most half full; deletion shifts entries back (no tombstones), so every key with a given hash
 * lies between its home slot and the next empty one.
 */
export class PackedTable {
  /** Ints per slot (a power of two). */
  private readonly width: number;
  private readonly shift: number;
  /** Slots, `width` ints each. */
  slots: Int32Array;
  /** Keys and long records; index 0 is never used. */
  heap: Int32Array;
  /** The heap's memory again, for the keys' characters. */
  private units: Uint16Array;
  private mask = 7;
  /** Where the next heap entry goes. */
  private top = 1;
  private garbage = 0;
  private count = 0;
  /** Keys minus distinct hashes: 0 when no two keys share a hash. */
  private shared = 0;

  constructor(width: number) {
    if ((width & (width - 1)) !== 0 || width < 4) throw new RangeError('slot width must be a power of two, at least 4');
    this.width = width;
    this.shift = Math.log2(width);
    this.slots = new Int32Array(8 * width);
    this.heap = new Int32Array(16);
    this.units = new Uint16Array(this.heap.buffer);
  }

  get size(): number {
    return this.count;
  }

  /** Whether no two keys share a hash, so that {@link find} finds the key's own slot or none. */
  get unique(): boolean {
    return this.shared === 0;
  }

  /**
   * The first slot with this hash (its first int's index in {@link slots}), or -1 when there is
   * none. The key is not compared: see {@link unique} and {@link holds}. `h` is {@link hashOf}(key),
   * computed by the caller so that a check reads both of its keys before it waits for either table.
   */
  find(h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const shift = this.shift;
    for (let j = h & mask; ; j = (j + 1) & mask) {
      const at = slots[j << shift]!;
      if (at === 0) return -1;
      if (at === h) return j << shift;
    }
  }

  /** {@link find}, comparing keys: the key's own slot or -1. */
  findExactly(key: string, h: number): number {
    const j = this.slotOf(key, h);
    return j < 0 ? -1 : j << this.shift;
  }

  /** Whether the slot at `s` is the key's. */
  holds(s: number, key: string): boolean {
    const heap = this.heap;
    const at = this.slots[s + 1]!;
    const n = key.length;
    if (heap[at] !== n) return false;
    const units = this.units;
    const from = (at + 1) * 2;
    for (let i = 0; i < n; i++) if (units[from + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  /** The record of the slot at `s`, copied (cold paths and tests; checks read it in place). */
  record(s: number): number[] {
    const n = this.slots[s + 2]!;
    return n >= 0 ? Array.from(this.slots.subarray(s + 3, s + 3 + n)) : Array.from(this.heap.subarray(this.slots[s + 3]!, this.slots[s + 3]! - n));
  }

  /** Adds or replaces the record of a key. */
  put(key: string, record: readonly number[]): void {
    const h = hashOf(key);
    let j = this.slotOf(key, h);
    if (j < 0) {
      if ((this.count + 1) * 2 > this.mask + 1) this.resize(this.count + 1);
      if (this.hashCount(h) > 0) this.shared += 1;
      this.count += 1;
      j = h & this.mask;
      while (this.slots[j << this.shift] !== 0) j = (j + 1) & this.mask;
      const keyAt = this.allocate(1 + ((key.length + 1) >>> 1));
      this.heap[keyAt] = key.length;
      const units = this.units;
      for (let i = 0; i < key.length; i++) units[(keyAt + 1) * 2 + i] = key.charCodeAt(i);
      this.slots[j << this.shift] = h;
      this.slots[(j << this.shift) + 1] = keyAt;
    }
    const s = j << this.shift;
    if (record.length <= this.width - 3) {
      this.dropLong(s);
      this.slots.fill(0, s + 3, s + this.width);
      this.slots[s + 2] = record.length;
      for (let i = 0; i < record.length; i++) this.slots[s + 3 + i] = record[i]!;
    } else {
      // Allocate first: making room may move the heap, the old long record with it (its slot follows).
      const at = this.allocate(record.length);
      this.dropLong(s);
      for (let i = 0; i < record.length; i++) this.heap[at + i] = record[i]!;
      this.slots.fill(0, s + 4, s + this.width);
      this.slots[s + 2] = -record.length;
      this.slots[s + 3] = at;
    }
    this.maybeCompact();
  }

  delete(key: string): boolean {
    const h = hashOf(key);
    const j = this.slotOf(key, h);
    if (j < 0) return false;
    const slots = this.slots;
    const mask = this.mask;
    const shift = this.shift;
    const width = this.width;
    this.dropLong(j << shift);
    this.garbage += 1 + ((this.heap[slots[(j << shift) + 1]!]! + 1) >>> 1);
    if (this.hashCount(h) > 1) this.shared -= 1;
    this.count -= 1;
    let hole = j;
    // Shift back the entries after the hole that would no longer be found past it.
    for (let k = (hole + 1) & mask; slots[k << shift] !== 0; k = (k + 1) & mask) {
      const home = slots[k << shift]! & mask;
      const reachable = hole <= k ? home > hole && home <= k : home > hole || home <= k;
      if (reachable) continue;
      slots.copyWithin(hole << shift, k << shift, (k << shift) + width);
      hole = k;
    }
    slots.fill(0, hole << shift, (hole << shift) + width);
    this.maybeCompact();
    return true;
  }

  /** Drops every record and sizes the table for what is about to be added (a bulk load). */
  reset(expectedKeys: number, expectedHeapInts: number): void {
    this.count = 0;
    this.shared = 0;
    this.resize(expectedKeys);
    this.heap = new Int32Array(Math.max(16, expectedHeapInts + 1));
    this.units = new Uint16Array(this.heap.buffer);
    this.top = 1;
    this.garbage = 0;
  }

  /** Heap ints a key and a record of this length take. */
  heapInts(key: string, recordLength: number): number {
    return 1 + ((key.length + 1) >>> 1) + (recordLength > this.width - 3 ? recordLength : 0);
  }

  /** Marks a slot's long record (if it has one) as garbage. */
  private dropLong(s: number): void {
    const n = this.slots[s + 2]!;
    if (n < 0) this.garbage += -n;
  }

  /** How many keys have this hash. */
  private hashCount(h: number): number {
    let n = 0;
    for (let j = h & this.mask; this.slots[j << this.shift] !== 0; j = (j + 1) & this.mask) if (this.slots[j << this.shift] === h) n += 1;
    return n;
  }

  private slotOf(key: string, h: number): number {
    for (let j = h & this.mask; ; j = (j + 1) & this.mask) {
      const at = this.slots[j << this.shift]!;
      if (at === 0) return -1;
      if (at === h && this.holds(j << this.shift, key)) return j;
    }
  }

  /** Room for `size` heap ints: reclaim the garbage when it outweighs the rest, else double. */
  private allocate(size: number): number {
    if (this.top + size > this.heap.length) {
      const live = this.top - 1 - this.garbage;
      if (this.garbage > live) this.copyLive(Math.max(16, (live + size + 1) * 2));
      else {
        const next = new Int32Array(Math.max(this.top + size, this.heap.length * 2));
        next.set(this.heap.subarray(0, this.top));
        this.heap = next;
        this.units = new Uint16Array(next.buffer);
      }
    }
    const at = this.top;
    this.top += size;
    return at;
  }

  private maybeCompact(): void {
    if (this.garbage > 256 && this.garbage * 2 > this.top) this.copyLive(Math.max(16, (this.top - this.garbage) * 2));
  }

  /** Copies the live keys and long records into a fresh heap, in slot order, dropping the garbage. */
  private copyLive(capacity: number): void {
    const old = this.heap;
    const next = new Int32Array(capacity);
    const slots = this.slots;
    let top = 1;
    const move = (from: number, size: number) => {
      next.set(old.subarray(from, from + size), top);
      top += size;
      return top - size;
    };
    for (let s = 0; s < slots.length; s += this.width) {
      if (slots[s] === 0) continue;
      const keyAt = slots[s + 1]!;
      slots[s + 1] = move(keyAt, 1 + ((old[keyAt]! + 1) >>> 1));
      if (slots[s + 2]! < 0) slots[s + 3] = move(slots[s + 3]!, -slots[s + 2]!);
    }
    this.heap = next;
    this.units = new Uint16Array(next.buffer);
    this.top = top;
    this.garbage = 0;
  }

  /** Re-places every slot in a table sized for `count` keys. */
  private resize(count: number): void {
    const old = this.slots;
    let cap = 8;
    while (cap < count * 2 + 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * this.width);
    if (this.count === 0) return;
    for (let s = 0; s < old.length; s += this.width) {
      const h = old[s]!;
      if (h === 0) continue;
      let j = h & this.mask;
      while (this.slots[j << this.shift] !== 0) j = (j + 1) & this.mask;
      this.slots.set(old.subarray(s, s + this.width), j << this.shift);
    }
  }
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
