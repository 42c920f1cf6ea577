/**
 * The web console: the weight of its first load (gzipped JavaScript and CSS, against the 300 KB budget) and the time
 * until the signed-in users page is interactive on loopback (navigation start → the users table shows its rows and
 * the Invite users button is enabled), in headless Chromium against `npm start`'s compiled server.
 *
 * Each run opens a fresh browser context (empty cache, as a first visit) already holding a session, so the time is
 * the console's own: HTML, scripts, the users call and the decision-point call. The console marks the moment with
 * `performance.mark('qgate:users-page-ready')`; the bench reads it relative to navigation start.
 *
 *   BENCH_CONSOLE_RUNS=9 [runs, median reported], BENCH_STRICT=1 [exit 1 when a goal is missed]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, FIRST_LOAD_BUDGET_BYTES, firstLoad, launchBrowser } from '../test/browser/chromium.js';
import { freePort, startChildServer } from './lib/child-server.js';
import { envNumber } from './lib/env.js';
import { formatGoals, formatTable, type Goal } from './lib/table.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = envNumber('BENCH_CONSOLE_RUNS', 9, 1, 50);
const STRICT = process.env.BENCH_STRICT === '1';
const INTERACTIVE_GOAL_MS = 1000;
const USERS = 30;
const READY_MARK = 'qgate:users-page-ready';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const load = firstLoad();
console.log('first load (what index.html pulls in before the console draws):');
console.log(formatTable(['file', 'bytes', 'gzipped'], load.files.map((f) => [f.name, kb(f.bytes), kb(f.gzipped)])));
console.log(`total ${kb(load.bytes)}, gzipped ${kb(load.gzipped)} (budget ${kb(FIRST_LOAD_BUDGET_BYTES)})\n`);
const goals: Goal[] = [{ figure: 'first-load JS+CSS, gzipped', goal: `≤ ${kb(FIRST_LOAD_BUDGET_BYTES)}`, measured: kb(load.gzipped), pass: load.gzipped <= FIRST_LOAD_BUDGET_BYTES }];

if (!fs.existsSync(CHROMIUM)) {
  console.log(`${CHROMIUM} is missing: the interactive time is not measured (apt-get install --no-install-recommends chromium)`);
  goals.push({ figure: 'users page interactive (median)', goal: `≤ ${INTERACTIVE_GOAL_MS} ms`, measured: 'n/a', pass: undefined });
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-console-bench-'));
  const port = await freePort();
  const email = 'admin@bench.example';
  const password = `bench ${crypto.randomBytes(12).toString('base64url')} lantern`;
  const apikey = `bench-${crypto.randomBytes(24).toString('base64url')}`;
  const server = await startChildServer({
    name: 'qgate', args: ['dist/main.js'], cwd: ROOT, port, startTimeoutMs: 60_000,
    env: { QGATE_PORT: String(port), QGATE_DATA_DIR: dir, QGATE_ADMIN_EMAIL: email, QGATE_ADMIN_PASSWORD: password, QGATE_ADMIN_APIKEY: apikey, QGATE_LOG_LEVEL: 'warn' },
  });
  const browser = await launchBrowser();
  try {
    const token = async (form: Record<string, string>) => {
      const res = await fetch(`${server.origin}/identity/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
      return (await res.json()) as { access_token: string; refresh_token: string; expiration: number };
    };
    // A full first page of users, as an administrator would see it.
    const admin = await token({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey });
    const accountId = (JSON.parse(Buffer.from(admin.access_token.split('.')[1]!, 'base64url').toString()) as { account: { bss: string } }).account.bss;
    const invited = await fetch(`${server.origin}/v2/accounts/${accountId}/users`, {
      method: 'POST', headers: { authorization: `Bearer ${admin.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ users: Array.from({ length: USERS }, (_, i) => ({ email: `person${i}@bench.example` })) }),
    });
    if (invited.status !== 202) throw new Error(`invite: ${invited.status} ${await invited.text()}`);

    const cold: number[] = [];
    const warm: number[] = [];
    const measure = async (page: import('playwright-core').Page, go: () => Promise<unknown>) => {
      await go();
      await page.locator('table tbody tr').nth(19).waitFor();
      await page.waitForFunction(`document.querySelector('button.primary')?.textContent === 'Invite users' && !document.querySelector('button.primary').disabled && performance.getEntriesByName('${READY_MARK}').length > 0`, undefined, { polling: 10 });
      return (await page.evaluate(`performance.getEntriesByName('${READY_MARK}')[0].startTime`)) as number;
    };
    for (let i = 0; i < RUNS + 1; i++) {
      const session = await token({ grant_type: 'password', username: email, password });
      const context = await browser.newContext();
      await context.addInitScript(`sessionStorage.setItem('qgate.session', ${JSON.stringify(JSON.stringify(session))})`);
      const page = await context.newPage();
      const first = await measure(page, () => page.goto(`${server.origin}/iam/users`));
      const again = await measure(page, () => page.reload());
      // The first run warms the server (JIT, caches); it is not counted.
      if (i > 0) { cold.push(first); warm.push(again); }
      await context.close();
    }
    console.log(formatTable(['users page interactive', 'median', 'min', 'max'], [
      ['first visit (empty cache)', `${median(cold).toFixed(0)} ms`, `${Math.min(...cold).toFixed(0)} ms`, `${Math.max(...cold).toFixed(0)} ms`],
      ['reload (cached assets)', `${median(warm).toFixed(0)} ms`, `${Math.min(...warm).toFixed(0)} ms`, `${Math.max(...warm).toFixed(0)} ms`],
    ]));
    console.log(`(${RUNS} runs each, loopback, ${USERS + 1} users in the account)\n`);
    goals.push({ figure: 'users page interactive, first visit (median)', goal: `≤ ${INTERACTIVE_GOAL_MS} ms`, measured: `${median(cold).toFixed(0)} ms`, pass: median(cold) <= INTERACTIVE_GOAL_MS });
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(formatGoals(goals));
if (STRICT && goals.some((g) => g.pass === false)) process.exitCode = 1;
