/**
 * Authorization benchmark: qgate's decision index at three scales (1k users / 100 groups / 500
 * instances / 3k grants, then ×10 and ×100), and side by side with npm `casbin` and
 * `@cedar-policy/cedar-wasm` at 10k users, on the same grants and the same questions, with every
 * peer answer checked against qgate's (and, at 1k users where the peers are faster, many more).
 *
 *   npm run bench -- authz          (or: node --conditions=qgate-source --import tsx bench/authz.bench.ts;
 *                                    without the condition, `#src` resolves to the last build in dist/)
 *
 * How it measures: checks run in-process on one thread. Questions are kept compact and each check
 * builds its request object, as the authorizer does (bench/lib/authz-questions.ts). The machine may
 * be shared, so a check's cost is taken from CPU time (getrusage), which leaves out time other
 * processes take from the core: per check = CPU time of a batch of 10,000 checks / 10,000 (a timer
 * around each sub-microsecond call would cost more than the call). p50/p99 are over those batches;
 * throughput is checks per CPU-second, median over rounds; wall-clock figures are printed beside
 * them. Peers are slow enough to time call by call, the same way. Memory is the growth of the heap
 * plus typed-array memory (outside the heap) from building the index (after full collections,
 * inputs dropped) divided by grants + memberships.
 *
 * Two question streams per scale: uniform (anyone in any account about any instance; the goals are
 * judged on it, and at the largest scale nearly every check misses the CPU caches) and skewed
 * (accounts and people drawn from a Zipf distribution, closer to real traffic), printed beside it,
 * as is the uniform stream with each question asked 1,000 times in a row (warm: everything the
 * check reads is in the CPU caches, so the gap to the uniform figure is waiting for memory) and with
 * each question's request strings read during the check before it (a server's request strings were
 * just parsed and are in cache; the benchmark's come from tables of 150,000 and are not).
 *
 * Environment: BENCH_AUTHZ_QUERIES (200000 distinct questions per scale), BENCH_AUTHZ_ROUNDS (9),
 * BENCH_AUTHZ_SCALES (`1k,10k,100k`), BENCH_AUTHZ_PEER_SECONDS (10: time budget per peer),
 * BENCH_STRICT=1 (exit 1 when a goal is missed).
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createDecisionIndex, type DecisionIndex } from '#src/authz/engine/index.js';
import { makeDataset, SCALES, type Scale } from './lib/authz-data.js';
import { loadCasbin, loadCedar, type PeerEngine, type PeerLoad } from './lib/authz-peers.js';
import { packQuestions, unpackQuestions, type Questions } from './lib/authz-questions.js';
import { envNumber } from './lib/env.js';
import { formatGoals, formatTable, perSecond, type Goal } from './lib/table.js';

const QUERIES = envNumber('BENCH_AUTHZ_QUERIES', 200_000, 10_000, 2_000_000);
const ROUNDS = envNumber('BENCH_AUTHZ_ROUNDS', 9, 3, 50);
const PEER_SECONDS = envNumber('BENCH_AUTHZ_PEER_SECONDS', 10, 1, 120);
const STRICT = process.env.BENCH_STRICT === '1';
const WANTED = (process.env.BENCH_AUTHZ_SCALES ?? '1k,10k,100k').split(',').map((s) => s.trim());
const PEER_SCALE = '10k users';
/** Where the peers' answers are also checked on many more questions (they are faster on less data). */
const CROSS_CHECK_SCALE = '1k users';
const BATCH = 10_000;

const GOALS = {
  p50Ns: 1_000,
  checksPerSecond: 500_000,
  scaleRatio: 2,
  bytesPerEntry: 300,
  largestHeapBytes: 150e6,
  casbinRatio: 10_000,
  cedarRatio: 100,
};

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const collect = () => {
  gc();
  gc();
};

