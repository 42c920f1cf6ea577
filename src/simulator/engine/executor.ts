/**
 * Runs an execution plan. Unitary steps go to the backend's state model; at each mid-circuit
 * measurement or reset the run branches: the sampler splits its shots between the two outcomes
 * with an exact binomial draw, the estimator splits probability weight. Each branch continues on
 * its own copy of the state, so a circuit with m mid-circuit measurements costs at most
 * min(shots, 2^m) runs of its tail instead of one run per shot.
 *
 * Copies need memory. When no further state fits, the pending branch is instead replayed from the
 * start later with the recorded outcomes forced, which needs no extra state at all.
 */
import { throwIfCancelled, UnsupportedOperationError } from '../errors.js';
import { evaluate } from '../circuit/expr.js';
import type { ExecutionPlan } from '../circuit/plan.js';
import { EventLoopYielder } from './runners.js';

/** What the executor needs from a simulation method. `S` is a state, `Op` what steps apply. */
export interface StateModel<S, Op> {
  /** A fresh |0...0> state, or null when memory allows no further state. */
  create(): S | null;
  /** A copy of `state`, or null when memory allows no further state. */
  clone(state: S): S | null;
  /** Gives a state back; it must not be used afterwards. */
  release(state: S): void;
  apply(state: S, ops: readonly Op[]): Promise<void>;
  probabilityOfOne(state: S, qubit: number): number;
  /** Projects onto `outcome` (which had probability `p`); `flipToZero` then sets the qubit to 0. */
  collapse(state: S, qubit: number, outcome: 0 | 1, p: number, flipToZero: boolean): void;
}

/** How a budget (shot count or probability weight) divides between outcomes 0 and 1. */
export type BudgetSplit<B> = (probabilityOfOne: number, budget: B) => readonly [B | null, B | null];

export interface ExploreOptions<B, S, Op> {
  readonly plan: ExecutionPlan<Op>;
  readonly model: StateModel<S, Op>;
  readonly budget: B;
  readonly split: BudgetSplit<B>;
  /** Called once per final branch with its state (valid only during the call), budget and bits. */
  readonly onLeaf: (state: S, budget: B, clbits: Uint8Array) => void | Promise<void>;
  /** Refuse to enumerate more branches than this. */
  readonly maxLeaves?: number;
  readonly signal?: AbortSignal;
}

interface Pending<B, S> {
  readonly pc: number;
  readonly budget: B;
  readonly clbits: Uint8Array;
  /** The state to continue from, or null to replay from the start forcing `history`. */
  readonly state: S | null;
  readonly history: readonly number[];
}

/** Executes every branch of `plan` depth-first; see the module comment. */
export async function explore<B, S, Op>(options: ExploreOptions<B, S, Op>): Promise<void> {
  const { plan, model, split, onLeaf, signal } = options;
  const steps = plan.steps;
  const yielder = new EventLoopYielder();
  const stack: Array<Pending<B, S>> = [
    { pc: 0, budget: options.budget, clbits: new Uint8Array(plan.numClbits), state: null, history: [] },
  ];
  let leaves = 0;

  while (stack.length > 0) {
    throwIfCancelled(signal);
    const item = stack.pop()!;
    let state = item.state;
    let pc = item.pc;
    let budget = item.budget;
    let clbits = item.clbits;
    // Replays force the recorded outcomes, then carry on drawing fresh ones.
    const forced = item.state ? [] : item.history;
    const history: number[] = item.state ? [...item.history] : [];
    if (!state) {
      // Branches pushed after this one finished first (LIFO) and gave their states back.
      state = model.create();
      if (!state) throw new Error('no state available for a replayed branch');
      pc = 0;
      clbits = new Uint8Array(plan.numClbits);
    }

    while (pc < steps.length) {
      const step = steps[pc]!;
      switch (step.op) {
        case 'apply':
          await model.apply(state, step.ops);
          pc++;
          break;
        case 'branch':
          pc = evaluate(step.condition, { clbits }) !== 0 ? pc + 1 : step.elseTarget;
          break;
        case 'jump':
          pc = step.target;
          break;
        case 'measure':
        case 'reset': {
          const p1 = Math.min(1, Math.max(0, model.probabilityOfOne(state, step.qubit)));
          const isReset = step.op === 'reset';
          let outcome: 0 | 1;
          if (history.length < forced.length) {
            outcome = forced[history.length] as 0 | 1;
          } else {
            const [b0, b1] = split(p1, budget);
            if (b0 !== null && b1 !== null) {
              // Continue with outcome 0 here; outcome 1 waits on the stack.
              const ones = clbits.slice();
              if (step.op === 'measure' && step.clbit !== null) ones[step.clbit] = 1;
              const copy = model.clone(state);
              if (copy) model.collapse(copy, step.qubit, 1, p1, isReset);
              stack.push({ pc: copy ? pc + 1 : 0, budget: b1, clbits: ones, state: copy, history: [...history, 1] });
              outcome = 0;
              budget = b0;
            } else {
              outcome = b1 !== null ? 1 : 0;
              budget = (outcome === 1 ? b1 : b0)!;
            }
          }
          history.push(outcome);
          model.collapse(state, step.qubit, outcome, outcome === 1 ? p1 : 1 - p1, isReset && outcome === 1);
          if (step.op === 'measure' && step.clbit !== null) clbits[step.clbit] = outcome;
          pc++;
          await yielder.maybeYield(signal);
          break;
        }
      }
    }
    if (options.maxLeaves !== undefined && ++leaves > options.maxLeaves) {
      throw new UnsupportedOperationError(
        `the circuit's mid-circuit measurements branch into more than ${options.maxLeaves} outcomes`,
      );
    }
    await onLeaf(state, budget, clbits);
    model.release(state);
  }
}
