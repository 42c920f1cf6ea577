/**
 * Statistical checks for the simulator's tests: chi-square goodness of fit at α = 0.001 (with a
 * fixed seed a correct sampler passes deterministically, a biased one fails).
 */
import type { RegisterSamples } from '../primitives/results.js';

/** Upper 0.1% points of the chi-square distribution, by degrees of freedom (1-based). */
const CHI2_CRITICAL_0_001 = [
  10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877, 29.588, 31.264, 32.909, 34.528, 36.123, 37.697,
  39.252, 40.79, 42.312, 43.82, 45.315, 46.797, 48.268, 49.728, 51.179, 52.62, 54.052, 55.476, 56.892, 58.301, 59.703,
  61.098,
];

/** Pearson's statistic of observed counts against expected probabilities (zero-probability cells must be empty). */
export function chiSquare(counts: readonly number[], probabilities: readonly number[]): { statistic: number; critical: number } {
  const total = counts.reduce((a, b) => a + b, 0);
  let statistic = 0;
  let cells = 0;
  probabilities.forEach((p, i) => {
    const n = counts[i] ?? 0;
    if (p === 0) {
      if (n !== 0) statistic = Infinity;
      return;
    }
    cells++;
    statistic += (n - total * p) ** 2 / (total * p);
  });
  const critical = CHI2_CRITICAL_0_001[cells - 2];
  if (critical === undefined) throw new Error(`no critical value for ${cells - 1} degrees of freedom`);
  return { statistic, critical };
}

/** The register value of every shot (registers up to 32 bits). */
export function registerValues(reg: RegisterSamples): number[] {
  const nb = Math.ceil(reg.numBits / 8);
  const out: number[] = [];
  for (let at = 0; at < reg.bytes.length; at += nb) {
    let v = 0;
    for (let i = 0; i < nb; i++) v = v * 256 + reg.bytes[at + i]!;
    out.push(v);
  }
  return out;
}

/** Histogram of values in [0, size). */
export function histogram(values: readonly number[], size: number): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const v of values) counts[v] = counts[v]! + 1;
  return counts;
}
