/**
 * Closed-loop HTTP load with autocannon, from this process.
 *
 * - Latencies are recorded here per 2xx response (sub-millisecond precision) rather than read from
 *   autocannon's histogram, which rounds to whole milliseconds.
 * - The server's CPU time (all threads, and its main thread alone) is read from /proc around every
 *   measured run, and so is the CPU used by everything else on the machine: a run that other
 *   processes disturbed is measured again (bounded) and, if still disturbed, flagged.
 * - {@link compareLoads} alternates the targets in short rounds, so that a disturbance hits both
 *   sides of a ratio alike instead of one of them.
 */
import autocannon, { type Options, type Result } from 'autocannon';
import { commandCpuBetween, machineCoresBetween, readCommandCpuSeconds, readCpu, readMachineCpu, type CpuSnapshot, type CpuUse } from './cpu.js';

export interface LoadSpec {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections: number;
  readonly warmupSeconds: number;
  /** Measured seconds in all (split over the rounds of {@link compareLoads}). */
  readonly durationSeconds: number;
  /** The server's process: its CPU use over the measured runs is reported. */
  readonly serverPid?: number;
  /** Measure a round again (at most this many times) while other work disturbs it; the quietest is kept. */
  readonly retriesIfNoisy?: number;
  /**
   * Command name of processes that work for the server (e.g. `postgres`): their CPU is reported
   * beside the server's instead of being counted as other work.
   */
  readonly companionCommand?: string;
}

export interface LoadResult {
  /** 2xx responses per second over the measured runs. */
  readonly okPerSecond: number;
  readonly ok: number;
  readonly non2xx: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly seconds: number;
  readonly statusCodes: Record<string, number>;
  /** The server's CPU use over the measured runs (Linux only). */
  readonly serverCpu: CpuUse | undefined;
  /** Server CPU time per 2xx response, all threads / main thread only, in microseconds. */
  readonly serverCpuUsPerOk: { total: number; main: number } | undefined;
  /** Cores kept busy by the load generator (this process). */
  readonly loadGeneratorCores: number;
  /** CPU of the companion processes ({@link LoadSpec.companionCommand}) per 2xx response, microseconds. */
  readonly companionCpuUsPerOk: number | undefined;
  readonly companionCommand: string | undefined;
  /**
   * Cores kept busy by everything else on the machine (other processes, kernel work not charged to
   * either side): much of it means the run was disturbed.
   */
  readonly otherCores: number | undefined;
}

/** Other work above this many cores during a run makes its figures suspect. */
export const NOISY_CORES = 0.15;

/**
 * Repeats of disturbed rounds left to this process: bursts of other work are sat out, but a machine
 * that stays busy cannot stretch a benchmark without bound.
 */
let repeatsLeft = 4;
export function setRepeatBudget(rounds: number): void {
  repeatsLeft = rounds;
}

interface Round {
  ok: number;
  non2xx: number;
  errors: number;
  latencies: Float64Array;
  /** autocannon's own duration: its counters run until it stops. */
  seconds: number;
  wallSeconds: number;
  serverCpu: { mainNs: number; totalNs: number } | undefined;
  selfCpuSeconds: number;
  companionCpuSeconds: number | undefined;
  machineCores: number | undefined;
  statusCodes: Record<string, number>;
}

const optionsOf = (spec: LoadSpec): Options => ({
  url: spec.url,
  method: spec.method ?? 'GET',
  headers: spec.headers ?? {},
  ...(spec.body !== undefined ? { body: spec.body } : {}),
  connections: spec.connections,
  pipelining: 1,
  timeout: 10,
});

function run(options: Options, onLatency?: (ms: number) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    if (onLatency) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) onLatency(responseTime);
      });
    }
  });
}

async function warmUp(spec: LoadSpec): Promise<void> {
  if (spec.warmupSeconds > 0) await run({ ...optionsOf(spec), duration: spec.warmupSeconds });
}

const delta = (before: CpuSnapshot | undefined, after: CpuSnapshot | undefined) =>
  before && after ? { mainNs: after.mainNs - before.mainNs, totalNs: after.totalNs - before.totalNs } : undefined;

async function measureRound(spec: LoadSpec, seconds: number): Promise<Round> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const cpuBefore = spec.serverPid !== undefined ? readCpu(spec.serverPid) : undefined;
  const selfBefore = process.cpuUsage();
  const machineBefore = readMachineCpu();
  const companionBefore = spec.companionCommand ? readCommandCpuSeconds(spec.companionCommand) : undefined;
  const wallBefore = performance.now();
  const result = await run({ ...optionsOf(spec), duration: seconds }, (ms) => {
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = ms;
  });
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const machineCores = machineCoresBetween(machineBefore, readMachineCpu(), wallSeconds);
  const self = process.cpuUsage(selfBefore);
  const companionCpuSeconds = companionBefore && spec.companionCommand ? commandCpuBetween(companionBefore, readCommandCpuSeconds(spec.companionCommand)) : undefined;
  const serverCpu = delta(cpuBefore, spec.serverPid !== undefined ? readCpu(spec.serverPid) : undefined);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count;
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latencies: latencies.subarray(0, count),
    seconds: result.duration > 0 ? result.duration : seconds,
    wallSeconds,
    serverCpu,
    selfCpuSeconds: (self.user + self.system) / 1e6,
    companionCpuSeconds,
    machineCores,
    statusCodes,
  };
}