const out = (line = '') => process.stdout.write(`${line}\n`);
const us = (ns: number) => `${(ns / 1000).toFixed(ns < 10_000 ? 3 : 1)} µs`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const percentile = (values: readonly number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

interface QgateResult extends Timing {
  /** The same measurement on the skewed question stream. */
  readonly skewed: Timing;
  /** The uniform questions, each asked 1,000 times in a row: what a check costs when its memory is in the CPU caches. */
  readonly warm: Timing;
  /** p50 of the uniform questions with each one's request strings in cache (see measureStringsAhead). */
  readonly stringsAheadP50Ns: number;
  readonly scale: Scale;
  readonly grants: number;
  readonly memberships: number;
  readonly buildSeconds: number;
  readonly indexBytes: number;
  readonly permitted: number;
}

interface PeerResult extends Timing {
  readonly name: string;
  readonly version: string;
  readonly buildSeconds: number;
  readonly checks: number;
  readonly agree: number;
  readonly disagreements: readonly string[];
}

const NOW = new Date('2025-03-03T10:00:00Z');

/** CPU time this process has used, in nanoseconds (getrusage: microsecond resolution, every thread). */
function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

interface Timing {
  /** Per check, from the CPU time of each batch: what a check costs on a core. */
  readonly p50Ns: number;
  readonly p99Ns: number;
  /** Checks per CPU-second (median over rounds). */
  readonly perCpuSecond: number;
  /** Per check and per wall-clock second, which also count time other processes took from this core. */
  readonly wallP50Ns: number;
  readonly perSecond: number;
}

function measureQgate(index: DecisionIndex, queries: Questions): Timing & { readonly permitted: number } {
  let permitted = 0;
  for (let w = 0; w < 2; w++) for (let i = 0; i < queries.length; i++) index.decide(queries.at(i));
  const cpuBatches: number[] = [];
  const wallBatches: number[] = [];
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    permitted = 0;
    let roundCpu = 0;
    const roundStart = process.hrtime.bigint();
    for (let b = 0; b < queries.length; b += BATCH) {
      const end = Math.min(queries.length, b + BATCH);
      const c0 = cpuNs();
      const t0 = process.hrtime.bigint();
      for (let i = b; i < end; i++) if (index.decide(queries.at(i)).permitted) permitted += 1;
      const wall = Number(process.hrtime.bigint() - t0);
      const cpu = cpuNs() - c0;
      roundCpu += cpu;
      wallBatches.push(wall / (end - b));
      cpuBatches.push(cpu / (end - b));
    }
    wallRates.push(queries.length / (Number(process.hrtime.bigint() - roundStart) / 1e9));
    cpuRates.push(queries.length / (roundCpu / 1e9));
  }
  return {
    p50Ns: percentile(cpuBatches, 50),
    p99Ns: percentile(cpuBatches, 99),
    perCpuSecond: median(cpuRates),
    wallP50Ns: percentile(wallBatches, 50),
    perSecond: median(wallRates),
    permitted: permitted / queries.length,
  };
}

/**
 * The uniform questions again, each question's request strings read while the check before it runs,
 * so they are in cache when its own check starts, as a server's request strings (just parsed from
 * the token and the URL) are. Not judged against a goal: it shows how much of the uniform figure is
 * the benchmark's own question tables.
 */
function measureStringsAhead(index: DecisionIndex, queries: Questions): number {
  const cpuBatches: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (let b = 0; b < queries.length; b += BATCH) {
      const end = Math.min(queries.length, b + BATCH);
      const c0 = cpuNs();
      let q = queries.at(b);
      for (let i = b; i < end; i++) {
        const next = queries.at(i + 1 < queries.length ? i + 1 : i);
        sink += next.subject.iamId.charCodeAt(0) + (next.resource.serviceInstance?.charCodeAt(0) ?? 0);
        if (index.decide(q).permitted) sink += 1;
        q = next;
      }
      cpuBatches.push((cpuNs() - c0) / (end - b));
    }
  }
  if (sink === -1) out('');
  return percentile(cpuBatches, 50);
}

/** Builds the index from a fresh dataset; the dataset dies with this frame (a live frame would keep it reachable). */
function build(scale: Scale): { index: DecisionIndex; uniform: string; skewed: string; grants: number; memberships: number; buildSeconds: number } {
  const ds = makeDataset(scale, QUERIES);
  const started = performance.now();
  const index = createDecisionIndex();
  const report = index.load({ policies: ds.policies, roles: ds.customRoles, memberships: ds.memberships });
  const buildSeconds = (performance.now() - started) / 1000;
  if (report.skipped.length > 0) throw new Error(`${report.skipped.length} policies were refused: ${JSON.stringify(report.skipped[0])}`);
  return { index, uniform: packQuestions(ds.queries), skewed: packQuestions(ds.skewedQueries), grants: ds.grants.length, memberships: ds.memberships.length, buildSeconds };
}

