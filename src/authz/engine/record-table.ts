/**
 * A string-keyed table of small integer records packed into one typed array, for the two lookups
 * every check makes (the caller in its account, the instance's postings).
 *
 * At scale a check costs the memory reads it waits for one after another. A `Map` of objects makes
 * that a chain: bucket, entry, the stored key (compared by content, since a request's strings are
 * never the stored ones), the value object, its array. Here the key's hash picks a slot in a small
 * array of (hash, offset) pairs, small enough to stay mostly in the CPU caches, and the offset
 * points at one record with the numbers and then the key's characters: one wait for memory.
 *
 * {@link find} does not compare the key. While no two keys of the table share a hash
 * ({@link unique}), the record it finds is the key's own or the key is absent; a caller that only
 * ever gains answers from a record (the index: a record adds owners and policies, never removes
 * them) may therefore deny on it unverified, and compare the key ({@link holds}) only before it
 * grants. Comparing characters costs more than the rest of a check in cache, and reading a stored
 * key string costs a wait for memory at scale, so most checks (denials) do neither.
 *
 * Records are `[payload length, payload…, key length, key (two UTF-16 units per int)]`.
 * {@link put} never changes a record in place: the new one is appended and the old one becomes
 * garbage, reclaimed by copying the live records once it outweighs them. Open addressing with
 * linear probing, at most half full; deletion shifts entries back (no tombstones), so every key
 * with a given hash lies between its home slot and the next empty one.
 */
export class RecordTable {
  /** Per slot: the key's hash (odd; 0 marks an empty slot), then the record's offset in {@link ints}. */
  private slots: Int32Array;
  private mask: number;
  /** The records; index 0 is never one. */
  ints: Int32Array;
  /** The same memory, for the keys' characters. */
  private units: Uint16Array;
  /** Where the next record goes; everything from here on is zero. */
  private top = 1;
  private garbage = 0;
  private count = 0;
  /** Keys minus distinct hashes: 0 when no two keys share a hash. */
  private shared = 0;

  constructor() {
    this.mask = 7;
    this.slots = new Int32Array(16);
    this.ints = new Int32Array(16);
    this.units = new Uint16Array(this.ints.buffer);
  }

  get size(): number {
    return this.count;
  }

  /** Whether no two keys share a hash, so that {@link find} finds the key's own record or none. */
  get unique(): boolean {
    return this.shared === 0;
  }

