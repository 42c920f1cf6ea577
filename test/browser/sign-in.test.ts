/**
 * The console's first screens in headless Chromium: signing in, the users list, signing out, and the
 * Content-Security-Policy the server sends (no inline scripts may run; the console needs none).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, launchBrowser, screenshot } from './browser.js';

describe.skipIf(!browserAvailable())('console: sign-in and the users list (Chromium)', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [t, browser] = await Promise.all([startTestServer({ store: 'sqlite' }), launchBrowser()]);
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[01]/.test(m.text())) errors.push(m.text()); });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a signed-out visitor to the sign-in page, which refuses a wrong password with the server\'s message', async () => {
    await page.goto(`${t.url}/iam/users`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/incorrect/);
  });

  it('signs in and lands on the page asked for: the users list with states and the Invite users button', async () => {
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/iam/users');
    const row = page.getByRole('row').filter({ hasText: ADMIN_EMAIL });
    await expect.poll(() => row.textContent()).toContain('Active');
    await expect.poll(() => page.getByRole('button', { name: 'Invite users' }).isEnabled()).toBe(true);
    await expectAccessible(page, 'users');
    await screenshot(page, 'users');
  });

  it('keeps the session across a reload (sessionStorage) and forgets it on sign-out', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(`${t.url}/iam/users`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('serves the console with a CSP that forbids inline scripts, and runs without errors', async () => {
    const res = await page.request.get(`${t.url}/iam/users`);
    expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
    const blocked = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
      const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.appendChild(s);
      setTimeout(() => resolve(false), 500);
    })`);
    expect(blocked).toBe(true);
    expect(errors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
  });
});