/** The JavaScript heap plus typed-array memory, which lives outside it (the index packs its check tables there). */
function heapAndBuffers(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function runScale(scale: Scale): { result: QgateResult; index: DecisionIndex; queries: Questions } {
  collect();
  const before = heapAndBuffers();
  const built = build(scale);
  collect();
  // The question texts are the only other things alive: one-byte strings of `length` bytes.
  const indexBytes = heapAndBuffers() - before - built.uniform.length - built.skewed.length;
  const { index, grants, memberships, buildSeconds } = built;
  const uniform = unpackQuestions(built.uniform, NOW);
  const m = measureQgate(index, uniform);
  const skewed = measureQgate(index, unpackQuestions(built.skewed, NOW));
  const warm = measureQgate(index, { length: uniform.length, at: (i) => uniform.at(Math.floor(i / 1000)) });
  const stringsAheadP50Ns = measureStringsAhead(index, uniform);
  return { result: { scale, grants, memberships, buildSeconds, indexBytes, ...m, skewed, warm, stringsAheadP50Ns }, index, queries: uniform };
}

function measurePeer(engine: PeerEngine, queries: Questions, expected: readonly boolean[], seconds = PEER_SECONDS): PeerResult {
  // A few warm-up calls (JIT, wasm), not counted.
  for (let i = 0; i < Math.min(5, queries.length); i++) engine.check(queries.at(i));
  const cpuTimes: number[] = [];
  const wallTimes: number[] = [];
  const disagreements: string[] = [];
  let agree = 0;
  const budgetNs = seconds * 1e9;
  const start = process.hrtime.bigint();
  let checks = 0;
  for (let i = 0; i < queries.length; i++) {
    const c0 = cpuNs();
    const t0 = process.hrtime.bigint();
    const question = queries.at(i);
    const answer = engine.check(question);
    const t1 = process.hrtime.bigint();
    cpuTimes.push(cpuNs() - c0);
    wallTimes.push(Number(t1 - t0));
    checks += 1;
    if (answer === expected[i]) agree += 1;
    else if (disagreements.length < 5) disagreements.push(`${JSON.stringify({ ...question, now: undefined })}: ${engine.name} ${answer}, qgate ${expected[i]}`);
    if (Number(t1 - start) >= budgetNs && checks >= 20) break;
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    name: engine.name,
    version: engine.version,
    buildSeconds: engine.buildSeconds,
    checks,
    p50Ns: percentile(cpuTimes, 50),
    p99Ns: percentile(cpuTimes, 99),
    perCpuSecond: checks / (sum(cpuTimes) / 1e9),
    wallP50Ns: percentile(wallTimes, 50),
    perSecond: checks / (sum(wallTimes) / 1e9),
    agree,
    disagreements,
  };
}

// ---------------------------------------------------------------------------------------------

out(`authz bench: node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
out(`${QUERIES.toLocaleString('en-US')} distinct questions per scale (half aimed at instances the person has some access to), ${ROUNDS} rounds, batches of ${BATCH}`);

// Compile the build and check paths once on a small index, so JIT code is not counted as index memory.
{
  const warm = makeDataset(SCALES[0]!, 10_000);
  const index = createDecisionIndex();
  index.load({ policies: warm.policies, roles: warm.customRoles, memberships: warm.memberships });
  for (const q of warm.queries) index.decide(q);
}

const scales = SCALES.filter((s) => WANTED.some((w) => s.name.startsWith(w)));
const results: QgateResult[] = [];
const peers: (PeerResult | { name: string; reason: string })[] = [];
let qgateAtPeerScale: QgateResult | undefined;
const crossChecks: { name: string; agree: number; checks: number; permitted: number }[] = [];

for (const scale of scales) {
  out(`\n— qgate at ${scale.name}: building…`);
  let { result, index, queries } = runScale(scale);
  results.push(result);
  out(
    `  ${result.grants.toLocaleString('en-US')} grants, ${result.memberships.toLocaleString('en-US')} memberships, built in ${result.buildSeconds.toFixed(2)} s; ` +
      `index ${mb(result.indexBytes)} (${Math.round(result.indexBytes / (result.grants + result.memberships))} B per grant+membership); ` +
      `p50 ${us(result.p50Ns)}, p99 ${us(result.p99Ns)}, ${perSecond(result.perCpuSecond)} per CPU-second (wall clock: p50 ${us(result.wallP50Ns)}, ${perSecond(result.perSecond)}); ${(result.permitted * 100).toFixed(1)}% permitted; ` +
      `skewed questions: p50 ${us(result.skewed.p50Ns)}, ${perSecond(result.skewed.perCpuSecond)}; warm (each question 1,000 times in a row): p50 ${us(result.warm.p50Ns)}; ` +
      `request strings in cache: p50 ${us(result.stringsAheadP50Ns)}`,
  );

  if (scale.name === CROSS_CHECK_SCALE) {
    out(`— casbin and cedar at ${scale.name}: the same answers? (checked on as many questions as ${PEER_SECONDS / 2} s each allow)`);
    const ds = makeDataset(scale, QUERIES);
    const expected = Array.from({ length: queries.length }, (_, i) => index.decide(queries.at(i)).permitted);
    for (const load of [loadCasbin, loadCedar]) {
      const loaded: PeerLoad = await load(ds);
      if (!loaded.ok) continue;
      const check = measurePeer(loaded.engine, queries, expected, PEER_SECONDS / 2);
      crossChecks.push({ name: check.name, agree: check.agree, checks: check.checks, permitted: expected.slice(0, check.checks).filter(Boolean).length });
      out(`  ${check.name} answers the same questions on the same grants: ${check.agree}/${check.checks} agree with qgate (${crossChecks.at(-1)!.permitted} of them permitted)`);
      for (const d of check.disagreements) out(`    disagreement: ${d}`);
    }
  }

  if (scale.name === PEER_SCALE) {
    qgateAtPeerScale = result;
    // The same data again (same seed), in the form the peers load; qgate's answers are the reference.
    const ds = makeDataset(scale, QUERIES);
    const expected = Array.from({ length: queries.length }, (_, i) => index.decide(queries.at(i)).permitted);
    for (const load of [loadCasbin, loadCedar]) {
      out(`— ${load === loadCasbin ? 'casbin' : 'cedar'} at ${scale.name}: loading…`);
      const loaded: PeerLoad = await load(ds);
      if (!loaded.ok) {
        out(`  ${loaded.name}: ${loaded.reason}`);
        peers.push({ name: loaded.name, reason: loaded.reason });
        continue;
      }
      const peer = measurePeer(loaded.engine, queries, expected);
      peers.push(peer);
      out(
        `  ${peer.name} ${peer.version}: loaded in ${peer.buildSeconds.toFixed(1)} s; ${peer.checks.toLocaleString('en-US')} checks in the ${PEER_SECONDS} s budget; ` +
          `p50 ${us(peer.p50Ns)}, p99 ${us(peer.p99Ns)}, ${perSecond(peer.perCpuSecond)} per CPU-second (wall clock ${perSecond(peer.perSecond)}); answers agree with qgate ${peer.agree}/${peer.checks}`,
      );
      for (const d of peer.disagreements) out(`    disagreement: ${d}`);
    }
  }
  // Let this scale's index go before the next is built.
  index = undefined as unknown as DecisionIndex;
  queries = undefined as unknown as Questions;
}

// ---------------------------------------------------------------------------------------------

out('\nqgate decision index, uniform questions (per check: CPU time; checks/s: per CPU-second; wall clock beside; then skewed questions, each question asked 1,000 times in a row, and request strings in cache)');
out(
  formatTable(
    ['scale', 'grants', 'memberships', 'build', 'index memory', 'B/entry', 'p50', 'p99', 'checks/s', 'wall p50', 'wall checks/s', 'permitted', 'skewed p50', 'skewed checks/s', 'warm p50', 'strings in cache p50'],
    results.map((r) => [
      r.scale.name,
      r.grants.toLocaleString('en-US'),
      r.memberships.toLocaleString('en-US'),
      `${r.buildSeconds.toFixed(2)} s`,
      mb(r.indexBytes),
      String(Math.round(r.indexBytes / (r.grants + r.memberships))),
      us(r.p50Ns),
      us(r.p99Ns),
      perSecond(r.perCpuSecond),
      us(r.wallP50Ns),
      perSecond(r.perSecond),
      `${(r.permitted * 100).toFixed(1)}%`,
      us(r.skewed.p50Ns),
      perSecond(r.skewed.perCpuSecond),
      us(r.warm.p50Ns),
      us(r.stringsAheadP50Ns),
    ]),
  ),
);

if (peers.length > 0 && qgateAtPeerScale) {
  const q = qgateAtPeerScale;
  out(`\nside by side at ${PEER_SCALE} (same grants, same questions; checks/s per CPU-second)`);
  out(
    formatTable(
      ['engine', 'load', 'checks', 'p50', 'p99', 'checks/s', 'wall checks/s', 'qgate is', 'answers agree'],
      [
        ['qgate', `${q.buildSeconds.toFixed(2)} s`, (QUERIES * ROUNDS).toLocaleString('en-US'), us(q.p50Ns), us(q.p99Ns), perSecond(q.perCpuSecond), perSecond(q.perSecond), '—', '—'],
        ...peers.map((p) =>
          'reason' in p
            ? [p.name, 'not run', '', '', '', '', '', '', p.reason]
            : [
                `${p.name} ${p.version}`,
                `${p.buildSeconds.toFixed(1)} s`,
                p.checks.toLocaleString('en-US'),
                us(p.p50Ns),
                us(p.p99Ns),
                perSecond(p.perCpuSecond),
                perSecond(p.perSecond),
                `${Math.round(q.perCpuSecond / p.perCpuSecond).toLocaleString('en-US')}× faster`,
                `${p.agree}/${p.checks}`,
              ],
        ),
      ],
    ),
  );
}

const goals: Goal[] = [];
for (const r of results) {
  goals.push({ figure: `p50 per check, ${r.scale.name}`, goal: `≤ ${us(GOALS.p50Ns)}`, measured: us(r.p50Ns), pass: r.p50Ns <= GOALS.p50Ns });
  goals.push({ figure: `checks per CPU-second, ${r.scale.name}`, goal: `≥ ${perSecond(GOALS.checksPerSecond)}`, measured: perSecond(r.perCpuSecond), pass: r.perCpuSecond >= GOALS.checksPerSecond });
  const perEntry = r.indexBytes / (r.grants + r.memberships);
  goals.push({ figure: `index bytes per grant+membership, ${r.scale.name}`, goal: `≤ ${GOALS.bytesPerEntry}`, measured: String(Math.round(perEntry)), pass: perEntry <= GOALS.bytesPerEntry });
}
if (results.length >= 2) {
  const small = results[0]!;
  const large = results[results.length - 1]!;
  const ratio = large.p50Ns / small.p50Ns;
  goals.push({ figure: `p50 ${large.scale.name} / ${small.scale.name}`, goal: `≤ ${GOALS.scaleRatio}×`, measured: `${ratio.toFixed(2)}×`, pass: ratio <= GOALS.scaleRatio });
  goals.push({ figure: `index memory at ${large.scale.name}`, goal: `< ${mb(GOALS.largestHeapBytes)}`, measured: mb(large.indexBytes), pass: large.indexBytes < GOALS.largestHeapBytes });
}
for (const p of peers) {
  const target = p.name === 'casbin' ? GOALS.casbinRatio : GOALS.cedarRatio;
  if ('reason' in p) {
    goals.push({ figure: `qgate ÷ ${p.name} checks per CPU-second at ${PEER_SCALE}`, goal: `≥ ${target.toLocaleString('en-US')}×`, measured: 'peer not installed', pass: undefined });
    continue;
  }
  const ratio = qgateAtPeerScale!.perCpuSecond / p.perCpuSecond;
  goals.push({ figure: `qgate ÷ ${p.name} checks per CPU-second at ${PEER_SCALE}`, goal: `≥ ${target.toLocaleString('en-US')}×`, measured: `${Math.round(ratio).toLocaleString('en-US')}×`, pass: ratio >= target });
  const extra = crossChecks.filter((c) => c.name === p.name);
  const agree = p.agree + extra.reduce((n, c) => n + c.agree, 0);
  const checks = p.checks + extra.reduce((n, c) => n + c.checks, 0);
  goals.push({ figure: `${p.name} answers equal qgate's (${[CROSS_CHECK_SCALE, PEER_SCALE].join(' + ')})`, goal: 'all', measured: `${agree}/${checks}`, pass: agree === checks });
}

out('\ngoals');
out(formatGoals(goals));
out(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on this machine skews every figure; medians over ${ROUNDS} rounds)`);
const failed = goals.filter((g) => g.pass === false);
if (failed.length > 0) out(`${failed.length} goal(s) missed${STRICT ? '' : ' (BENCH_STRICT=1 makes this an error)'}`);
process.exitCode = STRICT && failed.length > 0 ? 1 : 0;
