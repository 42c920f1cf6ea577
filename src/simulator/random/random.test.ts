import { describe, expect, it } from 'vitest';
import { chiSquare } from '../testing/statistics.js';
import { createRng } from './rng.js';
import { binomial, normal } from './variates.js';

/** Binomial pmf, in log space so large n does not underflow. */
function binomialPmf(n: number, p: number): number[] {
  const logFactorial = [0];
  for (let k = 1; k <= n; k++) logFactorial.push(logFactorial[k - 1]! + Math.log(k));
  return Array.from({ length: n + 1 }, (_, k) =>
    Math.exp(logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]! + k * Math.log(p) + (n - k) * Math.log(1 - p)),
  );
}

describe('rng', () => {
  it('is reproducible per (seed, stream) and independent across streams', () => {
    const a = createRng(7, 1, 2);
    const b = createRng(7, 1, 2);
    const c = createRng(7, 2, 1);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('draws uniform floats in [0, 1) (chi-square over 16 bins)', () => {
    const rng = createRng(1);
    const counts = new Array<number>(16).fill(0);
    let outside = 0;
    for (let i = 0; i < 160_000; i++) {
      const u = rng.nextFloat();
      if (u < 0 || u >= 1) outside++;
      else counts[Math.floor(u * 16)]!++;
    }
    expect(outside).toBe(0);
    const { statistic, critical } = chiSquare(counts, new Array<number>(16).fill(1 / 16));
    expect(statistic).toBeLessThan(critical);
  });
});

describe('variates', () => {
  it('binomial small n follows the pmf (chi-square)', () => {
    const rng = createRng(2);
    const n = 12;
    const p = 0.3;
    const pmf = binomialPmf(n, p);
    const counts = new Array<number>(n + 1).fill(0);
    for (let i = 0; i < 50_000; i++) counts[binomial(rng, n, p)]!++;
    // pool the sparse upper tail into one cell
    const pooledCounts = [...counts.slice(0, 8), counts.slice(8).reduce((a, b) => a + b, 0)];
    const pooledPmf = [...pmf.slice(0, 8), pmf.slice(8).reduce((a, b) => a + b, 0)];
    const { statistic, critical } = chiSquare(pooledCounts, pooledPmf);
    expect(statistic).toBeLessThan(critical);
  });

  it('binomial large n (order-statistic recursion) follows the pmf in bins (chi-square)', () => {
    const rng = createRng(3);
    const n = 5000;
    const p = 0.37;
    const pmf = binomialPmf(n, p);
    const mean = n * p;
    const sd = Math.sqrt(n * p * (1 - p));
    // 10 bins of width sd/2 around the mean, plus the two tails
    const edges = Array.from({ length: 11 }, (_, i) => Math.round(mean + (i - 5) * 0.5 * sd));
    const binOf = (k: number): number => edges.findIndex((e) => k < e);
    const probs = new Array<number>(12).fill(0);
    pmf.forEach((q, k) => {
      const b = binOf(k);
      const cell = b < 0 ? 11 : b;
      probs[cell] = probs[cell]! + q;
    });
    const counts = new Array<number>(12).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const b = binOf(binomial(rng, n, p));
      counts[b < 0 ? 11 : b]!++;
    }
    const { statistic, critical } = chiSquare(counts, probs);
    expect(statistic).toBeLessThan(critical);
  });

  it('binomial handles the edges and huge n', () => {
    const rng = createRng(4);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    const n = 1e12;
    const k = binomial(rng, n, 0.25);
    expect(Math.abs(k - n / 4)).toBeLessThan(6 * Math.sqrt(n * 0.25 * 0.75));
  });

  it('normal deviates have mean 0 and variance 1', () => {
    const rng = createRng(5);
    let s = 0;
    let s2 = 0;
    const m = 100_000;
    for (let i = 0; i < m; i++) {
      const x = normal(rng);
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / m)).toBeLessThan(4 / Math.sqrt(m));
    expect(Math.abs(s2 / m - 1)).toBeLessThan(4 * Math.sqrt(2 / m));
  });
});
