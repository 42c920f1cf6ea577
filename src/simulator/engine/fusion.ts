/**
 * Gate fusion: merges runs of gates acting on at most `maxQubits` qubits into one matrix, so one
 * pass over the state replaces several. Passes are memory- or compute-bound, so the saving is close
 * to the number of passes removed.
 *
 * Open blocks never share a qubit, so they commute; a gate that cannot join the blocks it touches
 * closes them (emits their product) and starts a new block. A closed block is emitted fused only if
 * {@link opCost} says the fused pass is cheaper than its gates run separately: a lone `cx` stays a
 * cheap permutation, `h; cx; rz; rz` on two qubits becomes one 4×4 pass.
 */
import { controlled, embed, identity, multiply, type ComplexMatrix } from '../gates/complex-matrix.js';
import { lowerGate, opCost, type BoundGate, type KernelOp, type PhaseSink } from './kernel-op.js';

export interface FusionOptions {
  /** Widest fused block, in qubits: 0 disables fusion, 1 merges single-qubit runs. Default 2. */
  readonly maxQubits?: number;
}

interface Block {
  readonly qubits: number[];
  readonly gates: BoundGate[];
}

const qubitsOf = (g: BoundGate): number[] => [...g.controls, ...g.targets];

/**
 * Lowers a gate sequence to kernel ops, fusing neighbours where that saves work. Global phases
 * factored out of gates are added to `sink`.
 */
export function fuseGates(gates: readonly BoundGate[], options: FusionOptions = {}, sink: PhaseSink = { angle: 0 }): KernelOp[] {
  const maxQubits = options.maxQubits ?? 2;
  const out: KernelOp[] = [];
  if (maxQubits <= 0) {
    for (const g of gates) out.push(...lowerGate(g, sink));
    return out;
  }
  const open = new Map<number, Block>();
  const close = (block: Block): void => {
    for (const q of block.qubits) open.delete(q);
    out.push(...emitBlock(block, maxQubits, sink));
  };
  for (const gate of gates) {
    const qubits = qubitsOf(gate);
    const touching = [...new Set(qubits.map((q) => open.get(q)).filter((b): b is Block => b !== undefined))];
    if (qubits.length > maxQubits) {
      for (const b of touching) close(b);
      out.push(...lowerGate(gate, sink));
      continue;
    }
    const union = new Set(qubits);
    for (const b of touching) for (const q of b.qubits) union.add(q);
    let block: Block;
    if (union.size <= maxQubits) {
      // Blocks touching the gate are disjoint, hence commuting: concatenating them keeps the order.
      block = { qubits: [...union], gates: [...touching.flatMap((b) => b.gates), gate] };
    } else {
      for (const b of touching) close(b);
      block = { qubits, gates: [gate] };
    }
    for (const q of block.qubits) open.set(q, block);
  }
  for (const b of new Set(open.values())) close(b);
  return out;
}

function emitBlock(block: Block, maxQubits: number, sink: PhaseSink): KernelOp[] {
  if (block.gates.length === 1) return lowerGate(block.gates[0]!, sink);
  const fusedPhase: PhaseSink = { angle: 0 };
  const fused = lowerGate({ targets: block.qubits, controls: [], controlStates: [], matrix: blockMatrix(block) }, fusedPhase);
  // Separately, but still with consecutive single-qubit gates merged.
  const separatePhase: PhaseSink = { angle: 0 };
  const separate =
    maxQubits > 1 ? fuseGates(block.gates, { maxQubits: 1 }, separatePhase) : block.gates.flatMap((g) => lowerGate(g, separatePhase));
  const cost = (ops: KernelOp[]): number => ops.reduce((sum, op) => sum + opCost(op), 0);
  const useFused = cost(fused) <= cost(separate);
  sink.angle += useFused ? fusedPhase.angle : separatePhase.angle;
  return useFused ? fused : separate;
}

/** The product of a block's gates on the block's qubits (bit j = `block.qubits[j]`). */
function blockMatrix(block: Block): ComplexMatrix {
  let m = identity(1 << block.qubits.length);
  for (const g of block.gates) {
    const full = controlled(g.matrix, g.controls.length, g.controlStates);
    m = multiply(embed(full, qubitsOf(g), block.qubits), m);
  }
  return m;
}
