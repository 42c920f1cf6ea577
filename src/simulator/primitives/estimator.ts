/**
 * The Estimator primitive (EstimatorV2 semantics): for each PUB `[circuit, observables,
 * parameter_values?, precision?]`, expectation values over the broadcast of the observables' shape
 * and the bindings' shape.
 *
 * Values are exact by default (standard deviation 0). With a precision p > 0, each term is
 * estimated from S = ceil(1/p²) simulated shots (exact binomial draws from its outcome
 * probabilities), so the reported standard error is about p for a unit-norm observable.
 * Final measurements are ignored, as Qiskit's estimators do; mid-circuit measurements and resets
 * are averaged over exactly, branch by branch.
 */
import { InvalidPubError, throwIfCancelled, UnsupportedOperationError } from '../errors.js';
import { planCircuit } from '../circuit/plan.js';
import { explore } from '../engine/executor.js';
import { runnerFor } from '../engine/runners.js';
import { createStatevectorModel } from '../engine/statevector-model.js';
import { createRng, type Rng } from '../random/rng.js';
import { binomial } from '../random/variates.js';
import { resolveBackend } from '../backends/registry.js';
import type { SimulatorBackend } from '../backends/backend.js';
import { coerceBindings } from './bindings.js';
import { broadcastIndices, broadcastShapes, shapeSize } from './ndarray.js';
import { coerceObservables, expandObservable, termExpectations, type ExpandedTerm } from './observables.js';
import {
  bindingMap,
  checkCircuitFits,
  coerceCircuit,
  DEFAULT_ENGINE_OPTIONS,
  pubElements,
  resolveSeed,
  resolvePrecision,
  type EngineOptions,
} from './pubs.js';
import type { EstimatorPubResult, EstimatorResult } from './results.js';

export interface EstimatorRequest {
  /** PUBs as received: `[circuit, observables, parameter_values?, precision?]`. */
  readonly pubs: readonly unknown[];
  /** Precision for PUBs that give none; absent or 0 means exact values. */
  readonly precision?: number | null;
  readonly seed?: number | null;
  readonly backend?: string | SimulatorBackend;
  readonly signal?: AbortSignal;
  readonly engine?: EngineOptions;
}

/** Mid-circuit measurement branches averaged exactly before the estimator gives up. */
const MAX_BRANCHES = 4096;

