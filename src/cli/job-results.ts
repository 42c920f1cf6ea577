/**
 * Counts from a sampler result: the plain-JSON results hold each register's shots as hex strings
 * (`results[i].data.<register>.samples`, with `num_bits`); people want outcome → count.
 */

export interface RegisterCounts {
  pub: number;
  register: string;
  shots: number;
  counts: { outcome: string; count: number }[];
}

function flatten(v: unknown): string[] {
  return Array.isArray(v) ? v.flatMap(flatten) : typeof v === 'string' ? [v] : [];
}

export function countsOf(result: unknown): RegisterCounts[] {
  const pubs = (result as { results?: unknown })?.results;
  if (!Array.isArray(pubs)) return [];
  const out: RegisterCounts[] = [];
  pubs.forEach((pub, index) => {
    const data = (pub as { data?: Record<string, unknown> })?.data ?? {};
    for (const [register, value] of Object.entries(data)) {
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

/** A horizontal bar chart, the longest bar `width` characters. */
export function histogram(reg: RegisterCounts, width = 40): string {
  const max = Math.max(1, ...reg.counts.map((c) => c.count));
  const label = Math.max(...reg.counts.map((c) => c.outcome.length), 1);
  return reg.counts
    .map((c) => `${c.outcome.padStart(label)} ${'█'.repeat(Math.max(1, Math.round((c.count / max) * width)))} ${c.count} (${((100 * c.count) / Math.max(1, reg.shots)).toFixed(1)}%)`)
    .join('\n');
}