  /**
   * Where the payload of the first record with this hash starts in {@link ints} (its length is the
   * int before), or 0 when there is none. The key is not compared: see {@link unique} and
   * {@link holds}. `h` is {@link hashOf}(key), computed by the caller so that a check reads both of
   * its keys before it waits for either table.
   */
  find(h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let j = h & mask; ; j = (j + 1) & mask) {
      const at = slots[j * 2]!;
      if (at === 0) return 0;
      if (at === h) return slots[j * 2 + 1]! + 1;
    }
  }

  /** {@link find}, comparing keys: the key's own record or 0. */
  findExactly(key: string, h: number): number {
    const j = this.slotOf(key, h);
    return j < 0 ? 0 : this.slots[j * 2 + 1]! + 1;
  }

  /** Whether the record whose payload starts at `payload` is the key's. */
  holds(payload: number, key: string): boolean {
    const ints = this.ints;
    const at = payload + ints[payload - 1]!;
    const n = key.length;
    if (ints[at] !== n) return false;
    const units = this.units;
    const from = (at + 1) * 2;
    for (let i = 0; i < n; i++) if (units[from + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  /** Adds or replaces the record of a key. */
  put(key: string, payload: readonly number[]): void {
    const h = hashOf(key);
    const j = this.slotOf(key, h);
    if (j >= 0) {
      // Append first: making room may move the old record (its slot follows).
      const off = this.append(key, payload);
      this.garbage += this.sizeAt(this.slots[j * 2 + 1]!);
      this.slots[j * 2 + 1] = off;
      this.maybeCompact();
      return;
    }
    if ((this.count + 1) * 2 > this.mask + 1) this.resize(this.count + 1);
    if (this.hashCount(h) > 0) this.shared += 1;
    this.count += 1;
    this.place(h, this.append(key, payload));
  }

  delete(key: string): boolean {
    const h = hashOf(key);
    const j = this.slotOf(key, h);
    if (j < 0) return false;
    const slots = this.slots;
    const mask = this.mask;
    this.garbage += this.sizeAt(slots[j * 2 + 1]!);
    this.count -= 1;
    if (this.hashCount(h) > 1) this.shared -= 1;
    let hole = j;
    // Shift back the entries after the hole that would no longer be found past it.
    for (let k = (hole + 1) & mask; slots[k * 2] !== 0; k = (k + 1) & mask) {
      const home = slots[k * 2]! & mask;
      const reachable = hole <= k ? home > hole && home <= k : home > hole || home <= k;
      if (reachable) continue;
      slots[hole * 2] = slots[k * 2]!;
      slots[hole * 2 + 1] = slots[k * 2 + 1]!;
      hole = k;
    }
    slots[hole * 2] = 0;
    slots[hole * 2 + 1] = 0;
    this.maybeCompact();
    return true;
  }

  /** Drops every record and sizes the table for what is about to be added (a bulk load). */
  reset(expectedKeys: number, expectedInts: number): void {
    this.count = 0;
    this.shared = 0;
    this.resize(expectedKeys);
    this.ints = new Int32Array(Math.max(16, expectedInts + 1));
    this.units = new Uint16Array(this.ints.buffer);
    this.top = 1;
    this.garbage = 0;
  }

  /** Ints a record of this key and payload length takes. */
  static recordInts(key: string, payloadLength: number): number {
    return 2 + payloadLength + ((key.length + 1) >>> 1);
  }

  /** How many keys have this hash. */
  private hashCount(h: number): number {
    let n = 0;
    for (let j = h & this.mask; this.slots[j * 2] !== 0; j = (j + 1) & this.mask) if (this.slots[j * 2] === h) n += 1;
    return n;
  }

  private slotOf(key: string, h: number): number {
    const slots = this.slots;
    for (let j = h & this.mask; ; j = (j + 1) & this.mask) {
      const at = slots[j * 2]!;
      if (at === 0) return -1;
      if (at === h && this.holds(slots[j * 2 + 1]! + 1, key)) return j;
    }
  }

  private sizeAt(off: number): number {
    const keyAt = off + 1 + this.ints[off]!;
    return 2 + this.ints[off]! + ((this.ints[keyAt]! + 1) >>> 1);
  }

  private place(h: number, off: number): void {
    let j = h & this.mask;
    while (this.slots[j * 2] !== 0) j = (j + 1) & this.mask;
    this.slots[j * 2] = h;
    this.slots[j * 2 + 1] = off;
  }

  private append(key: string, payload: readonly number[]): number {
    const size = RecordTable.recordInts(key, payload.length);
    if (this.top + size > this.ints.length) this.grow(size);
    const off = this.top;
    const ints = this.ints;
    ints[off] = payload.length;
    for (let i = 0; i < payload.length; i++) ints[off + 1 + i] = payload[i]!;
    const keyAt = off + 1 + payload.length;
    ints[keyAt] = key.length;
    const units = this.units;
    const from = (keyAt + 1) * 2;
    for (let i = 0; i < key.length; i++) units[from + i] = key.charCodeAt(i);
    this.top = off + size;
    return off;
  }

  /** Room for a record of `size` ints: reclaim the garbage when it outweighs the live records, else double. */
  private grow(size: number): void {
    const live = this.top - 1 - this.garbage;
    if (this.garbage > live) this.copyLive(Math.max(16, (live + size + 1) * 2));
    else {
      const next = new Int32Array(Math.max(this.top + size, this.ints.length * 2));
      next.set(this.ints.subarray(0, this.top));
      this.ints = next;
      this.units = new Uint16Array(next.buffer);
    }
  }

  private maybeCompact(): void {
    if (this.garbage > 256 && this.garbage * 2 > this.top) this.copyLive(Math.max(16, (this.top - this.garbage) * 2));
  }

  /** Copies the live records into a fresh array, in slot order, dropping the garbage. */
  private copyLive(capacity: number): void {
    const old = this.ints;
    const next = new Int32Array(capacity);
    const slots = this.slots;
    let top = 1;
    for (let j = 0; j <= this.mask; j++) {
      if (slots[j * 2] === 0) continue;
      const off = slots[j * 2 + 1]!;
      const size = this.sizeAt(off);
      next.set(old.subarray(off, off + size), top);
      slots[j * 2 + 1] = top;
      top += size;
    }
    this.ints = next;
    this.units = new Uint16Array(next.buffer);
    this.top = top;
    this.garbage = 0;
  }

  /** Re-places every entry in a table sized for `count` keys. */
  private resize(count: number): void {
    const old = this.slots;
    let cap = 8;
    while (cap < count * 2 + 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2);
    if (this.count === 0) return;
    for (let j = 0; j < old.length; j += 2) if (old[j] !== 0) this.place(old[j]!, old[j + 1]!);
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
