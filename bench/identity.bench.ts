/**
 * Identity benchmarks: token issuance against npm `oidc-provider`, an authenticated read against a
 * bare `node:http` server, and qgate's resident memory; on SQLite and, when one answers, PostgreSQL.
 *
 * Every server runs in its own process on 127.0.0.1; autocannon drives all of them from this
 * process with the same connections, warm-up and duration, one server under load at a time. The two
 * sides of each ratio take turns in rounds, so that other work on the machine hits both alike.
 *
 *   npm run bench -- identity
 *
 * Environment (defaults in brackets):
 *   BENCH_CONNECTIONS [32], BENCH_WARMUP [2 s], BENCH_DURATION [10 s measured per server and load],
 *   BENCH_ROUNDS [2 turns per side], BENCH_RETRIES [1 repeat of a round other processes disturbed],
 *   BENCH_REPEAT_BUDGET [4 such repeats in the whole run at most],
 *   BENCH_PG_URL [postgres://postgres@127.0.0.1:5432/postgres; `off` skips PostgreSQL],
 *   BENCH_STRICT=1 [exit 1 when a goal is missed],
 *   BENCH_QGATE_NODE_ARGS [extra Node flags for qgate, e.g. `--cpu-prof --cpu-prof-dir=/tmp/qgate-prof`].
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startChildServer, type ChildServer } from './lib/child-server.js';
import { checkRs256Jwt } from './lib/jwt-check.js';
import { compareLoads, describeLoad, NOISY_CORES, setRepeatBudget, type LoadResult, type LoadSpec } from './lib/load.js';
import { createTempDatabase, DEFAULT_ADMIN_URL } from './lib/postgres.js';
import { megabytes, readRss, sampleRss } from './lib/rss.js';
import { envNumber } from './lib/env.js';
import { formatGoals, formatTable, perSecond, ratio, type Goal } from './lib/table.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = ['--import', 'tsx'];

const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 32, 1, 1000);
const WARMUP_S = envNumber('BENCH_WARMUP', 2, 0, 60);
const DURATION_S = envNumber('BENCH_DURATION', 10, 1, 60);
const PG_URL = process.env.BENCH_PG_URL ?? DEFAULT_ADMIN_URL;
const STRICT = process.env.BENCH_STRICT === '1';
const RETRIES = envNumber('BENCH_RETRIES', 1, 0, 3);
setRepeatBudget(envNumber('BENCH_REPEAT_BUDGET', 4, 0, 20));
const ROUNDS = envNumber('BENCH_ROUNDS', 2, 1, 10);
/** Extra Node flags for the qgate processes only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const QGATE_NODE_ARGS = (process.env.BENCH_QGATE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

const GOALS = {
  tokenRatio: 1.5,
  getShare: 0.25,
  getP99Ms: 10,
  idleRssBytes: 150e6,
  peakRssBytes: 300e6,
};

const ADMIN_APIKEY = `bench-${crypto.randomBytes(24).toString('base64url')}`;
const PEER_CLIENT_ID = 'bench-client';
const PEER_CLIENT_SECRET = crypto.randomBytes(32).toString('base64url');

/** The shared load settings for one target served by `server`. */
const spec = (request: { url: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, server: ChildServer, companionCommand?: string): LoadSpec => ({
  ...request, connections: CONNECTIONS, warmupSeconds: WARMUP_S, durationSeconds: DURATION_S, serverPid: server.pid, retriesIfNoisy: RETRIES,
  ...(companionCommand ? { companionCommand } : {}),
});

const say = (line = '') => process.stdout.write(`${line}\n`);

/** The apikey grant exactly as IBM's SDKs send it. */
const qgateTokenRequest = (origin: string) => ({
  url: `${origin}/identity/token`,
  method: 'POST' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  body: `grant_type=${encodeURIComponent('urn:ibm:params:oauth:grant-type:apikey')}&apikey=${encodeURIComponent(ADMIN_APIKEY)}&response_type=cloud_iam`,
});

const peerTokenRequest = (origin: string) => ({
  url: `${origin}/token`,
  method: 'POST' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  body: `grant_type=client_credentials&client_id=${encodeURIComponent(PEER_CLIENT_ID)}&client_secret=${encodeURIComponent(PEER_CLIENT_SECRET)}`,
});

async function requestJson(url: string, init: RequestInit): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // reported through status and text below
  }
  return { status: res.status, text, json };
}

