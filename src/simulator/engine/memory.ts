/**
 * How many qubits fit in memory. A state needs 16·2^n bytes; the budget defaults to half of the
 * machine's (or container's) memory, leaving room for the server, a second state for branching on
 * mid-circuit measurements where it fits, and the operating system.
 */
import os from 'node:os';
import { stateBytes } from './statevector.js';

/** Beyond this, amplitude indices no longer fit the 31-bit integer arithmetic of the kernels. */
export const MAX_STATEVECTOR_QUBITS = 30;

/** Half of the physical memory, or of the cgroup limit when the process runs in a container. */
export function defaultMemoryBudget(): number {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() ?? 0 : 0;
  const total = constrained > 0 ? Math.min(constrained, os.totalmem()) : os.totalmem();
  return Math.floor(total / 2);
}

/** The largest qubit count whose state fits in `budgetBytes` (at most {@link MAX_STATEVECTOR_QUBITS}). */
export function maxQubitsForMemory(budgetBytes: number): number {
  let n = 0;
  while (n < MAX_STATEVECTOR_QUBITS && stateBytes(n + 1) <= budgetBytes) n++;
  return n;
}
