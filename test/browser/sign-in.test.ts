/**
 * The console's first screens in headless Chromium: signing in, the users list, signing out, and the
 * Content-Security-Policy the server sends (no inline scripts may run; the console needs none).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, launchBrowser, poll, screenshot, submitSignIn } from './browser.js';

describe.skipIf(!browserAvailable())('console: sign-in and the users list (Chromium)', { timeout: 120_000 }, () => {
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
    await poll(() => page.getByRole('alert').textContent()).toMatch(/incorrect/);
  });

  it('signs in and lands on the page asked for: the users list with states and the Invite users button', async () => {
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/iam/users');
    const row = page.getByRole('row').filter({ hasText: ADMIN_EMAIL });
    await poll(() => row.textContent()).toContain('Active');
    await poll(() => page.getByRole('button', { name: 'Invite users' }).isEnabled()).toBe(true);
    await expectAccessible(page, 'users');
    await screenshot(page, 'users');
  });

  it('is usable by keyboard: the Invite users dialog opens with focus inside and closes with Escape', async () => {
    const invite = page.getByRole('button', { name: 'Invite users' });
    await invite.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Invite users' });
    await dialog.waitFor();
    expect(await page.evaluate('document.activeElement?.closest("dialog") !== null')).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
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

describe.skipIf(!browserAvailable())('console: renewing the session with the refresh token (Chromium)', { timeout: 120_000 }, () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    // Tokens live 60 s, within the client's renewal margin: every call renews first.
    [t, browser] = await Promise.all([startTestServer({ store: 'sqlite', env: { QGATE_TOKEN_TTL: '60' } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renews the access token with the refresh token and keeps the new pair in sessionStorage', async () => {
    const page = await browser.newPage();
    const grants: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/identity/token')) grants.push(new URLSearchParams(r.postData() ?? '').get('grant_type') ?? ''); });
    await page.goto(`${t.url}/signin`);
    await submitSignIn(page);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const before = await page.evaluate('sessionStorage.getItem("qgate.session")');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('row').filter({ hasText: ADMIN_EMAIL }).waitFor();
    expect(grants[0]).toBe('password');
    expect(grants.slice(1).length).toBeGreaterThan(0);
    expect(grants.slice(1).every((g) => g === 'refresh_token')).toBe(true);
    expect(await page.evaluate('sessionStorage.getItem("qgate.session")')).not.toBe(before);
    await page.reload();
    await page.getByRole('row').filter({ hasText: ADMIN_EMAIL }).waitFor();
    await page.close();
  });
});