async function startQgate(label: string, databaseUrl?: string): Promise<{ server: ChildServer; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-bench-'));
  const port = await freePort();
  const env: Record<string, string> = {
    QGATE_HOST: '127.0.0.1',
    QGATE_PORT: String(port),
    QGATE_DATA_DIR: dataDir,
    QGATE_LOG_LEVEL: 'warn',
    QGATE_ADMIN_APIKEY: ADMIN_APIKEY,
    QGATE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    QGATE_DATABASE_URL: databaseUrl ?? '',
  };
  let server: ChildServer;
  try {
    server = await startChildServer({ name: `qgate (${label})`, args: [...QGATE_NODE_ARGS, 'dist/main.js'], cwd: ROOT, env, port, startTimeoutMs: 60_000 });
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    server,
    async close() {
      const code = await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`${server.name} exited with code ${String(code)}:\n${server.output()}`);
    },
  };
}

interface StoreFigures {
  store: string;
  idleRss: number | undefined;
  peakRss: number | undefined;
  tokens: LoadResult;
  peerTokens: LoadResult;
  get: LoadResult;
  bareGet: LoadResult;
}

interface Peer {
  server: ChildServer;
  request: ReturnType<typeof peerTokenRequest>;
}

async function startPeer(): Promise<Peer> {
  const port = await freePort();
  const server = await startChildServer({
    name: 'oidc-provider',
    args: [...TSX, 'bench/lib/oidc-peer.ts'],
    cwd: ROOT,
    env: { PORT: String(port), CLIENT_ID: PEER_CLIENT_ID, CLIENT_SECRET: PEER_CLIENT_SECRET, NODE_ENV: 'production' },
    port,
  });
  const request = peerTokenRequest(server.origin);
  const first = await requestJson(request.url, { method: 'POST', headers: request.headers, body: request.body });
  if (first.status !== 200) {
    await server.stop();
    throw new Error(`peer POST /token answered ${first.status}: ${first.text}`);
  }
  const jwt = await checkRs256Jwt(first.json.access_token, `${server.origin}/jwks`);
  say(`peer: oidc-provider 9, client_credentials grant (client_secret_post), pid ${server.pid}`);
  say(`  token check: RS256 JWT (typ ${String(jwt.header.typ)}, kid ${String(jwt.header.kid)}), ${jwt.bytes} bytes, signature verified with /jwks`);
  return { server, request };
}

/**
 * One store: checks qgate's token and finds the admin's key, then measures the token grant beside
 * the peer and the authenticated GET beside a bare node:http server answering the same bytes.
 */