/** Cores used by neither the server nor the load generator during a round. */
function otherCoresOf(round: Round): number | undefined {
  if (round.machineCores === undefined || !round.serverCpu) return undefined;
  const server = round.serverCpu.totalNs / 1e9 / round.wallSeconds;
  const companion = (round.companionCpuSeconds ?? 0) / round.wallSeconds;
  return Math.max(0, round.machineCores - server - companion - round.selfCpuSeconds / round.wallSeconds);
}

async function quietRound(spec: LoadSpec, seconds: number, log: (line: string) => void): Promise<Round> {
  let best = await measureRound(spec, seconds);
  for (let retry = 0; retry < (spec.retriesIfNoisy ?? 0) && repeatsLeft > 0 && (otherCoresOf(best) ?? 0) > NOISY_CORES; retry++) {
    repeatsLeft--;
    log(`  (other work used ${otherCoresOf(best)!.toFixed(2)} cores during a ${seconds} s run of ${spec.method ?? 'GET'} ${new URL(spec.url).pathname}: measuring it again)`);
    const again = await measureRound(spec, seconds);
    if ((otherCoresOf(again) ?? 0) < (otherCoresOf(best) ?? 0)) best = again;
  }
  return best;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarize(rounds: readonly Round[], companionCommand: string | undefined): LoadResult {
  const sum = (f: (r: Round) => number) => rounds.reduce((a, r) => a + f(r), 0);
  const ok = sum((r) => r.ok);
  const seconds = sum((r) => r.seconds);
  const wallSeconds = sum((r) => r.wallSeconds);
  const all = new Float64Array(sum((r) => r.latencies.length));
  let offset = 0;
  for (const r of rounds) {
    all.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  all.sort();
  const statusCodes: Record<string, number> = {};
  for (const r of rounds) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const haveCpu = rounds.every((r) => r.serverCpu !== undefined);
  const mainNs = sum((r) => r.serverCpu?.mainNs ?? 0);
  const totalNs = sum((r) => r.serverCpu?.totalNs ?? 0);
  const serverCpu = haveCpu && wallSeconds > 0 ? { mainCores: mainNs / 1e9 / wallSeconds, totalCores: totalNs / 1e9 / wallSeconds } : undefined;
  const others = rounds.map(otherCoresOf);
  return {
    okPerSecond: seconds > 0 ? ok / seconds : 0,
    ok,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    maxMs: all.length > 0 ? all[all.length - 1]! : Number.NaN,
    seconds,
    statusCodes,
    serverCpu,
    serverCpuUsPerOk: haveCpu && ok > 0 ? { total: totalNs / 1e3 / ok, main: mainNs / 1e3 / ok } : undefined,
    loadGeneratorCores: wallSeconds > 0 ? sum((r) => r.selfCpuSeconds) / wallSeconds : 0,
    companionCpuUsPerOk: companionCommand && ok > 0 ? (sum((r) => r.companionCpuSeconds ?? 0) * 1e6) / ok : undefined,
    companionCommand,
    // The worst round: one disturbed round is enough to doubt a figure.
    otherCores: others.every((o) => o !== undefined) ? Math.max(...(others as number[])) : undefined,
  };
}

const defaultLog = (line: string) => process.stdout.write(`${line}\n`);

/** One target: warm-up, then one measured run of `durationSeconds`. */
export async function measureLoad(spec: LoadSpec, log = defaultLog): Promise<LoadResult> {
  await warmUp(spec);
  return summarize([await quietRound(spec, spec.durationSeconds, log)], spec.companionCommand);
}

/**
 * Several targets measured side by side: each is warmed up, then they take turns in `rounds`
 * rounds (A B, B A, A B, ...), each round a share of its `durationSeconds`.
 */
export async function compareLoads(specs: readonly LoadSpec[], rounds: number, log = defaultLog): Promise<LoadResult[]> {
  for (const spec of specs) await warmUp(spec);
  const measured: Round[][] = specs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = specs.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) measured[i]!.push(await quietRound(specs[i]!, Math.max(1, Math.round(specs[i]!.durationSeconds / rounds)), log));
  }
  return measured.map((rounds, i) => summarize(rounds, specs[i]!.companionCommand));
}

/** Two lines: throughput and latency, then where the CPU went. */
export function describeLoad(result: LoadResult, unit = 'req/s'): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const cpu = result.serverCpu && result.serverCpuUsPerOk
    ? `server CPU ${result.serverCpu.totalCores.toFixed(2)} cores (main thread ${result.serverCpu.mainCores.toFixed(2)}), ` +
      `${n(result.serverCpuUsPerOk.total)} us/request (main thread ${n(result.serverCpuUsPerOk.main)} us); `
    : '';
  const companion = result.companionCpuUsPerOk !== undefined ? `${result.companionCommand ?? 'companion'} ${n(result.companionCpuUsPerOk)} us/request; ` : '';
  const other = result.otherCores !== undefined
    ? `; everything else ${result.otherCores.toFixed(2)} cores${result.otherCores > NOISY_CORES ? ' (NOISY: other work ran during this measurement)' : ''}`
    : '';
  return `${n(result.okPerSecond).padStart(7)} ${unit}  p50 ${ms(result.p50Ms)}  p99 ${ms(result.p99Ms)}  max ${ms(result.maxMs)}  ` +
    `(${n(result.ok)} ok in ${result.seconds.toFixed(1)} s, errors ${result.errors}, non-2xx ${result.non2xx})\n` +
    `${' '.repeat(23)}${cpu}${companion}load generator ${result.loadGeneratorCores.toFixed(2)} cores${other}`;
}
