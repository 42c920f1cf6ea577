/**
 * Editing in Chromium what was added before: an identity provider (prefilled; an empty client secret keeps the
 * current one, shown by a federated sign-in still working, a typed one replaces it; a bad discovery URL refused
 * beside its field) and an access group's dynamic rule (prefilled; the API shows the new conditions). Someone who
 * may read but not change them sees Edit disabled, and the server refuses them anyway.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestIdp } from '../helpers/oidc-idp.js';
import type { TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, poll, screenshot, signedInPage, submitSignIn } from './browser.js';
import { startFederatedConsole } from './federated-console.js';

const REALM = 'oidc-lab-sso';

describe.skipIf(!browserAvailable())('console: editing identity providers and dynamic rules (Chromium)', { timeout: 180_000 }, () => {
  let t: TestServer;
  let idp: TestIdp;
  let browser: Browser;
  let page: Page;
  let publicUrl: string;
  let admin: string;
  let providerId: string;
  let groupId: string;
  let ruleId: string;
  const errors: string[] = [];
  const heading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name }).waitFor();
  const provider = async () => (await t.request('GET', `/v1/accounts/${t.accountId}/identity_providers/${providerId}`, { token: admin })).body;

  /** Signs `person` in through the provider in a fresh tab: whether it landed signed in, or the refusal shown. */
  const federatedSignIn = async (person: string, button: string): Promise<string> => {
    const visitor = await browser.newPage();
    visitor.setDefaultTimeout(30_000);
    try {
      await visitor.goto(`${publicUrl}/iam/apikeys`);
      await visitor.getByLabel('Email').fill(person);
      await visitor.getByRole('button', { name: button }).click();
      const landed = visitor.getByRole('heading', { level: 1, name: 'API keys' });
      const refused = visitor.getByRole('alert').filter({ hasText: 'could not be completed' });
      await landed.or(refused).waitFor();
      return (await landed.isVisible()) ? 'signed in' : (await refused.textContent())!;
    } finally {
      await visitor.close();
    }
  };

  const openEditProvider = async (name: string) => {
    await page.getByRole('button', { name: `Actions for identity provider ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    return page.getByRole('dialog', { name: 'Edit identity provider' });
  };

  beforeAll(async () => {
    await ensureConsoleBuilt();
    ({ t, idp, browser, publicUrl } = await startFederatedConsole(REALM));
    admin = await t.adminToken();
    const created = await t.request('POST', `/v1/accounts/${t.accountId}/identity_providers`, {
      token: admin,
      body: { name: 'Lab SSO', realm_id: REALM, discovery_url: `${idp.issuer}/.well-known/openid-configuration`, client_id: idp.clientId, client_secret: idp.clientSecret, scopes: 'openid email profile' },
    });
    expect(created.status, created.text).toBe(201);
    providerId = created.body.id;
    const group = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: 'ml' } });
    expect(group.status, group.text).toBe(201);
    groupId = group.body.id;
    const rule = await t.request('POST', `/v2/groups/${groupId}/rules`, { token: admin, body: { name: 'ML project', expiration: 6, realm_name: REALM, conditions: [{ claim: 'project', operator: 'EQUALS', value: 'ml' }] } });
    expect(rule.status, rule.text).toBe(201);
    ruleId = rule.body.id;
    idp.people.set('lena', { email: 'lena@lab.example', email_verified: true, given_name: 'Lena', family_name: 'Berg' });
    page = await signedInPage(browser, publicUrl, errors);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-edit-screens').catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  it('edits a provider prefilled; an empty secret keeps the current one', async () => {
    await page.goto(`${publicUrl}/iam/identity-providers`);
    await heading(page, 'Identity providers');
    const before = await provider();
    const dialog = await openEditProvider('Lab SSO');
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Lab SSO');
    expect(await dialog.getByLabel('Discovery URL').inputValue()).toBe(before.discovery_url);
    expect(await dialog.getByLabel('Client ID').inputValue()).toBe(idp.clientId);
    expect(await dialog.getByLabel('Scopes').inputValue()).toBe('openid email profile');
    expect(await dialog.getByLabel("At a person's first sign-in").inputValue()).toBe('create_user');
    const secret = dialog.getByLabel('Client secret');
    expect(await secret.inputValue()).toBe('');
    const hint = (await secret.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${hint}"]`).textContent()).toMatch(/leave it empty to keep the current secret/);
    await expectAccessible(page, 'edit identity provider');
    await screenshot(page, 'identity-provider-edit');

    await dialog.getByLabel('Name').fill('Lab single sign-on');
    await dialog.getByLabel('Scopes').fill('openid email profile project');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole('status').filter({ hasText: 'Saved Lab single sign-on.' }).waitFor();
    const after = await provider();
    expect(after).toMatchObject({ name: 'Lab single sign-on', scopes: 'openid email profile project', client_id: idp.clientId, discovery_url: before.discovery_url, first_sign_in: 'create_user' });
    expect(after.entity_tag).not.toBe(before.entity_tag);
    // The secret left empty is the one the provider still accepts.
    expect(await federatedSignIn('lena', 'Sign in with Lab single sign-on')).toBe('signed in');
  });

  it('refuses a bad discovery URL beside its field, and replaces the secret when one is typed', async () => {
    const dialog = await openEditProvider('Lab single sign-on');
    const url = dialog.getByLabel('Discovery URL');
    await url.fill('ftp://sso.lab.example/realms/lab');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await poll(() => url.getAttribute('aria-invalid')).toBe('true');
    const described = (await url.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${described.at(-1)}"]`).textContent()).toMatch(/field 'discovery_url' must use https/);
    expect(await dialog.getByLabel('Name').getAttribute('aria-invalid')).toBeNull();
    expect((await provider()).discovery_url).not.toContain('ftp:');
    await expectAccessible(page, 'edit identity provider (field error)');

    // Cancel drops the change; opening again starts from what the server holds.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    const again = await openEditProvider('Lab single sign-on');
    expect(await again.getByLabel('Discovery URL').inputValue()).toBe((await provider()).discovery_url);
    expect(await again.getByLabel('Discovery URL').getAttribute('aria-invalid')).toBeNull();

    // A typed secret replaces the stored one: the provider no longer accepts the client.
    await again.getByLabel('Client secret').fill('not the secret the provider knows');
    await again.getByRole('button', { name: 'Save' }).click();
    await poll(() => again.isVisible()).toBe(false);
    expect(await federatedSignIn('lena', 'Sign in with Lab single sign-on')).toMatch(/could not be completed/);

    const restore = await openEditProvider('Lab single sign-on');
    await restore.getByLabel('Client secret').fill(idp.clientSecret);
    await restore.getByRole('button', { name: 'Save' }).click();
    await poll(() => restore.isVisible()).toBe(false);
    expect(await federatedSignIn('lena', 'Sign in with Lab single sign-on')).toBe('signed in');
  });

  it('edits a dynamic rule prefilled; the API shows the new conditions', async () => {
    await page.goto(`${publicUrl}/iam/groups/${groupId}`);
    await heading(page, 'ml');
    const section = page.getByRole('region', { name: 'Dynamic rules' });
    await section.getByRole('button', { name: 'Actions for rule ML project' }).click();
    await page.getByRole('menuitem', { name: 'Edit rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit dynamic rule' });
    await poll(() => dialog.getByLabel('Identity provider').inputValue()).toBe(REALM);
    expect(await dialog.getByLabel('Name').inputValue()).toBe('ML project');
    expect(await dialog.getByLabel('Expiration (hours)').inputValue()).toBe('6');
    const first = dialog.getByRole('group', { name: 'Condition 1' });
    expect(await first.getByLabel('Claim').inputValue()).toBe('project');
    expect(await first.getByLabel('Operator').inputValue()).toBe('EQUALS');
    expect(await first.getByLabel('Value').inputValue()).toBe('ml');
    await expectAccessible(page, 'edit dynamic rule');
    await screenshot(page, 'dynamic-rule-edit');

    await dialog.getByLabel('Expiration (hours)').fill('12');
    await first.getByLabel('Operator').selectOption('IN');
    await first.getByLabel('Value').fill('["ml","quantum"]');
    await dialog.getByRole('button', { name: 'Add condition' }).click();
    const second = dialog.getByRole('group', { name: 'Condition 2' });
    await second.getByLabel('Claim').fill('email');
    await second.getByLabel('Operator').selectOption('CONTAINS');
    await second.getByLabel('Value').fill('@lab.example');
    await dialog.getByRole('button', { name: 'Save rule' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole('status').filter({ hasText: 'Saved the rule ML project.' }).waitFor();
    const rule = (await t.request('GET', `/v2/groups/${groupId}/rules/${ruleId}`, { token: admin })).body;
    expect(rule).toMatchObject({ name: 'ML project', realm_name: REALM, expiration: 12, conditions: [
      { claim: 'project', operator: 'IN', value: '["ml","quantum"]' },
      { claim: 'email', operator: 'CONTAINS', value: '@lab.example' },
    ] });
    expect(await section.locator('tbody tr').first().textContent()).toContain('email contains @lab.example');
  });

  it('disables Edit for someone who may read but not change them; the server refuses anyway', async () => {
    const viewer = await t.addUser('viewer@lab.example');
    // Operator of IAM Identity reads the providers; managing them takes Administrator.
    for (const [serviceName, role] of [['iam-groups', 'Viewer'], ['iam-identity', 'Operator']] as const) {
      const policy = await t.request('POST', '/v1/policies', { token: admin, body: {
        type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: viewer.iamId }] }], roles: [{ role_id: `crn:v1:bluemix:public:iam::::role:${role}` }],
        resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: serviceName }] }],
      } });
      expect(policy.status, policy.text).toBe(201);
    }
    const other = await browser.newPage();
    other.setDefaultTimeout(30_000);
    try {
      await other.goto(`${publicUrl}/signin`);
      await submitSignIn(other, 'viewer@lab.example', viewer.password);
      await heading(other, 'Dashboard');

      const manage = other.waitForResponse((r) => r.url().endsWith('/v2/authz') && (r.request().postData() ?? '').includes('iam-identity.identity-provider.manage'));
      await other.goto(`${publicUrl}/iam/identity-providers`);
      await heading(other, 'Identity providers');
      expect(((await (await manage).json()) as { decisions: { permitted: boolean }[] }).decisions.map((d) => d.permitted)).toEqual([true, false]);
      await other.getByText('Only Administrators of IAM Identity can add, change or delete identity providers.').waitFor();
      await other.getByRole('button', { name: 'Actions for identity provider Lab single sign-on' }).click();
      expect(await other.getByRole('menuitem', { name: 'Edit' }).isDisabled()).toBe(true);
      await other.keyboard.press('Escape');

      const update = other.waitForResponse((r) => r.url().endsWith('/v2/authz') && (r.request().postData() ?? '').includes('iam-groups.rules.update'));
      await other.goto(`${publicUrl}/iam/groups/${groupId}`);
      await heading(other, 'ml');
      expect(((await (await update).json()) as { decisions: { permitted: boolean }[] }).decisions.map((d) => d.permitted)).toEqual([false]);
      await other.waitForTimeout(100);
      await other.getByRole('region', { name: 'Dynamic rules' }).getByRole('button', { name: 'Actions for rule ML project' }).click();
      expect(await other.getByRole('menuitem', { name: 'Edit rule' }).isDisabled()).toBe(true);
    } finally {
      await other.close();
    }

    // The server refuses them anyway, and nothing changes.
    const put = await t.request('PUT', `/v1/accounts/${t.accountId}/identity_providers/${providerId}`, { token: viewer.token, headers: { 'If-Match': '*' }, body: { name: 'Taken over' } });
    expect(put.status, put.text).toBe(403);
    const rulePut = await t.request('PUT', `/v2/groups/${groupId}/rules/${ruleId}`, {
      token: viewer.token, headers: { 'If-Match': '*' }, body: { expiration: 1, realm_name: REALM, conditions: [{ claim: 'email', operator: 'CONTAINS', value: '@' }] },
    });
    expect(rulePut.status, rulePut.text).toBe(403);
    expect((await provider()).name).toBe('Lab single sign-on');
    expect((await t.request('GET', `/v2/groups/${groupId}/rules/${ruleId}`, { token: admin })).body.expiration).toBe(12);
    expect(errors).toEqual([]);
  });
});
