/**
 * Simulator backends: a simulation method plus the limits derived from this machine. They are plain
 * data; ./descriptions.ts renders them in the shapes the Qiskit Runtime API returns.
 */
import { defaultMemoryBudget, maxQubitsForMemory } from '../engine/memory.js';

export type SimulationMethod = 'statevector' | 'stabilizer';

export interface SimulatorBackend {
  readonly name: string;
  readonly method: SimulationMethod;
  /** The widest circuit (in active qubits) this backend accepts. */
  readonly numQubits: number;
  readonly maxShots: number;
  /** Most PUBs in one job. */
  readonly maxExperiments: number;
  /** Memory this backend may use for states; statevector qubit caps derive from it. */
  readonly memoryBudgetBytes: number;
  readonly basisGates: readonly string[];
  readonly description: string;
  readonly version: string;
  /** ISO date the backend definition was introduced. */
  readonly onlineDate: string;
}

export const SIMULATOR_VERSION = '1.0.0';

/** Gates the statevector backend runs natively, by their Qiskit names. */
const STATEVECTOR_BASIS = [
  'id', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg', 'rx', 'ry', 'rz', 'r', 'p', 'u',
  'u1', 'u2', 'u3', 'cx', 'cy', 'cz', 'ch', 'cp', 'crx', 'cry', 'crz', 'cu', 'cu1', 'cu3', 'cs',
  'csdg', 'csx', 'swap', 'iswap', 'dcx', 'ecr', 'rxx', 'ryy', 'rzz', 'rzx', 'xx_plus_yy',
  'xx_minus_yy', 'ccx', 'ccz', 'cswap', 'rccx',
];

/** Clifford gates: what the stabilizer backend can run. */
export const CLIFFORD_BASIS = ['id', 'x', 'y', 'z', 'h', 's', 'sdg', 'sx', 'sxdg', 'cx', 'cy', 'cz', 'swap', 'iswap', 'dcx', 'ecr'];

/** Creates a statevector backend whose qubit cap is what `memoryBudgetBytes` can hold. */
export function createStatevectorBackend(options: { name?: string; memoryBudgetBytes?: number } = {}): SimulatorBackend {
  const memoryBudgetBytes = options.memoryBudgetBytes ?? defaultMemoryBudget();
  const numQubits = maxQubitsForMemory(memoryBudgetBytes);
  return {
    name: options.name ?? 'simulator_statevector',
    method: 'statevector',
    numQubits,
    maxShots: 1_000_000,
    maxExperiments: 300,
    memoryBudgetBytes,
    basisGates: STATEVECTOR_BASIS,
    description: `Exact statevector simulator, up to ${numQubits} qubits on this server; supports mid-circuit measurement, reset and feed-forward`,
    version: SIMULATOR_VERSION,
    onlineDate: '2025-01-01T00:00:00Z',
  };
}

/** Creates a stabilizer (Clifford tableau) backend. */
export function createStabilizerBackend(options: { name?: string; numQubits?: number; memoryBudgetBytes?: number } = {}): SimulatorBackend {
  const numQubits = options.numQubits ?? 5000;
  return {
    name: options.name ?? 'simulator_stabilizer',
    method: 'stabilizer',
    numQubits,
    maxShots: 1_000_000,
    maxExperiments: 300,
    memoryBudgetBytes: options.memoryBudgetBytes ?? defaultMemoryBudget(),
    basisGates: CLIFFORD_BASIS,
    description: `Clifford stabilizer simulator (tableau), up to ${numQubits} qubits; Clifford gates, measurement, reset and feed-forward only`,
    version: SIMULATOR_VERSION,
    onlineDate: '2025-01-01T00:00:00Z',
  };
}
