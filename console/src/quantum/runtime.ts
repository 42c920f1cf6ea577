/**
 * The Qiskit Runtime API of one instance, and reading its results for display.
 */
import { ok } from '@client/client.js';
import { session } from '../app/session.js';
import { useLoad } from '../ui/hooks.js';

export const ENDED = ['Completed', 'Failed', 'Cancelled'];

export function useInstance(guid: string) {
  const s = session()!;
  return useLoad(() => ok(s.client.GET('/v2/resource_instances/{id}', { params: { path: { id: guid } } })), [guid]);
}

export interface Histogram { pub: number; register: string; counts: Array<[string, number]>; shots: number }
export interface Expectation { pub: number; index: string; value: number; std: number | undefined }

const flatten = (v: unknown): unknown[] => (Array.isArray(v) ? v.flatMap(flatten) : [v]);

/** The circuits and, for the estimator, the observables of each PUB a job was submitted with. */
export function pubsOf(params: Record<string, unknown> | undefined): Array<{ circuit: string; observables: string[] }> {
  const pubs = Array.isArray(params?.pubs) ? (params.pubs as unknown[]) : [];
  return pubs.map((pub) => {
    const [circuit, observables] = Array.isArray(pub) ? pub : [pub];
    const names = flatten(observables).map((o) => (typeof o === 'string' ? o : typeof o === 'object' && o !== null ? Object.keys(o).join(' + ') : ''));
    return { circuit: typeof circuit === 'string' ? circuit : '', observables: names };
  });
}

/** Sampler results → one histogram per PUB and classical register; estimator results → expectation values. */
export function readResults(body: unknown, pubs: Array<{ observables: string[] }> = []): { histograms: Histogram[]; expectations: Expectation[] } {
  const histograms: Histogram[] = [];
  const expectations: Expectation[] = [];
  const results = (body as { results?: Array<{ data?: Record<string, unknown> }> } | undefined)?.results ?? [];
  results.forEach((result, pub) => {
    const data = result.data ?? {};
    for (const [register, value] of Object.entries(data)) {
      const reg = value as { samples?: unknown; num_bits?: number };
      if (reg && typeof reg === 'object' && 'samples' in reg) {
        const bits = reg.num_bits ?? 1;
        const counts = new Map<string, number>();
        const samples = flatten(reg.samples).filter((x): x is string => typeof x === 'string');
        for (const hex of samples) {
          const key = BigInt(hex).toString(2).padStart(bits, '0');
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        histograms.push({ pub, register, counts: [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)), shots: samples.length });
      }
    }
    if ('evs' in data) {
      const evs = flatten(data.evs) as number[];
      const stds = 'stds' in data ? (flatten(data.stds) as number[]) : [];
      const names = pubs[pub]?.observables ?? [];
      evs.forEach((value, i) => expectations.push({ pub, index: names.length === evs.length ? names[i]! : evs.length > 1 ? String(i) : '', value, std: stds[i] }));
    }
  });
  return { histograms, expectations };
}
