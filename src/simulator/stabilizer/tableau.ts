/**
 * Stabilizer tableau (Aaronson & Gottesman, "Improved simulation of stabilizer circuits", 2004):
 * rows 0..n-1 are destabilizers, n..2n-1 stabilizers, row 2n is scratch. A row is a Pauli string
 * (x and z bits, x=z=1 meaning Y) with a sign bit; bits are packed 32 per word so a row product
 * ("rowsum") runs word-parallel. Gates cost O(n), measurements O(n²/32).
 */

export class Tableau {
  private readonly words: number;
  /** x bits, row-major: row i occupies words [i·words, (i+1)·words). */
  private readonly x: Uint32Array;
  private readonly z: Uint32Array;
  /** Sign bit of each row (1 = minus). */
  private readonly r: Uint8Array;

  private constructor(
    readonly numQubits: number,
    x?: Uint32Array,
    z?: Uint32Array,
    r?: Uint8Array,
  ) {
    this.words = Math.ceil(numQubits / 32) || 1;
    const size = (2 * numQubits + 1) * this.words;
    this.x = x ?? new Uint32Array(size);
    this.z = z ?? new Uint32Array(size);
    this.r = r ?? new Uint8Array(2 * numQubits + 1);
  }

  /** |0...0>: destabilizers X_i, stabilizers Z_i. */
  static zero(numQubits: number): Tableau {
    const t = new Tableau(numQubits);
    for (let i = 0; i < numQubits; i++) {
      t.x[i * t.words + (i >>> 5)] = 1 << (i & 31);
      t.z[(numQubits + i) * t.words + (i >>> 5)] = 1 << (i & 31);
    }
    return t;
  }

  clone(): Tableau {
    return new Tableau(this.numQubits, this.x.slice(), this.z.slice(), this.r.slice());
  }

  /**
   * Conjugates every row by a Clifford given as its action on local Pauli strings (see
   * ./clifford.ts): the row's letters on `qubits` are replaced by their image, the sign updated.
   */
  applyAction(qubits: readonly number[], table: Int32Array): void {
    const k = qubits.length;
    const signBit = 1 << (2 * k);
    const w = this.words;
    const word = qubits.map((q) => q >>> 5);
    const bit = qubits.map((q) => q & 31);
    for (let row = 0; row < 2 * this.numQubits; row++) {
      const base = row * w;
      let p = 0;
      for (let j = 0; j < k; j++) {
        p |= ((this.x[base + word[j]!]! >>> bit[j]!) & 1) << (2 * j);
        p |= ((this.z[base + word[j]!]! >>> bit[j]!) & 1) << (2 * j + 1);
      }
      if (p === 0) continue;
      const image = table[p]!;
      if (image === p) continue;
      for (let j = 0; j < k; j++) {
        const at = base + word[j]!;
        const mask = 1 << bit[j]!;
        this.x[at] = (image >> (2 * j)) & 1 ? this.x[at]! | mask : this.x[at]! & ~mask;
        this.z[at] = (image >> (2 * j + 1)) & 1 ? this.z[at]! | mask : this.z[at]! & ~mask;
      }
      if (image & signBit) this.r[row] = this.r[row]! ^ 1;
    }
  }

  /** Flips the sign of every row that anticommutes with X_q: the effect of an X gate. */
  applyX(q: number): void {
    const w = this.words;
    const word = q >>> 5;
    const mask = 1 << (q & 31);
    for (let row = 0; row < 2 * this.numQubits; row++) if (this.z[row * w + word]! & mask) this.r[row] = this.r[row]! ^ 1;
  }

  private xBit(row: number, q: number): number {
    return (this.x[row * this.words + (q >>> 5)]! >>> (q & 31)) & 1;
  }

  /** A stabilizer row that anticommutes with Z_q, or -1 when measuring q is deterministic. */
  randomPivot(q: number): number {
    for (let p = this.numQubits; p < 2 * this.numQubits; p++) if (this.xBit(p, q)) return p;
    return -1;
  }

  /** Index of the scratch row, where deterministic outcomes are computed. */
  get scratchRow(): number {
    return 2 * this.numQubits;
  }

  /**
   * The outcome of measuring q when it is deterministic (randomPivot(q) === -1): the sign of the
   * product of the stabilizers that make up Z_q, formed in the scratch row. `onRowsum(h, i)` hears
   * of every row product, for callers tracking more than the sign.
   */
  deterministicOutcome(q: number, onRowsum?: (h: number, i: number) => void): 0 | 1 {
    const scratch = this.scratchRow;
    this.clearRow(scratch);
    for (let i = 0; i < this.numQubits; i++) {
      if (this.xBit(i, q)) {
        this.rowsum(scratch, i + this.numQubits);
        onRowsum?.(scratch, i + this.numQubits);
      }
    }
    return this.r[scratch] as 0 | 1;
  }

  /** Measures q with a random outcome fixed to `outcome`, given its pivot row `p`. */
  collapseRandom(q: number, p: number, outcome: 0 | 1, onRowsum?: (h: number, i: number) => void): void {
    const n = this.numQubits;
    for (let i = 0; i < 2 * n; i++) {
      if (i !== p && this.xBit(i, q)) {
        this.rowsum(i, p);
        onRowsum?.(i, p);
      }
    }
    this.copyRow(p - n, p);
    this.clearRow(p);
    this.z[p * this.words + (q >>> 5)] = 1 << (q & 31);
    this.r[p] = outcome;
  }

  /**
   * Row h ← row h · row i, with the sign from the phase of the product: each letter pair
   * contributes i^g, g ∈ {-1, 0, 1}; counted 32 letters at a time.
   */
  private rowsum(h: number, i: number): void {
    const w = this.words;
    const hb = h * w;
    const ib = i * w;
    let sum = 2 * this.r[h]! + 2 * this.r[i]!;
    for (let k = 0; k < w; k++) {
      const x1 = this.x[ib + k]!;
      const z1 = this.z[ib + k]!;
      const x2 = this.x[hb + k]!;
      const z2 = this.z[hb + k]!;
      const plus = (x1 & z1 & z2 & ~x2) | (x1 & ~z1 & z2 & x2) | (~x1 & z1 & x2 & ~z2);
      const minus = (x1 & z1 & x2 & ~z2) | (x1 & ~z1 & z2 & ~x2) | (~x1 & z1 & x2 & z2);
      sum += popcount32(plus) - popcount32(minus);
      this.x[hb + k] = x2 ^ x1;
      this.z[hb + k] = z2 ^ z1;
    }
    this.r[h] = (((sum % 4) + 4) % 4) === 2 ? 1 : 0;
  }

  private clearRow(row: number): void {
    this.x.fill(0, row * this.words, (row + 1) * this.words);
    this.z.fill(0, row * this.words, (row + 1) * this.words);
    this.r[row] = 0;
  }

  private copyRow(to: number, from: number): void {
    const w = this.words;
    this.x.copyWithin(to * w, from * w, (from + 1) * w);
    this.z.copyWithin(to * w, from * w, (from + 1) * w);
    this.r[to] = this.r[from]!;
  }
}

export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
