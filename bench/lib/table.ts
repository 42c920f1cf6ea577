/**
 * Plain-text tables and goal checks for benchmark summaries.
 */

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export interface Goal {
  readonly figure: string;
  readonly goal: string;
  readonly measured: string;
  /** undefined: not measured (e.g. the store was unavailable). */
  readonly pass: boolean | undefined;
  /** Measured while other processes used the CPU: the verdict is doubtful. */
  readonly noisy?: boolean;
}

export function formatGoals(goals: readonly Goal[]): string {
  return formatTable(
    ['figure', 'goal', 'measured', 'result'],
    goals.map((g) => [g.figure, g.goal, g.measured, `${g.pass === undefined ? 'n/a' : g.pass ? 'pass' : 'FAIL'}${g.noisy && g.pass !== undefined ? ' (noisy)' : ''}`]),
  );
}

export const ratio = (value: number, baseline: number): string => (baseline > 0 ? `${(value / baseline).toFixed(2)}x` : 'n/a');
export const perSecond = (value: number): string => `${Math.round(value).toLocaleString('en-US')}/s`;
