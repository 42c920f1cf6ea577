/**
 * Sampling Clifford circuits with the stabilizer tableau.
 *
 * Mid-circuit measurements branch exactly as in the statevector engine (shared executor). Final
 * measurements are sampled in one symbolic pass: each random outcome becomes a fresh variable,
 * every later outcome an XOR of earlier variables (signs are tracked as linear functions of the
 * variables through each row product), so a shot afterwards costs a few XORs instead of a tableau
 * pass.
 */
import type { Circuit } from '../circuit/ir.js';
import { buildPlan, type TerminalMeasure } from '../circuit/plan.js';
import { explore, type StateModel } from '../engine/executor.js';
import type { Rng } from '../random/rng.js';
import { binomial } from '../random/variates.js';
import { cliffordAction, type CliffordAction } from './clifford.js';
import { Tableau } from './tableau.js';

/** The classical bits of `shots` runs: shots × numClbits bytes of 0/1. */
export async function sampleStabilizerShots(
  circuit: Circuit,
  params: ReadonlyMap<string, number>,
  shots: number,
  rng: Rng,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const plan = buildPlan(circuit, params, (gates) =>
    gates.map(cliffordAction).filter((a): a is CliffordAction => a !== null),
  );
  const width = plan.numClbits;
  const rows = new Uint8Array(shots * width);
  let filled = 0;
  let leaves = 0;
  await explore({
    plan,
    model: tableauModel(plan.numQubits),
    budget: shots,
    split: (p1, n: number) => {
      const ones = binomial(rng, n, p1);
      return [n - ones > 0 ? n - ones : null, ones > 0 ? ones : null];
    },
    onLeaf: (tableau: Tableau, n: number, clbits: Uint8Array) => {
      leaves++;
      const outcomes = plan.terminalMeasures.length > 0 ? sampleTerminal(tableau, plan.terminalMeasures, n, rng) : null;
      for (let k = 0; k < n; k++, filled++) {
        rows.set(clbits, filled * width);
        if (outcomes) {
          plan.terminalMeasures.forEach((m, j) => {
            rows[filled * width + m.clbit] = outcomes[k * plan.terminalMeasures.length + j]!;
          });
        }
      }
    },
    signal,
  });
  if (leaves > 1) shuffleRows(rows, width, shots, rng);
  return rows;
}

function tableauModel(numQubits: number): StateModel<Tableau, CliffordAction> {
  return {
    create: () => Tableau.zero(numQubits),
    clone: (t) => t.clone(),
    release: () => undefined,
    async apply(t, actions) {
      for (const a of actions) t.applyAction(a.qubits, a.table);
    },
    probabilityOfOne: (t, q) => (t.randomPivot(q) >= 0 ? 0.5 : t.deterministicOutcome(q)),
    collapse(t, q, outcome, _p, flipToZero) {
      const pivot = t.randomPivot(q);
      if (pivot >= 0) t.collapseRandom(q, pivot, outcome);
      if (flipToZero) t.applyX(q);
    },
  };
}

/**
 * Samples the final measurements `shots` times: one symbolic measurement pass, then per batch of
 * 32 shots one random word per variable. Returns shots × measures bytes.
 */
function sampleTerminal(source: Tableau, measures: readonly TerminalMeasure[], shots: number, rng: Rng): Uint8Array {
  const t = source.clone();
  const m = measures.length;
  const depWords = Math.ceil(m / 32) || 1;
  const rowCount = 2 * t.numQubits + 1;
  // deps[row]: the variables whose XOR flips the row's sign.
  const deps = new Uint32Array(rowCount * depWords);
  const xorDeps = (h: number, i: number): void => {
    for (let k = 0; k < depWords; k++) deps[h * depWords + k] = deps[h * depWords + k]! ^ deps[i * depWords + k]!;
  };
  const constants = new Uint8Array(m);
  const outcomeDeps = new Uint32Array(m * depWords);
  let variables = 0;
  const scratch = t.scratchRow;
  measures.forEach(({ qubit }, j) => {
    const pivot = t.randomPivot(qubit);
    if (pivot >= 0) {
      const v = variables++;
      t.collapseRandom(qubit, pivot, 0, xorDeps);
      // the destabilizer took the pivot's old row (and its dependencies); the pivot is now +Z_q ⊕ v
      deps.copyWithin((pivot - t.numQubits) * depWords, pivot * depWords, (pivot + 1) * depWords);
      deps.fill(0, pivot * depWords, (pivot + 1) * depWords);
      deps[pivot * depWords + (v >>> 5)] = 1 << (v & 31);
      outcomeDeps[j * depWords + (v >>> 5)] = 1 << (v & 31);
    } else {
      deps.fill(0, scratch * depWords, (scratch + 1) * depWords);
      constants[j] = t.deterministicOutcome(qubit, xorDeps);
      outcomeDeps.set(deps.subarray(scratch * depWords, (scratch + 1) * depWords), j * depWords);
    }
  });

  const out = new Uint8Array(shots * m);
  const words = new Uint32Array(variables);
  for (let s0 = 0; s0 < shots; s0 += 32) {
    for (let v = 0; v < variables; v++) words[v] = rng.nextUint32();
    const batch = Math.min(32, shots - s0);
    for (let j = 0; j < m; j++) {
      let word = constants[j] ? 0xffffffff : 0;
      for (let k = 0; k < depWords; k++) {
        let bits = outcomeDeps[j * depWords + k]!;
        while (bits !== 0) {
          const low = bits & -bits;
          word ^= words[32 * k + 31 - Math.clz32(low)]!;
          bits ^= low;
        }
      }
      for (let b = 0; b < batch; b++) out[(s0 + b) * m + j] = (word >>> b) & 1;
    }
  }
  return out;
}

function shuffleRows(rows: Uint8Array, width: number, shots: number, rng: Rng): void {
  const tmp = new Uint8Array(width);
  for (let i = shots - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    tmp.set(rows.subarray(i * width, (i + 1) * width));
    rows.copyWithin(i * width, j * width, (j + 1) * width);
    rows.set(tmp, j * width);
  }
}
