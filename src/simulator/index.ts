/**
 * qgate's built-in quantum simulator: OpenQASM 2/3 in, Qiskit Runtime primitive results out.
 *
 * - {@link parseQasm} compiles a program (errors carry line and column);
 * - {@link decodeQpyCircuit} reads a QPY `QuantumCircuit` value as the Python client sends it;
 * - {@link runSampler} and {@link runEstimator} execute SamplerV2 / EstimatorV2 PUBs;
 * - {@link encodeSamplerResult} and {@link encodeEstimatorResult} produce the plain-JSON or
 *   Qiskit-typed bodies of `GET /jobs/{id}/results`;
 * - {@link listBackends} / {@link getBackend} and the description functions describe the backends.
 *
 * Inputs are plain JSON-compatible data and the entry points are pure apart from their result, so
 * the job service may call them in a worker thread; an AbortSignal cancels a run.
 */
export { parseQasm } from './qasm/index.js';
export { decodeQpyCircuit, MAX_QPY_VERSION, MIN_QPY_VERSION } from './qpy/index.js';
export type { Circuit, ClassicalRegister, Instruction } from './circuit/ir.js';
export { runSampler, type SamplerRequest } from './primitives/sampler.js';
export { runEstimator, type EstimatorRequest } from './primitives/estimator.js';
export { DEFAULT_SHOTS, type EngineOptions } from './primitives/pubs.js';
export type {
  EstimatorPubResult,
  EstimatorResult,
  RegisterSamples,
  SamplerPubResult,
  SamplerResult,
} from './primitives/results.js';
export {
  encodeEstimatorResult,
  encodeSamplerResult,
  hexSamples,
  type EncodeOptions,
  type EstimatorEncodeOptions,
} from './encoding/results.js';
export { decodeNdarray, encodeNdarray, isTyped, type Typed } from './encoding/runtime-json.js';
export { decodeNpy, encodeNpy, type NpyArray, type NpyDtype } from './encoding/npy.js';
export { simulateStatevector } from './primitives/statevector.js';
export {
  createStabilizerBackend,
  createStatevectorBackend,
  type SimulationMethod,
  type SimulatorBackend,
} from './backends/backend.js';
export { DEFAULT_BACKEND, getBackend, listBackends, resolveBackend } from './backends/registry.js';
export {
  backendConfiguration,
  backendProperties,
  backendStatus,
  backendSummary,
  type BackendConfiguration,
  type BackendProperties,
  type BackendStatus,
  type BackendSummary,
} from './backends/descriptions.js';
export { shutdownWorkerPool } from './engine/runners.js';
export {
  CircuitTooLargeError,
  InvalidEncodingError,
  InvalidPubError,
  QasmError,
  QasmSemanticError,
  QasmSyntaxError,
  SimulationCancelledError,
  SimulatorError,
  UnknownBackendError,
  UnsupportedOperationError,
  type SimulatorErrorCode,
} from './errors.js';
