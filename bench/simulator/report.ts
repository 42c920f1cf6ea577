/**
 * Timing helpers and the goal / measured / pass table printed at the end of the benchmark.
 */

export interface GoalRow {
  readonly goal: string;
  readonly measured: string;
  readonly pass: boolean | 'n/a';
}

/** Best wall time in ms over `repeats` runs of `fn` (after `warmup` unmeasured runs). */
export async function bestTime(fn: () => unknown, repeats: number, warmup = 0): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);

export function section(title: string): void {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 90 - title.length))}`);
}

/** Prints rows as an aligned text table. */
export function printTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

export function printGoals(rows: readonly GoalRow[]): void {
  printTable(
    ['goal', 'measured', 'pass'],
    rows.map((r) => [r.goal, r.measured, r.pass === 'n/a' ? 'n/a' : r.pass ? 'PASS' : 'FAIL']),
  );
}