async function benchStore(label: string, databaseUrl: string | undefined, peer: Peer): Promise<StoreFigures> {
  say(`\n## qgate on ${label}`);
  const { server, close } = await startQgate(label, databaseUrl);
  let bare: ChildServer | undefined;
  try {
    await sleep(1000);
    const idleRss = readRss(server.pid);
    say(`idle RSS after start-up: ${megabytes(idleRss)} (pid ${server.pid})`);

    const tokenRequest = qgateTokenRequest(server.origin);
    const first = await requestJson(tokenRequest.url, { method: 'POST', headers: tokenRequest.headers, body: tokenRequest.body });
    if (first.status !== 200) throw new Error(`POST /identity/token answered ${first.status}: ${first.text}`);
    const jwt = await checkRs256Jwt(first.json.access_token, `${server.origin}/identity/keys`);
    say(`token check: RS256 JWT (kid ${String(jwt.header.kid)}), ${jwt.bytes} bytes, signature verified with /identity/keys`);
    const auth = { authorization: `Bearer ${String(first.json.access_token)}`, accept: 'application/json' };

    const list = await requestJson(`${server.origin}/v1/apikeys`, { headers: auth });
    const keys = (list.json.apikeys ?? []) as { id: string }[];
    if (list.status !== 200 || keys.length === 0) throw new Error(`GET /v1/apikeys answered ${list.status}: ${list.text}`);
    const keyId = keys[0]!.id;
    const getUrl = `${server.origin}/v1/apikeys/${encodeURIComponent(keyId)}`;
    const one = await requestJson(getUrl, { headers: auth });
    if (one.status !== 200 || one.json.id !== keyId) throw new Error(`GET /v1/apikeys/{id} answered ${one.status}: ${one.text}`);
    say(`GET check: /v1/apikeys/${keyId} -> 200, ${Buffer.byteLength(one.text)} bytes`);

    say(`token grant: qgate and the peer take turns, ${ROUNDS} rounds each`);
    const sampler = sampleRss(server.pid, 100);
    // On PostgreSQL, the database server's CPU is qgate's work too: it is reported, not counted as noise.
    const companion = databaseUrl ? 'postgres' : undefined;
    const [tokens, peerTokens] = await compareLoads([spec(tokenRequest, server, companion), spec(peer.request, peer.server)], ROUNDS);
    const { peakBytes, samples } = sampler.stop();
    say(`  qgate POST /identity/token  ${describeLoad(tokens!, 'tokens/s')}`);
    say(`  peer  POST /token           ${describeLoad(peerTokens!, 'tokens/s')}`);
    say(`  ratio ${ratio(tokens!.okPerSecond, peerTokens!.okPerSecond)}; peak qgate RSS during the token load ${megabytes(peakBytes)} (${samples} samples every 100 ms)`);

    const barePort = await freePort();
    bare = await startChildServer({ name: 'bare node:http', args: [...TSX, 'bench/lib/bare-server.ts'], cwd: ROOT, env: { PORT: String(barePort), BODY: one.text }, port: barePort });
    say(`authenticated GET: qgate and a bare node:http server answering the same ${Buffer.byteLength(one.text)} bytes take turns, ${ROUNDS} rounds each`);
    const bareRequest = { url: `${bare.origin}/v1/apikeys/${encodeURIComponent(keyId)}`, method: 'GET' as const, headers: auth };
    const [get, bareGet] = await compareLoads([spec({ url: getUrl, method: 'GET', headers: auth }, server, companion), spec(bareRequest, bare)], ROUNDS);
    say(`  qgate GET /v1/apikeys/{id}  ${describeLoad(get!)}`);
    say(`  bare  GET (constant JSON)   ${describeLoad(bareGet!)}`);
    say(`  ratio ${ratio(get!.okPerSecond, bareGet!.okPerSecond)}; qgate RSS after both loads ${megabytes(readRss(server.pid))}`);
    return { store: label, idleRss, peakRss: peakBytes, tokens: tokens!, peerTokens: peerTokens!, get: get!, bareGet: bareGet! };
  } finally {
    await bare?.stop();
    await close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  say(`identity benchmarks: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}, ` +
    `${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s measured per server and load, all on 127.0.0.1`);

  const peer = await startPeer();
  const runs: StoreFigures[] = [];
  let pgNote = '';
  try {
    runs.push(await benchStore('SQLite', undefined, peer));
    if (PG_URL === 'off') pgNote = 'skipped (BENCH_PG_URL=off)';
    else {
      const temp = await createTempDatabase(PG_URL);
      if ('unavailable' in temp) pgNote = `skipped: ${temp.unavailable}`;
      else {
        try {
          runs.push(await benchStore(`PostgreSQL (database ${new URL(temp.url).pathname.slice(1)}, dropped afterwards)`, temp.url, peer));
        } finally {
          await temp.drop();
        }
      }
    }
  } finally {
    await peer.server.stop();
  }
  if (pgNote) say(`\n## qgate on PostgreSQL: ${pgNote}`);

  const storeName = (f: StoreFigures) => f.store.replace(/ \(.*\)$/, '');
  say('\n## results');
  const cpu = (r: LoadResult) => (r.serverCpuUsPerOk
    ? `${Math.round(r.serverCpuUsPerOk.total)} (${Math.round(r.serverCpuUsPerOk.main)})${r.companionCpuUsPerOk !== undefined ? ` + ${r.companionCommand} ${Math.round(r.companionCpuUsPerOk)}` : ''}`
    : 'n/a');
  const row = (server: string, what: string, r: LoadResult, vs: string) =>
    [server, what, perSecond(r.okPerSecond), r.p50Ms.toFixed(2), r.p99Ms.toFixed(2), String(r.errors), String(r.non2xx), cpu(r), vs];
  say(formatTable(
    ['store', 'server', 'load', 'ok/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'server CPU us/req (main thread)', 'ratio'],
    runs.flatMap((f) => [
      [storeName(f), ...row('qgate', 'POST /identity/token', f.tokens, `${ratio(f.tokens.okPerSecond, f.peerTokens.okPerSecond)} peer`)],
      ['', ...row('oidc-provider', 'POST /token', f.peerTokens, '1.00x')],
      ['', ...row('qgate', 'GET /v1/apikeys/{id}', f.get, `${ratio(f.get.okPerSecond, f.bareGet.okPerSecond)} bare`)],
      ['', ...row('bare node:http', 'GET constant JSON', f.bareGet, '1.00x')],
    ]),
  ));
  const noisy = runs.flatMap((f) => ([
    [`${storeName(f)} qgate tokens`, f.tokens], [`${storeName(f)} peer tokens`, f.peerTokens], [`${storeName(f)} qgate GET`, f.get], [`${storeName(f)} bare GET`, f.bareGet],
  ] as [string, LoadResult][]).filter(([, r]) => (r.otherCores ?? 0) > NOISY_CORES));
  if (noisy.length > 0) {
    say(`\nWARNING: other processes used CPU during ${noisy.map(([name, r]) => `${name} (${r.otherCores!.toFixed(2)} cores)`).join(', ')}. ` +
      'Rounds alternate between the two sides of each ratio, but throughput from a disturbed run is still doubtful; CPU per request is less affected.');
  }
  for (const f of runs) {
    if (f.peerTokens.serverCpuUsPerOk && f.tokens.serverCpuUsPerOk) {
      const qgateUs = f.tokens.serverCpuUsPerOk.total + (f.tokens.companionCpuUsPerOk ?? 0);
      const withDb = f.tokens.companionCpuUsPerOk !== undefined ? ` (with ${Math.round(f.tokens.companionCpuUsPerOk)} us of ${f.tokens.companionCommand})` : '';
      say(`CPU per token (${storeName(f)} run): oidc-provider ${Math.round(f.peerTokens.serverCpuUsPerOk.total)} us, qgate ${Math.round(qgateUs)} us${withDb}: ` +
        `the peer spends ${ratio(f.peerTokens.serverCpuUsPerOk.total, qgateUs)} the CPU qgate does.`);
    }
  }

  const clean = (r: LoadResult) => r.errors === 0 && r.non2xx === 0;
  const isNoisy = (...rs: LoadResult[]) => rs.some((r) => (r.otherCores ?? 0) > NOISY_CORES);
  const goals: Goal[] = [];
  for (const f of runs) {
    const s = storeName(f);
    const tokenRatio = f.tokens.okPerSecond / f.peerTokens.okPerSecond;
    const share = f.get.okPerSecond / f.bareGet.okPerSecond;
    goals.push(
      {
        figure: `${s}: tokens/s vs oidc-provider`, goal: `>= ${GOALS.tokenRatio}x`,
        measured: `${tokenRatio.toFixed(2)}x (${perSecond(f.tokens.okPerSecond)} vs ${perSecond(f.peerTokens.okPerSecond)})`,
        pass: tokenRatio >= GOALS.tokenRatio && clean(f.tokens), noisy: isNoisy(f.tokens, f.peerTokens),
      },
      {
        figure: `${s}: GET /v1/apikeys/{id} vs bare`, goal: `>= ${GOALS.getShare * 100}%`,
        measured: `${(share * 100).toFixed(1)}% (${perSecond(f.get.okPerSecond)} vs ${perSecond(f.bareGet.okPerSecond)})`,
        pass: share >= GOALS.getShare && clean(f.get), noisy: isNoisy(f.get, f.bareGet),
      },
      { figure: `${s}: GET /v1/apikeys/{id} p99`, goal: `<= ${GOALS.getP99Ms} ms`, measured: `${f.get.p99Ms.toFixed(2)} ms`, pass: f.get.p99Ms <= GOALS.getP99Ms, noisy: isNoisy(f.get) },
    );
    if (f === runs[0]) {
      goals.push(
        { figure: `${s}: idle RSS after start-up`, goal: `<= ${GOALS.idleRssBytes / 1e6} MB`, measured: megabytes(f.idleRss), pass: f.idleRss === undefined ? undefined : f.idleRss <= GOALS.idleRssBytes },
        { figure: `${s}: peak RSS under token load`, goal: `<= ${GOALS.peakRssBytes / 1e6} MB`, measured: megabytes(f.peakRss), pass: f.peakRss === undefined ? undefined : f.peakRss <= GOALS.peakRssBytes },
      );
    } else {
      goals.push({ figure: `${s}: idle / peak RSS`, goal: '(informative)', measured: `${megabytes(f.idleRss)} / ${megabytes(f.peakRss)}`, pass: undefined });
    }
  }
  say('\n## goals');
  say(formatGoals(goals));
  say(`\nA throughput goal passes only with 0 errors and 0 non-2xx; "(noisy)" marks figures from runs other processes disturbed; MB = 10^6 bytes. ` +
    `Total time ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (STRICT && goals.some((g) => g.pass === false)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`identity bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
