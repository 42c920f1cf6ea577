/**
 * The statevector as the executor's state model: states from a fixed-capacity pool (so branching
 * neither exceeds the memory budget nor churns the garbage collector), kernels through a runner.
 */
import type { StateModel } from './executor.js';
import type { KernelOp } from './kernel-op.js';
import type { ApplyOptions, KernelRunner } from './runners.js';
import { collapse, createState, probabilityOfOne, resetState, stateBytes } from './statevector.js';

export interface StatevectorModelOptions extends ApplyOptions {
  readonly numQubits: number;
  readonly runner: KernelRunner;
  /** Bytes the states of this run may take together (at least one state is always allowed). */
  readonly memoryBudgetBytes: number;
}

export function createStatevectorModel(options: StatevectorModelOptions): StateModel<Float64Array, KernelOp> {
  const { numQubits, runner } = options;
  const capacity = Math.max(1, Math.floor(options.memoryBudgetBytes / stateBytes(numQubits)));
  const free: Float64Array[] = [];
  let alive = 0;
  const take = (): Float64Array | null => {
    if (free.length > 0) {
      alive++;
      return free.pop()!;
    }
    if (alive >= capacity) return null;
    alive++;
    return createState(numQubits, runner.shared);
  };
  const applyOptions: ApplyOptions = { signal: options.signal, blockQubits: options.blockQubits };
  return {
    create() {
      const s = take();
      if (s) resetState(s);
      return s;
    },
    clone(state) {
      const s = take();
      s?.set(state);
      return s;
    },
    release(state) {
      alive--;
      free.push(state);
    },
    apply: (state, ops) => runner.apply(state, numQubits, ops, applyOptions),
    probabilityOfOne,
    collapse,
  };
}
