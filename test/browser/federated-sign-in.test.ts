/**
 * Federated sign-in through the console, in Chromium, against a real OpenID Connect provider on loopback: the
 * sign-in page lists the account's provider, its button goes through the provider and back to /signin/callback,
 * which redeems the one-time code (PKCE) and lands the person signed in. A callback this tab did not start is
 * refused.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestIdp } from '../helpers/oidc-idp.js';
import type { TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, screenshot } from './browser.js';
import { startFederatedConsole } from './federated-console.js';

const REALM = 'oidc-campus';

describe.skipIf(!browserAvailable())('console: federated sign-in (Chromium)', { timeout: 120_000 }, () => {
  let t: TestServer;
  let idp: TestIdp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    ({ t, idp, browser } = await startFederatedConsole(REALM));
    idp.people.set('yuki', { email: 'yuki@campus.example', email_verified: true, given_name: 'Yuki', family_name: 'Tanaka' });
    const created = await t.request('POST', `/v1/accounts/${t.accountId}/identity_providers`, {
      token: await t.adminToken(),
      body: { name: 'Campus SSO', realm_id: REALM, discovery_url: `${idp.issuer}/.well-known/openid-configuration`, client_id: idp.clientId, client_secret: idp.clientSecret, scopes: 'openid email profile' },
    });
    expect(created.status, created.text).toBe(201);
    page = await browser.newPage();
    page.setDefaultTimeout(30_000);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-federated').catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  it('offers the provider on the sign-in page and signs in through it, landing where the person was going', async () => {
    await page.goto(`${t.url}/iam/apikeys`);
    const button = page.getByRole('button', { name: 'Sign in with Campus SSO' });
    await button.waitFor();
    await expectAccessible(page, 'sign-in with providers');
    await screenshot(page, 'sign-in-federated');
    // The test provider signs in whoever the login hint names.
    await page.getByLabel('Email').fill('yuki');
    await button.click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/iam/apikeys');
    expect(url.search).toBe('');
    expect(await page.getByText('Yuki Tanaka (yuki@campus.example)').count()).toBe(1);
    const users = await t.request('GET', `/v2/accounts/${t.accountId}/users?search=email:yuki`, { token: await t.adminToken() });
    expect(users.body.resources).toMatchObject([{ email: 'yuki@campus.example', realm: REALM, state: 'ACTIVE' }]);
  });

  it('refuses a callback this tab did not start, saying so', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${t.url}/signin/callback?code=forged-code-value&state=forged-state-value`);
    await page.getByRole('alert').filter({ hasText: 'not started in this browser tab' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