/** Estimates every PUB. */
export async function runEstimator(request: EstimatorRequest): Promise<EstimatorResult> {
  const backend = resolveBackend(request.backend);
  if (backend.method !== 'statevector') {
    throw new UnsupportedOperationError(`backend ${backend.name} runs the sampler only; use a statevector backend for the estimator`);
  }
  const seed = resolveSeed(request.seed);
  const engine = { ...DEFAULT_ENGINE_OPTIONS, ...request.engine };
  if (request.pubs.length > backend.maxExperiments) {
    throw new InvalidPubError('pubs', `at most ${backend.maxExperiments} PUBs per job, got ${request.pubs.length}`);
  }
  const pubs = request.pubs.map((pub, i) => {
    const path = `pubs[${i}]`;
    const [circuitValue, observablesValue, values, precisionValue] = pubElements(pub, path, 4);
    if (observablesValue === undefined) throw new InvalidPubError(path, 'an estimator PUB needs observables as its second element');
    const circuit = coerceCircuit(circuitValue, `${path}[0]`);
    checkCircuitFits(circuit, backend);
    const labelLength = circuit.usesHardwareQubits ? { min: circuit.numQubits } : { exact: circuit.numQubits };
    const observables = coerceObservables(observablesValue, labelLength, `${path}[1]`);
    const bindings = coerceBindings(values, circuit.parameters, `${path}[2]`);
    const shape = broadcastShapes(observables.shape, bindings.shape);
    if (!shape) {
      throw new InvalidPubError(path, `observables of shape (${observables.shape.join(', ')}) and parameter values of shape (${bindings.shape.join(', ')}) cannot be broadcast together`);
    }
    return { circuit, observables, bindings, shape, precision: resolvePrecision(precisionValue, request.precision, `${path}[3]`) };
  });

  const started = performance.now();
  const pubResults: EstimatorPubResult[] = [];
  for (const [p, pub] of pubs.entries()) {
    const { circuit, observables, bindings, shape, precision } = pub;
    const size = shapeSize(shape);
    const obsIndex = broadcastIndices(observables.shape, shape);
    const bindIndex = broadcastIndices(bindings.shape, shape);
    const evs = new Float64Array(size);
    const stds = new Float64Array(size);
    const shots = precision > 0 ? Math.ceil(1 / (precision * precision)) : 0;

    // Elements sharing a binding share one simulation.
    const byBinding = new Map<number, number[]>();
    for (let e = 0; e < size; e++) {
      const list = byBinding.get(bindIndex[e]!);
      if (list) list.push(e);
      else byBinding.set(bindIndex[e]!, [e]);
    }
    for (const [b, elements] of byBinding) {
      throwIfCancelled(request.signal);
      const plan = planCircuit(circuit, bindingMap(bindings.parameters, bindings.values, b), { maxQubits: engine.fusionMaxQubits });
      const runner = await runnerFor(plan.numQubits, engine.parallelFromQubits);
      const distinct = [...new Set(elements.map((e) => obsIndex[e]!))];
      const expanded = new Map(distinct.map((o) => [o, expandObservable(observables.observables[o]!, plan.qubitMap)]));
      const sums = new Map(distinct.map((o) => [o, { values: new Float64Array(expanded.get(o)!.length), filters: new Float64Array(expanded.get(o)!.length) }]));
      const model = createStatevectorModel({
        numQubits: plan.numQubits,
        runner,
        memoryBudgetBytes: backend.memoryBudgetBytes,
        signal: request.signal,
        blockQubits: engine.cacheBlockQubits,
      });
      await explore({
        plan,
        model,
        budget: 1,
        split: (p1, w: number) => [1 - p1 > 1e-14 ? w * (1 - p1) : null, p1 > 1e-14 ? w * p1 : null],
        onLeaf: (state: Float64Array, weight: number) => {
          for (const o of distinct) {
            const { values, filterProbabilities } = termExpectations(state, expanded.get(o)!, precision > 0);
            const acc = sums.get(o)!;
            for (let k = 0; k < values.length; k++) {
              acc.values[k] = acc.values[k]! + weight * values[k]!;
              acc.filters[k] = acc.filters[k]! + weight * filterProbabilities[k]!;
            }
          }
        },
        maxLeaves: MAX_BRANCHES,
        signal: request.signal,
      });
      for (const e of elements) {
        const o = obsIndex[e]!;
        const terms = expanded.get(o)!;
        const { values, filters } = sums.get(o)!;
        if (shots === 0) {
          evs[e] = terms.reduce((sum, t, k) => sum + t.coeff * values[k]!, 0);
        } else {
          const noisy = sampleEstimate(terms, values, filters, shots, createRng(seed, p, e));
          evs[e] = noisy.ev;
          stds[e] = noisy.std;
        }
      }
    }
    pubResults.push({
      shape,
      evs,
      stds,
      ensembleStandardError: stds.slice(),
      metadata: { target_precision: precision, shots, circuit_metadata: {}, resilience: {}, num_randomizations: 1 },
    });
  }
  return {
    pubResults,
    metadata: { version: 2, simulator: { backend: backend.name, method: backend.method, seed, duration_seconds: (performance.now() - started) / 1000 } },
  };
}

/**
 * Shot-noise estimate: each term T (eigenvalues -1, 0, +1; 0 only outside its projector) is
 * measured `shots` times, with P(±1) = (<Π> ± <T>)/2 and P(0) = 1 - <Π>.
 */
function sampleEstimate(
  terms: readonly ExpandedTerm[],
  values: Float64Array,
  filters: Float64Array,
  shots: number,
  rng: Rng,
): { ev: number; std: number } {
  let ev = 0;
  let variance = 0;
  terms.forEach((t, k) => {
    const inside = Math.min(1, Math.max(0, filters[k]!));
    const value = Math.max(-inside, Math.min(inside, values[k]!));
    const outside = binomial(rng, shots, 1 - inside);
    const plus = inside > 0 ? binomial(rng, shots - outside, (inside + value) / (2 * inside)) : 0;
    const minus = shots - outside - plus;
    const mean = (plus - minus) / shots;
    const secondMoment = (plus + minus) / shots;
    ev += t.coeff * mean;
    variance += (t.coeff * t.coeff * Math.max(0, secondMoment - mean * mean)) / shots;
  });
  return { ev, std: Math.sqrt(variance) };
}
