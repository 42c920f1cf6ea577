/**
 * Backend descriptions in the shapes of the Qiskit Runtime REST API, which qiskit-ibm-runtime turns
 * into a `BackendV2` and transpiler `Target`:
 *
 * - `GET /backends/{id}/configuration`: a `QasmBackendConfiguration` dict;
 * - `GET /backends/{id}/properties`: a `BackendProperties` dict (empty for an ideal simulator);
 * - `GET /backends/{id}/status`: `{state, status, message, length_queue, backend_version}`;
 * - an item of `GET /backends` (`devices[]`).
 */
import type { SimulatorBackend } from './backend.js';

export interface GateConfiguration {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly qasm_def?: string;
  readonly coupling_map?: ReadonlyArray<readonly number[]>;
}

export interface BackendConfiguration {
  readonly backend_name: string;
  readonly backend_version: string;
  readonly n_qubits: number;
  readonly basis_gates: readonly string[];
  readonly gates: readonly GateConfiguration[];
  readonly local: boolean;
  readonly simulator: boolean;
  readonly conditional: boolean;
  readonly open_pulse: boolean;
  readonly memory: boolean;
  readonly max_shots: number;
  readonly max_experiments: number;
  readonly coupling_map: null;
  readonly supported_instructions: readonly string[];
  readonly description: string;
  readonly online_date: string;
  readonly processor_type: { readonly family: string; readonly revision: string };
  readonly meas_levels: readonly number[];
  readonly dynamic_reprate_enabled: boolean;
  readonly credits_required: boolean;
  readonly multi_meas_enabled: boolean;
  readonly supported_features: readonly string[];
  readonly [extra: string]: unknown;
}

export interface BackendProperties {
  readonly backend_name: string;
  readonly backend_version: string;
  readonly last_update_date: string;
  readonly qubits: readonly unknown[];
  readonly gates: readonly unknown[];
  readonly general: readonly unknown[];
}

export interface BackendStatus {
  readonly state: boolean;
  readonly status: 'active' | 'paused' | 'internal';
  readonly message: string;
  readonly length_queue: number;
  readonly backend_version: string;
}

export interface BackendSummary {
  readonly name: string;
  readonly status: { readonly name: 'online' | 'paused' | 'offline'; readonly reason?: string };
  readonly is_simulator: true;
  readonly qubits: number;
  readonly processor_type: { readonly family: string; readonly revision: string };
  readonly queue_length: number;
}

/**
 * The configuration dict. `gates` is deliberately empty: recent qiskit-ibm-runtime ties every
 * gate listed there to the qubits of its `coupling_map`, while a simulator runs any gate on any
 * qubit, which is what the client assumes for basis gates without a gate entry. `coupling_map`
 * null means all-to-all.
 */
export function backendConfiguration(backend: SimulatorBackend): BackendConfiguration {
  return {
    backend_name: backend.name,
    backend_version: backend.version,
    n_qubits: backend.numQubits,
    basis_gates: backend.basisGates,
    gates: [],
    local: false,
    simulator: true,
    conditional: true,
    open_pulse: false,
    memory: true,
    max_shots: backend.maxShots,
    max_experiments: backend.maxExperiments,
    coupling_map: null,
    supported_instructions: [...backend.basisGates, 'measure', 'reset', 'delay', 'barrier', 'if_else', 'for_loop'],
    description: backend.description,
    online_date: backend.onlineDate,
    processor_type: { family: `${backend.method} simulator`, revision: backend.version },
    meas_levels: [2],
    dynamic_reprate_enabled: false,
    credits_required: false,
    multi_meas_enabled: true,
    supported_features: ['qasm3', 'qasm2'],
  };
}

/** Calibration data: none, the simulator is ideal. */
export function backendProperties(backend: SimulatorBackend, now: Date = new Date()): BackendProperties {
  return {
    backend_name: backend.name,
    backend_version: backend.version,
    last_update_date: now.toISOString(),
    qubits: [],
    gates: [],
    general: [],
  };
}

/** Status; `pendingJobs` is the job service's queue length for this backend. */
export function backendStatus(backend: SimulatorBackend, pendingJobs = 0): BackendStatus {
  return { state: true, status: 'active', message: '', length_queue: pendingJobs, backend_version: backend.version };
}

/** An entry of the backend list. */
export function backendSummary(backend: SimulatorBackend, pendingJobs = 0): BackendSummary {
  return {
    name: backend.name,
    status: { name: 'online' },
    is_simulator: true,
    qubits: backend.numQubits,
    processor_type: { family: `${backend.method} simulator`, revision: backend.version },
    queue_length: pendingJobs,
  };
}
