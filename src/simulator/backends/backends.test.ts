import { describe, expect, it } from 'vitest';
import { maxQubitsForMemory } from '../engine/memory.js';
import { createStatevectorBackend } from './backend.js';
import { backendConfiguration, backendProperties, backendStatus, backendSummary } from './descriptions.js';
import { getBackend, listBackends, resolveBackend } from './registry.js';

describe('backends', () => {
  it('derives the statevector qubit cap from the memory budget (16 bytes per amplitude)', () => {
    expect(maxQubitsForMemory(16 * 2 ** 20)).toBe(20);
    expect(maxQubitsForMemory(16 * 2 ** 20 - 1)).toBe(19);
    expect(maxQubitsForMemory(2 ** 50)).toBe(30);
    expect(createStatevectorBackend({ memoryBudgetBytes: 12 * 2 ** 30 }).numQubits).toBe(29);
  });

  it('lists a default statevector backend and finds backends by name', () => {
    const names = listBackends().map((b) => b.name);
    expect(names[0]).toBe('simulator_statevector');
    expect(getBackend('simulator_statevector')?.method).toBe('statevector');
    expect(getBackend('nope')).toBeUndefined();
    expect(() => resolveBackend('nope')).toThrow(`unknown backend 'nope'; known backends: ${names.join(', ')}`);
  });

  it('describes itself as a QasmBackendConfiguration the Qiskit client accepts', () => {
    const b = createStatevectorBackend({ memoryBudgetBytes: 16 * 2 ** 24 });
    const conf = backendConfiguration(b);
    expect(conf).toMatchObject({
      backend_name: 'simulator_statevector',
      n_qubits: 24,
      simulator: true,
      local: false,
      conditional: true,
      open_pulse: false,
      memory: true,
      coupling_map: null,
      gates: [],
      max_shots: b.maxShots,
      max_experiments: b.maxExperiments,
    });
    expect(conf.basis_gates).toEqual(expect.arrayContaining(['cx', 'rz', 'sx', 'x', 'ecr', 'rzz']));
    expect(conf.supported_instructions).toEqual(expect.arrayContaining(['measure', 'reset', 'delay', 'if_else', 'for_loop', 'cx']));
    expect(new Date(conf.online_date).toString()).not.toBe('Invalid Date');
    expect(JSON.parse(JSON.stringify(conf))).toEqual(conf);
  });

  it('gives properties, status and a list entry', () => {
    const b = listBackends()[0]!;
    expect(backendProperties(b, new Date('2025-02-03T04:05:06Z'))).toEqual({
      backend_name: b.name,
      backend_version: b.version,
      last_update_date: '2025-02-03T04:05:06.000Z',
      qubits: [],
      gates: [],
      general: [],
    });
    expect(backendStatus(b, 3)).toEqual({ state: true, status: 'active', message: '', length_queue: 3, backend_version: b.version });
    expect(backendSummary(b)).toMatchObject({ name: b.name, status: { name: 'online' }, is_simulator: true, qubits: b.numQubits, queue_length: 0 });
  });
});
