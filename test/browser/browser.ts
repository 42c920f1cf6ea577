/**
 * Helpers for the console's browser suites: Debian's Chromium driven by playwright-core (no browser download),
 * a console build that is fresh for the sources, screenshots and the axe-core accessibility check.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { isRequired } from '../helpers/stores.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/test-server.js';
import { CHROMIUM, CONSOLE_DIR } from './chromium.js';

export { launchBrowser } from './chromium.js';

const root = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(root, 'test-artifacts/screenshots');

/** Whether the browser suites run: skipped with a message when Chromium is missing, failing if it is required. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (isRequired('browser')) throw new Error(`the browser suites are required (QGATE_TEST_REQUIRE) but ${CHROMIUM} is missing: apt-get install --no-install-recommends chromium`);
  process.stderr.write(`\n[qgate tests] ${CHROMIUM} is missing: the browser suites are SKIPPED (apt-get install --no-install-recommends chromium)\n`);
  return false;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the console unless dist/console is newer than its sources (`npm run build` does the same at install).
 * Test files run in parallel processes, so one builds while the others wait on a lock directory.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  const index = path.join(CONSOLE_DIR, 'index.html');
  const fresh = () => fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(newestSource(path.join(root, 'console')), newestSource(path.join(root, 'src/client')));
  if (fresh()) return;
  const lock = path.join(root, 'dist/.console-build-lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  // A lock left by a killed run (a build takes seconds) is taken over.
  if (fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmdirSync(lock);
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (i > 600) throw new Error(`${lock} has been held for a minute: remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 100));
      if (fresh()) return;
    }
  }
  try {
    if (fresh()) return;
    // A production build whatever the test runner's NODE_ENV (React's development build is three times larger).
    const built = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`the console build failed: ${built.stderr || built.stdout}`);
  } finally {
    fs.rmdirSync(lock);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }

/** Runs axe-core on the page (WCAG 2.1 A and AA) and asserts no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Injected through the DevTools protocol, so the console's CSP (no inline scripts) does not block it.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)).toEqual([]);
}

/** expect.poll with room for a loaded CI machine (vitest's default gives up after one second). */
export function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 50 });
}

/** Fills in and submits the sign-in form the page shows (the administrator's email and password unless told). */
export async function submitSignIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * A new page signed in to the console at `baseUrl` (as the administrator), on its Dashboard; the page's
 * uncaught errors are collected in `errors` (suites assert none at the end).
 */
export async function signedInPage(browser: Browser, baseUrl: string, errors: string[], viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/signin`);
  await submitSignIn(page);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  return page;
}
