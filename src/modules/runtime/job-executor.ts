/**
 * Runs one job's primitive on the built-in simulator and encodes its result as the job asked
 * (plain JSON, or Qiskit's typed envelope when `support_qiskit` is true).
 */
import { encodeEstimatorResult, encodeSamplerResult, runEstimator, runSampler, SimulatorError } from '#src/simulator/index.js';

export interface JobInput {
  readonly programId: string;
  readonly backend: string;
  readonly params: Record<string, any>;
}

export type JobOutcome =
  | { readonly status: 'Completed'; readonly result: string }
  | { readonly status: 'Failed'; readonly reason: string; readonly reasonCode: number };

/** IBM's reason code for a job that failed on invalid input (the client prints `Error code <n>; <reason>`). */
export const REASON_INVALID_INPUT = 1517;
/** IBM's reason code for "ran too long" (the time limit, or the instance's cost limit). */
export const REASON_RAN_TOO_LONG = 1305;

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function executeJob(job: JobInput, signal: AbortSignal): Promise<JobOutcome> {
  const p = job.params;
  const options = (p.options ?? {}) as Record<string, any>;
  const qiskit = p.support_qiskit === true;
  try {
    if (job.programId === 'sampler') {
      const result = await runSampler({
        pubs: p.pubs,
        shots: numberOrNull(p.shots) ?? numberOrNull(options.default_shots),
        seed: numberOrNull(options.simulator?.seed_simulator),
        backend: job.backend,
        signal,
      });
      return { status: 'Completed', result: JSON.stringify(encodeSamplerResult(result, { qiskit })) };
    }
    const result = await runEstimator({
      pubs: p.pubs,
      precision: numberOrNull(p.precision) ?? numberOrNull(options.default_precision),
      seed: numberOrNull(options.seed_estimator) ?? numberOrNull(options.simulator?.seed_simulator),
      backend: job.backend,
      signal,
    });
    return { status: 'Completed', result: JSON.stringify(encodeEstimatorResult(result, { qiskit })) };
  } catch (err) {
    if (signal.aborted) throw err;
    if (err instanceof SimulatorError) return { status: 'Failed', reason: err.message, reasonCode: REASON_INVALID_INPUT };
    throw err;
  }
}
