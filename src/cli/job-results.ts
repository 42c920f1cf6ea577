/**
 * A job's results as people read them. Sampler: the plain-JSON results hold each register's shots as hex strings
 * (`results[i].data.<register>.samples`, with `num_bits`); people want outcome → count. Estimator: each PUB's
 * `evs` and `stds` (a number, or nested lists following the PUB's shape); people want one row per value.
 */

export interface RegisterCounts {
  pub: number;
  register: string;
  shots: number;
  counts: { outcome: string; count: number }[];
}

export interface ExpectationValue {
  pub: number;
  /** Position within the PUB's shape (`[]` for a single observable, `[1]` for the second of a list). */
  index: number[];
  ev: number;
  std: number;
  /** The Pauli string measured, when the job's PUBs say so (`ZZ`). */
  observable?: string;
}

function flatten(v: unknown): string[] {
  return Array.isArray(v) ? v.flatMap(flatten) : typeof v === 'string' ? [v] : [];
}

function pubsOf(result: unknown): { data?: Record<string, unknown> }[] {
  const pubs = (result as { results?: unknown } | null)?.results;
  return Array.isArray(pubs) ? (pubs as { data?: Record<string, unknown> }[]) : [];
}

export function countsOf(result: unknown): RegisterCounts[] {
  const out: RegisterCounts[] = [];
  pubsOf(result).forEach((pub, index) => {
    for (const [register, value] of Object.entries(pub?.data ?? {})) {
      const { samples, num_bits } = (value ?? {}) as { samples?: unknown; num_bits?: unknown };
      if (samples === undefined) continue;
      const bits = typeof num_bits === 'number' ? num_bits : 0;
      const tally = new Map<string, number>();
      const all = flatten(samples);
      for (const hex of all) {
        const outcome = BigInt(hex).toString(2).padStart(bits, '0');
        tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      }
      const counts = [...tally].map(([outcome, count]) => ({ outcome, count })).sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome));
      out.push({ pub: index, register, shots: all.length, counts });
    }
  });
  return out;
}

/** Numbers of a nested list with their positions: `[[1, 2]]` → `[[0,0], 1], [[0,1], 2]`. */
function cells(v: unknown, at: number[] = []): [number[], number][] {
  if (typeof v === 'number') return [[at, v]];
  return Array.isArray(v) ? v.flatMap((x, i) => cells(x, [...at, i])) : [];
}

export function expectationValuesOf(result: unknown): ExpectationValue[] {
  const out: ExpectationValue[] = [];
  pubsOf(result).forEach((pub, index) => {
    const data = pub?.data ?? {};
    if (!('evs' in data)) return;
    const stds = new Map(cells(data.stds).map(([at, v]) => [at.join(','), v]));
    for (const [at, ev] of cells(data.evs)) out.push({ pub: index, index: at, ev, std: stds.get(at.join(',')) ?? 0 });
  });
  return out;
}

/** A horizontal bar chart of label → value, the longest bar `width` characters; `note` follows each bar. */
export function bars(rows: readonly { label: string; value: number; note: string }[], width = 40): string {
  const max = Math.max(Number.MIN_VALUE, ...rows.map((r) => Math.abs(r.value)));
  const label = Math.max(1, ...rows.map((r) => r.label.length));
  return rows
    .map((r) => `${r.label.padStart(label)} ${'█'.repeat(Math.max(r.value === 0 ? 0 : 1, Math.round((Math.abs(r.value) / max) * width)))} ${r.note}`)
    .join('\n');
}

/** A register's counts as a bar chart: `00 ████ 512 (50.0%)`. */
export function histogram(reg: RegisterCounts, width = 40): string {
  return bars(reg.counts.map((c) => ({ label: c.outcome, value: c.count, note: `${c.count} (${((100 * c.count) / Math.max(1, reg.shots)).toFixed(1)}%)` })), width);
}

/** Expectation values as a bar chart, a bar's length the value's size: `ZZ[0] ████ 1.0000 ± 0.0000`. */
export function evHistogram(values: readonly ExpectationValue[], width = 40): string {
  return bars(values.map((v) => ({ label: evLabel(v), value: v.ev, note: `${v.ev.toFixed(4)} ± ${v.std.toFixed(4)}` })), width);
}

/** `PUB 0 ZZ`, or by position when the observable is not known: `PUB 0 [1]`. */
export function evLabel(v: ExpectationValue): string {
  if (v.observable !== undefined) return `PUB ${v.pub} ${v.observable}`;
  return v.index.length === 0 ? `PUB ${v.pub}` : `PUB ${v.pub} [${v.index.join(', ')}]`;
}

/** Names each value by its observable from the job's PUBs (`[circuit, "ZZ"]` or `[circuit, ["ZZ", "XX"]]`). */
export function withObservables(values: readonly ExpectationValue[], pubs: unknown): ExpectationValue[] {
  return values.map((v) => {
    const observables = Array.isArray(pubs) && Array.isArray(pubs[v.pub]) ? (pubs[v.pub] as unknown[])[1] : undefined;
    const named = v.index.length === 0 ? observables : Array.isArray(observables) && v.index.length === 1 ? observables[v.index[0]!] : undefined;
    return typeof named === 'string' ? { ...v, observable: named } : v;
  });
}
