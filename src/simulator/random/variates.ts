/**
 * Random variates built on {@link Rng}: normal, gamma, beta and binomial. The binomial is
 * exact for any n (Knuth's order-statistic recursion), because the sampler splits shot counts with it
 * at every mid-circuit measurement and an approximation would bias the counts.
 */
import type { Rng } from './rng.js';

/** A standard normal deviate (Marsaglia's polar method). */
export function normal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.nextFloat() - 1;
    const v = 2 * rng.nextFloat() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** A Gamma(shape, 1) deviate (Marsaglia & Tsang 2000). */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    const u = rng.nextFloat();
    return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.nextFloat();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) deviate. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

/**
 * A Binomial(n, p) deviate, exact for every n. Large n is reduced in O(log n) steps by drawing the
 * median of n uniforms (a Beta variate) and recursing into the side that straddles p (Knuth, TAOCP
 * vol. 2, 3.4.1); the remainder is counted directly.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  let count = 0;
  while (n > 40) {
    const i = 1 + Math.floor(n / 2);
    const x = beta(rng, i, n + 1 - i);
    if (x >= p) {
      n = i - 1;
      p = p / x;
    } else {
      count += i;
      n -= i;
      p = (p - x) / (1 - x);
    }
  }
  for (let j = 0; j < n; j++) if (rng.nextFloat() < p) count++;
  return count;
}
