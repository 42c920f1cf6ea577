/**
 * The Sampler primitive (SamplerV2 semantics): for each PUB `[circuit, parameter_values?, shots?]`
 * and each parameter binding, the classical registers of `shots` runs.
 */
import { InvalidPubError, throwIfCancelled } from '../errors.js';
import type { Circuit } from '../circuit/ir.js';
import { planCircuit } from '../circuit/plan.js';
import { explore } from '../engine/executor.js';
import { runnerFor } from '../engine/runners.js';
import { sampleIndices } from '../engine/statevector.js';
import { createStatevectorModel } from '../engine/statevector-model.js';
import { sampleStabilizerShots } from '../stabilizer/sampler.js';
import { createRng, type Rng } from '../random/rng.js';
import { binomial } from '../random/variates.js';
import { resolveBackend } from '../backends/registry.js';
import type { SimulatorBackend } from '../backends/backend.js';
import { coerceBindings } from './bindings.js';
import { shapeSize } from './ndarray.js';
import {
  bindingMap,
  checkCircuitFits,
  coerceCircuit,
  DEFAULT_ENGINE_OPTIONS,
  MAX_EXECUTIONS_PER_PUB,
  pubElements,
  resolveSeed,
  resolveShots,
  type EngineOptions,
} from './pubs.js';
import { bytesPerShot, type RegisterSamples, type SamplerPubResult, type SamplerResult } from './results.js';

export interface SamplerRequest {
  /** PUBs as received: `[circuit, parameter_values?, shots?]` or a bare circuit. */
  readonly pubs: readonly unknown[];
  /** Shots for PUBs that give none (the job's `shots` or `options.default_shots`); default 4096. */
  readonly shots?: number | null;
  /** Makes the run reproducible; a random seed is drawn (and reported) when absent. */
  readonly seed?: number | null;
  /** Backend name or object; default `simulator_statevector`. */
  readonly backend?: string | SimulatorBackend;
  /** Cancels the run between gates, branches and bindings. */
  readonly signal?: AbortSignal;
  readonly engine?: EngineOptions;
}

/** Samples every PUB. The request is plain data, so this can run in a worker thread as well. */
export async function runSampler(request: SamplerRequest): Promise<SamplerResult> {
  const backend = resolveBackend(request.backend);
  const seed = resolveSeed(request.seed);
  const engine = { ...DEFAULT_ENGINE_OPTIONS, ...request.engine };
  if (request.pubs.length > backend.maxExperiments) {
    throw new InvalidPubError('pubs', `at most ${backend.maxExperiments} PUBs per job, got ${request.pubs.length}`);
  }
  // Coerce every PUB first: a malformed last PUB must fail the job before any simulation.
  const pubs = request.pubs.map((pub, i) => {
    const path = `pubs[${i}]`;
    const [circuitValue, values, shots] = pubElements(pub, path, 3);
    const circuit = coerceCircuit(circuitValue, `${path}[0]`);
    checkCircuitFits(circuit, backend);
    const bindings = coerceBindings(values, circuit.parameters, `${path}[1]`);
    const resolved = resolveShots(shots, request.shots, backend.maxShots, `${path}[2]`);
    if (resolved * shapeSize(bindings.shape) > MAX_EXECUTIONS_PER_PUB) {
      throw new InvalidPubError(path, `${resolved} shots × ${shapeSize(bindings.shape)} parameter bindings exceed ${MAX_EXECUTIONS_PER_PUB} executions per PUB`);
    }
    return { circuit, bindings, shots: resolved };
  });

  const started = performance.now();
  const pubResults: SamplerPubResult[] = [];
  for (const [p, { circuit, bindings, shots }] of pubs.entries()) {
    const size = shapeSize(bindings.shape);
    const registers = circuit.registers.map((r) => ({ ...r, bytes: new Uint8Array(size * shots * bytesPerShot(r.size)) }));
    for (let b = 0; b < size; b++) {
      throwIfCancelled(request.signal);
      const params = bindingMap(bindings.parameters, bindings.values, b);
      const rng = createRng(seed, p, b);
      const rows =
        backend.method === 'stabilizer'
          ? await sampleStabilizerShots(circuit, params, shots, rng, request.signal)
          : await sampleStatevectorShots(circuit, params, shots, rng, backend, engine, request.signal);
      for (const reg of registers) packRegister(rows, circuit.numClbits, reg.offset, reg.size, reg.bytes, shots, b);
    }
    pubResults.push({
      shape: bindings.shape,
      shots,
      registers: registers.map((r): RegisterSamples => ({ name: r.name, numBits: r.size, bytes: r.bytes })),
      metadata: { shots, circuit_metadata: {} },
    });
  }
  return {
    pubResults,
    metadata: {
      version: 2,
      simulator: { backend: backend.name, method: backend.method, seed, duration_seconds: (performance.now() - started) / 1000 },
    },
  };
}

