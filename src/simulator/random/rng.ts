/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna). Four 32-bit words of state keep every
 * step in int32 arithmetic, which V8 runs without allocation; 2^128 - 1 is a long enough period for
 * any number of shots. Math.random is never used, so a seed reproduces a run exactly.
 */

/** A stream of uniform random numbers. */
export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A uniform integer in [0, bound), bound <= 2^32. */
  nextInt(bound: number): number;
}

/** Mixes 32-bit words into one (murmur3 finaliser over a running hash). */
function mix(h: number, word: number): number {
  h = Math.imul(h ^ word, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Splits a non-negative integer (up to 2^53) or any number into two 32-bit words. */
function words(value: number): [number, number] {
  if (Number.isSafeInteger(value) && value >= 0) return [value >>> 0, Math.floor(value / 2 ** 32) >>> 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return [view.getUint32(0), view.getUint32(4)];
}

class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seedWords: readonly number[]) {
    let h = 0x6a09e667;
    const state = [0, 0, 0, 0];
    for (let k = 0; k < 4; k++) {
      h = mix(h, 0x243f6a88 + k);
      for (const w of seedWords) h = mix(h, w);
      state[k] = h;
    }
    // The all-zero state is the one fixed point of xoshiro; any other state is fine.
    if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
    [this.s0, this.s1, this.s2, this.s3] = state as [number, number, number, number];
  }

  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }
}

/**
 * Creates a generator from a seed and optional stream indices. The same `(seed, ...stream)` always
 * yields the same sequence; different stream indices (e.g. PUB index, binding index) give
 * statistically independent sequences, so results do not depend on the order work is done in.
 */
export function createRng(seed: number, ...stream: number[]): Rng {
  const seedWords: number[] = [...words(seed)];
  for (const s of stream) seedWords.push(...words(s));
  return new Xoshiro128(seedWords);
}

/** A fresh seed from the operating system's entropy, for runs where the caller gave none. */
export function randomSeed(): number {
  const buf = new Uint32Array(2);
  globalThis.crypto.getRandomValues(buf);
  // 53 bits so the seed round-trips through JSON exactly.
  return (buf[0]! & 0x1fffff) * 2 ** 32 + buf[1]!;
}
