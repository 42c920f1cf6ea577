/**
 * The final state vector of a circuit without mid-circuit measurements, for debugging, tests and
 * exact comparisons (final measurements are ignored).
 */
import { UnsupportedOperationError } from '../errors.js';
import type { Circuit } from '../circuit/ir.js';
import { planCircuit } from '../circuit/plan.js';
import { runnerFor } from '../engine/runners.js';
import { createState } from '../engine/statevector.js';
import { coerceCircuit, DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './pubs.js';

/** Widest state this function returns (it is expanded to every declared qubit). */
const MAX_QUBITS = 24;

/**
 * Simulates `circuit` (OpenQASM text or a parsed circuit) with `params` bound and returns its
 * amplitudes over all declared qubits, interleaved re/im, index bit q = qubit q, global phase
 * included.
 */
export async function simulateStatevector(
  circuit: string | Circuit,
  params: Readonly<Record<string, number>> = {},
  options: { readonly engine?: EngineOptions; readonly signal?: AbortSignal } = {},
): Promise<Float64Array> {
  const c = coerceCircuit(circuit, 'circuit');
  if (c.numQubits > MAX_QUBITS) throw new UnsupportedOperationError(`simulateStatevector returns at most ${MAX_QUBITS} qubits`);
  const engine = { ...DEFAULT_ENGINE_OPTIONS, ...options.engine };
  const plan = planCircuit(c, new Map(Object.entries(params)), { maxQubits: engine.fusionMaxQubits });
  if (plan.isDynamic) throw new UnsupportedOperationError('the circuit measures, resets or branches mid-circuit: it has no single final state');
  const runner = await runnerFor(plan.numQubits, engine.parallelFromQubits);
  const state = createState(plan.numQubits, runner.shared);
  for (const step of plan.steps) if (step.op === 'apply') await runner.apply(state, plan.numQubits, step.ops, { signal: options.signal, blockQubits: engine.cacheBlockQubits });

  // Spread the active qubits back over the declared ones (idle qubits are |0>).
  const active: number[] = [];
  plan.qubitMap.forEach((sim, q) => {
    if (sim >= 0) active[sim] = q;
  });
  const out = new Float64Array(2 * 2 ** c.numQubits);
  const re = Math.cos(plan.globalPhase);
  const im = Math.sin(plan.globalPhase);
  for (let i = 0; i < state.length / 2; i++) {
    let full = 0;
    for (let k = 0; k < active.length; k++) if ((i >> k) & 1) full += 2 ** active[k]!;
    const ar = state[2 * i]!;
    const ai = state[2 * i + 1]!;
    out[2 * full] = re * ar - im * ai;
    out[2 * full + 1] = re * ai + im * ar;
  }
  return out;
}