/**
 * The classical bits of `shots` runs of one bound circuit: a Uint8Array of shots × numClbits, one
 * 0/1 byte per bit.
 */
async function sampleStatevectorShots(
  circuit: Circuit,
  params: ReadonlyMap<string, number>,
  shots: number,
  rng: Rng,
  backend: SimulatorBackend,
  engine: Required<EngineOptions>,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const plan = planCircuit(circuit, params, { maxQubits: engine.fusionMaxQubits });
  const runner = await runnerFor(plan.numQubits, engine.parallelFromQubits);
  const width = plan.numClbits;
  const rows = new Uint8Array(shots * width);
  let filled = 0;
  let leaves = 0;
  const model = createStatevectorModel({
    numQubits: plan.numQubits,
    runner,
    memoryBudgetBytes: backend.memoryBudgetBytes,
    signal,
    blockQubits: engine.cacheBlockQubits,
  });
  await explore({
    plan,
    model,
    budget: shots,
    split: (p1, n: number) => {
      const ones = binomial(rng, n, p1);
      return [n - ones > 0 ? n - ones : null, ones > 0 ? ones : null];
    },
    onLeaf: (state, n, clbits) => {
      leaves++;
      const terminal = plan.terminalMeasures;
      const indices = terminal.length > 0 ? sampleIndices(state, n, rng) : null;
      // Rows start zeroed: copying the branch's bits is only needed when some are set.
      const copyBits = clbits.some((b) => b !== 0);
      for (let k = 0; k < n; k++, filled++) {
        const at = filled * width;
        if (copyBits) rows.set(clbits, at);
        if (indices) for (const m of terminal) rows[at + m.clbit] = (indices[k]! >>> m.qubit) & 1;
      }
    },
    signal,
  });
  // Branches fill the rows one after another; shuffle so shot order carries no information.
  return leaves > 1 ? shuffleRows(rows, width, shots, rng) : rows;
}

function shuffleRows(rows: Uint8Array, width: number, shots: number, rng: Rng): Uint8Array {
  const order = new Uint32Array(shots);
  for (let i = 0; i < shots; i++) order[i] = i;
  for (let i = shots - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < shots; i++) out.set(rows.subarray(order[i]! * width, (order[i]! + 1) * width), i * width);
  return out;
}

/** Packs one register's bits of every shot into BitArray layout at binding `b`. */
function packRegister(rows: Uint8Array, width: number, offset: number, size: number, bytes: Uint8Array, shots: number, b: number): void {
  const nb = bytesPerShot(size);
  const base = b * shots * nb;
  for (let s = 0; s < shots; s++) {
    const row = s * width + offset;
    const last = base + s * nb + nb - 1;
    for (let k = 0; k < size; k++) {
      if (rows[row + k] !== 0) bytes[last - (k >> 3)] = bytes[last - (k >> 3)]! | (1 << (k & 7));
    }
  }
}
