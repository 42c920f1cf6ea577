/**
 * An access group's dynamic rules in Chromium: the administrator adds a rule for the account's identity provider
 * (a bad IN value is refused beside its condition's field), a person signing in through the provider with a
 * matching claim is listed as a dynamic member (which cannot be removed by hand), and deleting the rule (confirmed
 * in a dialog) ends that membership. Someone without the rules' actions sees Add rule and Delete rule disabled.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestIdp } from '../helpers/oidc-idp.js';
import type { TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, poll, screenshot, signedInPage, submitSignIn } from './browser.js';
import { startFederatedConsole } from './federated-console.js';

const REALM = 'oidc-lab-sso';

describe.skipIf(!browserAvailable())('console: access groups\' dynamic rules (Chromium)', { timeout: 180_000 }, () => {
  let t: TestServer;
  let idp: TestIdp;
  let browser: Browser;
  let page: Page;
  let publicUrl: string;
  let admin: string;
  let groupId: string;
  const errors: string[] = [];
  const heading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name }).waitFor();

  beforeAll(async () => {
    await ensureConsoleBuilt();
    ({ t, idp, browser, publicUrl } = await startFederatedConsole(REALM));
    admin = await t.adminToken();
    const provider = await t.request('POST', `/v1/accounts/${t.accountId}/identity_providers`, {
      token: admin,
      body: { name: 'Lab SSO', realm_id: REALM, discovery_url: `${idp.issuer}/.well-known/openid-configuration`, client_id: idp.clientId, client_secret: idp.clientSecret, scopes: 'openid email profile project' },
    });
    expect(provider.status, provider.text).toBe(201);
    const group = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: 'ml' } });
    expect(group.status, group.text).toBe(201);
    groupId = group.body.id;
    idp.people.set('lena', { email: 'lena@lab.example', email_verified: true, given_name: 'Lena', family_name: 'Berg', project: 'ml' });
    page = await signedInPage(browser, publicUrl, errors);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-dynamic-rules').catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  it('adds a rule (a bad IN value is refused beside its field) and lists it', async () => {
    await page.goto(`${publicUrl}/iam/groups/${groupId}`);
    await heading(page, 'ml');
    const section = page.getByRole('region', { name: 'Dynamic rules' });
    await section.getByText('No dynamic rules yet.').waitFor();
    await expectAccessible(page, 'group page (no rules)');

    const add = section.getByRole('button', { name: 'Add rule' });
    await poll(() => add.isEnabled()).toBe(true);
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add a dynamic rule' });
    await poll(() => page.evaluate('document.activeElement?.labels?.[0]?.textContent')).toBe('Name');
    await dialog.getByLabel('Name').fill('ML project');
    // The realm is chosen among the account's providers.
    await poll(() => dialog.getByLabel('Identity provider').inputValue()).toBe(REALM);
    expect(await dialog.getByLabel('Identity provider').evaluate((e) => e.tagName)).toBe('SELECT');
    await dialog.getByLabel('Expiration (hours)').fill('6');
    const first = dialog.getByRole('group', { name: 'Condition 1' });
    await first.getByLabel('Claim').fill('project');
    await first.getByLabel('Operator').selectOption('IN');
    await first.getByLabel('Value').fill('ml');
    await dialog.getByRole('button', { name: 'Add condition' }).click();
    const second = dialog.getByRole('group', { name: 'Condition 2' });
    await second.getByLabel('Claim').fill('email');
    await second.getByLabel('Operator').selectOption('CONTAINS');
    await second.getByLabel('Value').fill('lena@lab.example');
    await dialog.getByRole('button', { name: 'Add rule' }).click();

    const value = first.getByLabel('Value');
    await poll(() => value.getAttribute('aria-invalid')).toBe('true');
    const described = (await value.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${described.at(-1)}"]`).textContent()).toMatch(/field 'conditions\.0\.value' must be a JSON array of strings/);
    expect(await second.getByLabel('Value').getAttribute('aria-invalid')).toBeNull();
    expect((await t.request('GET', `/v2/groups/${groupId}/rules`, { token: admin })).body.rules).toEqual([]);
    await expectAccessible(page, 'add dynamic rule (field error)');
    await screenshot(page, 'dynamic-rule-add');

    // Out of range, the expiration is refused beside its own field.
    await value.fill('["ml","quantum"]');
    await dialog.getByLabel('Expiration (hours)').fill('25');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await poll(() => dialog.getByLabel('Expiration (hours)').getAttribute('aria-invalid')).toBe('true');
    expect(await value.getAttribute('aria-invalid')).toBeNull();

    await dialog.getByLabel('Expiration (hours)').fill('6');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole('status').filter({ hasText: 'Added the rule ML project.' }).waitFor();
    const rows = section.locator('tbody tr');
    await poll(() => rows.allTextContents()).toEqual([expect.stringContaining('ML project')]);
    const row = await rows.first().textContent();
    expect(row).toContain(REALM);
    expect(row).toContain('project is one of (JSON array) ["ml","quantum"]');
    expect(row).toContain('email contains lena@lab.example');
    expect(row).toContain('6 hours');
    const rules = (await t.request('GET', `/v2/groups/${groupId}/rules`, { token: admin })).body.rules;
    expect(rules).toMatchObject([{ name: 'ML project', realm_name: REALM, expiration: 6, conditions: [
      { claim: 'project', operator: 'IN', value: '["ml","quantum"]' },
      { claim: 'email', operator: 'CONTAINS', value: 'lena@lab.example' },
    ] }]);
    await expectAccessible(page, 'group page (a rule)');
    await screenshot(page, 'dynamic-rules');
  });

  it('lists a person the rule admitted as a dynamic member, who cannot be removed by hand', async () => {
    const visitor = await browser.newPage();
    visitor.setDefaultTimeout(30_000);
    try {
      await visitor.goto(`${publicUrl}/iam/apikeys`);
      const button = visitor.getByRole('button', { name: 'Sign in with Lab SSO' });
      await button.waitFor();
      await visitor.getByLabel('Email').fill('lena');
      await button.click();
      await heading(visitor, 'API keys');
    } finally {
      await visitor.close();
    }
    await page.reload();
    await heading(page, 'ml');
    const members = page.getByRole('region', { name: 'Users' });
    await poll(() => members.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('lena@lab.example')]);
    expect(await members.locator('tbody tr').first().textContent()).toContain('Dynamic (by a rule)');
    await members.getByRole('button', { name: 'Actions for member lena@lab.example' }).click();
    expect(await page.getByRole('menuitem', { name: 'Remove from group' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('deletes the rule after a confirmation; its members leave the group', async () => {
    const section = page.getByRole('region', { name: 'Dynamic rules' });
    await section.getByRole('button', { name: 'Actions for rule ML project' }).click();
    await page.getByRole('menuitem', { name: 'Delete rule' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete rule' });
    await confirm.getByText('Delete the rule ML project?').waitFor();
    await expectAccessible(page, 'delete dynamic rule');
    // Cancelling keeps it.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => confirm.isVisible()).toBe(false);
    expect((await t.request('GET', `/v2/groups/${groupId}/rules`, { token: admin })).body.rules).toHaveLength(1);

    await section.getByRole('button', { name: 'Actions for rule ML project' }).click();
    await page.getByRole('menuitem', { name: 'Delete rule' }).click();
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await poll(() => confirm.isVisible()).toBe(false);
    await section.getByText('No dynamic rules yet.').waitFor();
    await page.getByRole('region', { name: 'Users' }).getByText('No members yet.').waitFor();
    expect((await t.request('GET', `/v2/groups/${groupId}/rules`, { token: admin })).body.rules).toEqual([]);
    expect((await t.request('GET', `/v2/groups/${groupId}/members`, { token: admin })).body.members).toEqual([]);
  });

  it('disables Add rule and Delete rule for someone who may read the group but not change its rules', async () => {
    const rule = await t.request('POST', `/v2/groups/${groupId}/rules`, { token: admin, body: { name: 'Kept', expiration: 2, realm_name: REALM, conditions: [{ claim: 'project', operator: 'EQUALS', value: 'ml' }] } });
    expect(rule.status, rule.text).toBe(201);
    const viewer = await t.addUser('viewer@lab.example');
    const policy = await t.request('POST', '/v1/policies', { token: admin, body: {
      type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: viewer.iamId }] }], roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }],
      resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'iam-groups' }] }],
    } });
    expect(policy.status, policy.text).toBe(201);
    const other = await browser.newPage();
    other.setDefaultTimeout(30_000);
    try {
      await other.goto(`${publicUrl}/signin`);
      await submitSignIn(other, 'viewer@lab.example', viewer.password);
      await heading(other, 'Dashboard');
      // The buttons stay disabled until the decision point answers: wait for its answer about the rules' actions.
      const decided = other.waitForResponse((r) => r.url().endsWith('/v2/authz') && (r.request().postData() ?? '').includes('iam-groups.rules.create'));
      await other.goto(`${publicUrl}/iam/groups/${groupId}`);
      await heading(other, 'ml');
      const section = other.getByRole('region', { name: 'Dynamic rules' });
      await section.getByText('Kept').waitFor();
      const answer = (await (await decided).json()) as { decisions: { permitted: boolean }[] };
      expect(answer.decisions.map((d) => d.permitted)).toEqual([false, false]);
      await other.waitForTimeout(100);
      expect(await section.getByRole('button', { name: 'Add rule' }).isDisabled()).toBe(true);
      await section.getByRole('button', { name: 'Actions for rule Kept' }).click();
      expect(await other.getByRole('menuitem', { name: 'Delete rule' }).isDisabled()).toBe(true);
      // The server refuses anyway.
      expect((await t.request('DELETE', `/v2/groups/${groupId}/rules/${rule.body.id}`, { token: viewer.token })).status).toBe(403);
    } finally {
      await other.close();
    }
    expect(errors).toEqual([]);
  });
});
