/**
 * The built-in backends. Created on first use, because their qubit caps depend on the memory of
 * the machine the server runs on.
 */
import { UnknownBackendError } from '../errors.js';
import { createStabilizerBackend, createStatevectorBackend, type SimulatorBackend } from './backend.js';

/** Name of the backend used when a request names none. */
export const DEFAULT_BACKEND = 'simulator_statevector';

let builtins: readonly SimulatorBackend[] | undefined;

/** Every built-in backend, the default first. */
export function listBackends(): readonly SimulatorBackend[] {
  builtins ??= Object.freeze([createStatevectorBackend(), createStabilizerBackend()]);
  return builtins;
}

/** The built-in backend called `name`, or undefined. */
export function getBackend(name: string): SimulatorBackend | undefined {
  return listBackends().find((b) => b.name === name);
}

/** Resolves a backend given by name or object (the default when absent); throws if unknown. */
export function resolveBackend(backend: string | SimulatorBackend | undefined): SimulatorBackend {
  if (backend === undefined) return getBackend(DEFAULT_BACKEND)!;
  if (typeof backend !== 'string') return backend;
  const found = getBackend(backend);
  if (!found) throw new UnknownBackendError(backend, listBackends().map((b) => b.name));
  return found;
}
