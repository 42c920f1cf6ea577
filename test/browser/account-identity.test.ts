/**
 * IAM → Identity providers and IAM → Settings in Chromium: an administrator adds a real OpenID Connect provider
 * (on loopback, so the server allows plain http with QGATE_IDP_ALLOW_INSECURE), copies its sign-in URL, disables
 * and enables it, and a person then signs in with it from the sign-in page. The identity settings are saved with
 * their entity tag; the server's complaints appear beside their fields, and an address list that leaves out the
 * administrator's own address is flagged before it is saved. A member is offered neither screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestIdp } from '../helpers/oidc-idp.js';
import type { TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, poll, screenshot, submitSignIn } from './browser.js';
import { startFederatedConsole } from './federated-console.js';

const REALM = 'oidc-campus-sso';

describe.skipIf(!browserAvailable())('console: identity providers and IAM settings (Chromium)', { timeout: 180_000 }, () => {
  let t: TestServer;
  let idp: TestIdp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let publicUrl: string;
  const errors: string[] = [];
  const heading = (name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

  beforeAll(async () => {
    await ensureConsoleBuilt();
    ({ t, idp, browser, publicUrl } = await startFederatedConsole(REALM));
    idp.people.set('kenji', { email: 'kenji@campus.example', email_verified: true, given_name: 'Kenji', family_name: 'Sato' });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: publicUrl });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${publicUrl}/signin`);
    await submitSignIn(page);
    await heading('Dashboard');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-account-identity').catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  it('adds a provider (a bad discovery URL is refused beside its field), copies its sign-in URL, disables and enables it', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Identity providers' }).click();
    await heading('Identity providers');
    await page.getByText('No identity providers yet').waitFor();
    await expectAccessible(page, 'identity providers (empty)');

    const add = page.getByRole('button', { name: 'Add provider' });
    await poll(() => add.isEnabled()).toBe(true);
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add an OpenID Connect provider' });
    // The dialog starts in its first field; Escape closes it and focus returns to the button that opened it.
    await poll(() => page.evaluate('document.activeElement?.labels?.[0]?.textContent')).toBe('Name');
    await page.keyboard.press('Escape');
    await poll(() => dialog.isVisible()).toBe(false);
    await poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Add provider');

    await add.click();
    await dialog.getByLabel('Name').fill('Campus SSO');
    await dialog.getByLabel('Discovery URL').fill('ftp://sso.campus.example/');
    await dialog.getByLabel('Client ID').fill(idp.clientId);
    await dialog.getByLabel('Client secret').fill(idp.clientSecret);
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    const discovery = dialog.getByLabel('Discovery URL');
    await poll(() => discovery.getAttribute('aria-invalid')).toBe('true');
    const described = (await discovery.getAttribute('aria-describedby'))!.split(' ');
    const message = await page.locator(`[id="${described.at(-1)}"]`).textContent();
    expect(message).toMatch(/field 'discovery_url' must use https/);
    await expectAccessible(page, 'add identity provider (field error)');
    await screenshot(page, 'identity-provider-add');

    await discovery.fill(`${idp.issuer}/.well-known/openid-configuration`);
    await dialog.getByLabel('At a person\'s first sign-in').selectOption('create_user');
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    const loginUrl = `${publicUrl}/login/${REALM}`;
    await page.getByRole('status').filter({ hasText: `Added Campus SSO. Register ${publicUrl}/login/${REALM}/callback` }).waitFor();
    const row = page.getByRole('table', { name: 'Identity providers' }).locator('tbody tr');
    await poll(() => row.count()).toBe(1);
    await row.getByText(loginUrl, { exact: true }).waitFor();
    expect(await row.getByText('Enabled', { exact: true }).count()).toBe(1);
    await row.getByRole('button', { name: 'Copy sign-in URL of Campus SSO' }).click();
    await poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(loginUrl);
    await expectAccessible(page, 'identity providers');
    await screenshot(page, 'identity-providers');

    const listed = await t.request('GET', `/v1/accounts/${t.accountId}/identity_providers`, { token: await t.adminToken() });
    expect(listed.body.identity_providers).toMatchObject([{ name: 'Campus SSO', realm_id: REALM, issuer: idp.issuer, client_id: idp.clientId, enabled: true }]);
    expect(JSON.stringify(listed.body)).not.toContain(idp.clientSecret);

    // Disabled, it is no longer offered at sign-in; the ⋮ menu is keyboard-operable and focus comes back to it.
    const menu = row.getByRole('button', { name: 'Actions for identity provider Campus SSO' });
    await menu.focus();
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate("document.activeElement?.getAttribute('role')")).toBe('menuitem');
    await page.keyboard.press('Escape');
    await poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Actions for identity provider Campus SSO');
    await menu.click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    await poll(() => row.getByText('Disabled', { exact: true }).count()).toBe(1);
    expect((await t.request('GET', '/login')).body.providers).toEqual([]);
    await menu.click();
    await page.getByRole('menuitem', { name: 'Enable' }).click();
    await poll(() => row.getByText('Enabled', { exact: true }).count()).toBe(1);
    expect((await t.request('GET', '/login')).body.providers).toMatchObject([{ realm_id: REALM, name: 'Campus SSO' }]);
  });

  it('lets a person sign in with the new provider from the sign-in page', async () => {
    const visitor = await browser.newPage();
    visitor.setDefaultTimeout(30_000);
    try {
      await visitor.goto(`${publicUrl}/iam/apikeys`);
      const button = visitor.getByRole('button', { name: 'Sign in with Campus SSO' });
      await button.waitFor();
      // The test provider signs in whoever the login hint names.
      await visitor.getByLabel('Email').fill('kenji');
      await button.click();
      await visitor.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
      await visitor.getByText('Kenji Sato (kenji@campus.example)').waitFor();
      const users = await t.request('GET', `/v2/accounts/${t.accountId}/users?search=email:kenji`, { token: await t.adminToken() });
      expect(users.body.resources).toMatchObject([{ email: 'kenji@campus.example', realm: REALM, state: 'ACTIVE' }]);
      // A member is offered neither screen, and the Add provider button stays disabled if they go there anyway.
      const nav = visitor.getByRole('navigation', { name: 'Console' });
      await nav.getByRole('link', { name: 'Users' }).waitFor();
      await poll(() => nav.getByRole('link', { name: 'API keys' }).count()).toBe(1);
      expect(await nav.getByRole('link', { name: 'Identity providers' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
      await visitor.goto(`${publicUrl}/iam/identity-providers`);
      await visitor.getByRole('alert').waitFor();
      expect(await visitor.getByRole('button', { name: 'Add provider' }).isDisabled()).toBe(true);
    } finally {
      await visitor.close();
    }
  });

  it('saves the identity settings, shows refusals beside their fields and warns before an address list locks the administrator out', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
    await heading('IAM settings');
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await save.waitFor();
    expect(await save.isDisabled()).toBe(true);
    await expectAccessible(page, 'IAM settings');

    await page.getByLabel('API key creation').selectOption('RESTRICTED');
    await page.getByLabel('User list visibility').selectOption('NOT_RESTRICTED');
    await page.getByLabel('Session expiration (minutes)').fill('5');
    await page.getByText('3 unsaved changes').waitFor();
    await save.click();
    const expiration = page.getByLabel('Session expiration (minutes)');
    await poll(() => expiration.getAttribute('aria-invalid')).toBe('true');
    await page.locator('.field-error').filter({ hasText: "field 'session_expiration_in_seconds'" }).waitFor();
    await expiration.fill('60');
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Saved the identity settings.' }).waitFor();
    const admin = await t.adminToken();
    let stored = (await t.request('GET', `/v1/accounts/${t.accountId}/settings/identity`, { token: admin })).body;
    expect(stored).toMatchObject({ restrict_create_platform_apikey: 'RESTRICTED', restrict_user_list_visibility: 'NOT_RESTRICTED', session_expiration_in_seconds: '3600', allowed_ip_addresses: '' });

    const addresses = page.getByLabel('Allowed IP addresses');
    await addresses.fill('192.0.2.300');
    await save.click();
    await poll(() => addresses.getAttribute('aria-invalid')).toBe('true');
    await page.locator('.field-error').filter({ hasText: "'192.0.2.300' is not an IP address" }).waitFor();

    await addresses.fill('192.0.2.0/24');
    const warning = page.getByRole('alert').filter({ hasText: 'This list does not include your current address (127.0.0.1)' });
    await warning.waitFor();
    await page.getByRole('button', { name: 'Save and lock out my address' }).waitFor();
    await expectAccessible(page, 'IAM settings (lock-out warning)');
    await screenshot(page, 'iam-settings-lockout-warning');
    await addresses.fill('192.0.2.0/24, 127.0.0.1');
    await poll(() => warning.count()).toBe(0);
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Saved the identity settings.' }).waitFor();
    stored = (await t.request('GET', `/v1/accounts/${t.accountId}/settings/identity`, { token: admin })).body;
    expect(stored.allowed_ip_addresses).toBe('192.0.2.0/24, 127.0.0.1');
    await screenshot(page, 'iam-settings');

    // Someone else changes the settings meanwhile: saving the stale form is refused, not silently overwritten.
    expect((await t.request('PUT', `/v1/accounts/${t.accountId}/settings/identity`, { token: admin, headers: { 'if-match': '*' }, body: { allowed_ip_addresses: '' } })).status).toBe(200);
    await page.getByLabel('User list visibility').selectOption('RESTRICTED');
    await save.click();
    await page.getByRole('alert').filter({ hasText: /entity_tag|changed meanwhile/ }).waitFor();
    expect(errors).toEqual([]);
  });
});
