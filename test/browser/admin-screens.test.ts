/**
 * The console's other administration paths in Chromium: users paging and search, revoking an invitation, a group's
 * members added and removed, an API key locked (and refused), unlocked and deleted, a running job cancelled, and an
 * instance deleted.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, launchBrowser, poll, screenshot, signedInPage } from './browser.js';

describe.skipIf(!browserAvailable())('console: administration screens (Chromium)', { timeout: 120_000 }, () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;
  const errors: string[] = [];
  const dialog = (name: string) => page.getByRole('dialog', { name });
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [t, browser] = await Promise.all([startTestServer({ store: 'sqlite' }), launchBrowser()]);
    admin = await t.adminToken();
    page = await signedInPage(browser, t.url, errors, { width: 1280, height: 800 });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-admin-screens').catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('pages through the users and searches them; revokes a pending invitation', async () => {
    const emails = Array.from({ length: 24 }, (_, i) => `person${String(i).padStart(2, '0')}@paging.example`);
    expect((await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: emails.map((email) => ({ email })) } })).status).toBe(202);
    await page.goto(`${t.url}/iam/users`);
    await heading('Users');
    const rows = page.getByRole('table', { name: 'Users of the account' }).locator('tbody tr');
    await poll(() => rows.count()).toBe(20);
    await page.getByText('25 users').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await poll(() => rows.count()).toBe(5);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await poll(() => rows.count()).toBe(20);
    await page.getByLabel('Search users by name or email').fill('person07');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await poll(() => rows.allTextContents()).toEqual([expect.stringContaining('person07@paging.example')]);
    const pending = page.getByRole('region', { name: 'Pending invitations' });
    await pending.getByRole('button', { name: 'Revoke invitation to person07@paging.example' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked the invitation to person07@paging.example.' }).waitFor();
    await poll(() => page.getByText('No users match.').count()).toBe(1);
    expect((await t.request('GET', `/v2/accounts/${t.accountId}/users?search=email:person07`, { token: admin })).body.resources).toEqual([]);
  });

  it("adds users to a group on the group's page and removes one with the ⋮ menu", async () => {
    const group = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: 'research' } });
    await page.goto(`${t.url}/iam/groups/${group.body.id}`);
    await heading('research');
    await page.getByRole('button', { name: 'Add users' }).click();
    const d = dialog('Add users');
    await d.getByRole('checkbox', { name: 'person01@paging.example' }).check();
    await d.getByRole('checkbox', { name: 'person02@paging.example' }).check();
    await d.getByRole('button', { name: 'Add to group' }).click();
    await page.getByRole('status').filter({ hasText: 'Added 2 users.' }).waitFor();
    const members = page.getByRole('region', { name: 'Users' });
    await poll(() => members.locator('tbody tr').count()).toBe(2);
    await members.getByRole('button', { name: 'Actions for member person01@paging.example' }).click();
    await page.getByRole('menuitem', { name: 'Remove from group' }).click();
    await poll(() => members.locator('tbody tr').count()).toBe(1);
    const listed = await t.request('GET', `/v2/groups/${group.body.id}/members?verbose=true`, { token: admin });
    expect(listed.body.members.map((m: { email?: string }) => m.email)).toEqual(['person02@paging.example']);
  });

  it('locks an API key (the API then refuses it), unlocks it and deletes it', async () => {
    await page.goto(`${t.url}/iam/apikeys`);
    await heading('API keys');
    await page.getByRole('button', { name: 'Create' }).click();
    await dialog('Create IBM Cloud API key').getByLabel('Name', { exact: true }).fill('ci');
    await dialog('Create IBM Cloud API key').getByRole('button', { name: 'Create' }).click();
    const value = (await page.getByTestId('apikey-value').textContent())!;
    await dialog('API key successfully created').getByRole('button', { name: 'Close', exact: true }).first().click();
    const actions = page.getByRole('button', { name: 'Actions for API key ci' });
    await actions.click();
    await page.getByRole('menuitem', { name: 'Lock' }).click();
    await page.getByRole('row').filter({ hasText: 'ci' }).getByText('Locked').waitFor();
    const refused = await t.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: value } });
    expect(refused.status).toBe(400);
    await actions.click();
    expect(await page.getByRole('menuitem', { name: 'Delete' }).isDisabled()).toBe(true);
    await page.getByRole('menuitem', { name: 'Unlock' }).click();
    await page.getByRole('status').filter({ hasText: 'Unlocked ci.' }).waitFor();
    expect(await t.tokenFor(value)).toMatch(/^ey/);
    await actions.click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await dialog('Delete API key').getByRole('button', { name: 'Delete' }).click();
    await poll(() => page.getByRole('button', { name: 'Actions for API key ci' }).count()).toBe(0);
    await expectAccessible(page, 'apikeys (admin)');
  });

  it('submits an estimator circuit and shows its expectation values by observable', async () => {
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const inst = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-estimates', target: 'us-east', resource_group: rg, resource_plan_id: 'open' } })).body;
    await page.goto(`${t.url}/quantum/${inst.guid}`);
    await heading('Jobs on QR-estimates');
    await page.getByRole('button', { name: 'Submit a circuit' }).click();
    const d = dialog('Submit a circuit');
    await d.getByLabel('Primitive').selectOption('estimator');
    await d.getByLabel('Observables').fill('ZZ, XX, ZI');
    await d.getByLabel('OpenQASM 3 circuit').fill('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\n');
    await d.getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('job-status').filter({ hasText: 'Completed' }).waitFor();
    const table = page.getByRole('table', { name: 'Expectation values' });
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^0ZZ1\.000000/);
    expect(rows[1]).toMatch(/^0XX1\.000000/);
    expect(rows[2]).toMatch(/^0ZI-?0\.000000/);
    await page.getByText('Circuit', { exact: true }).click();
    await page.getByText('cx q[0], q[1];').waitFor();
    await expectAccessible(page, 'estimator job');
    await screenshot(page, 'job-estimator');
  });

  it('cancels a running job from its page, then deletes the instance', async () => {
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const inst = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-scratch', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body;
    const layers = Array.from({ length: 900 }, (_, i) => `h q;\ncx q[${i % 23}], q[${(i % 23) + 1}];`).join('\n');
    const job = await t.request('POST', '/api/v1/jobs', {
      token: admin, headers: { 'service-crn': inst.crn },
      body: { program_id: 'sampler', params: { pubs: [[`OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[24] q;\nbit[24] c;\n${layers}\nc = measure q;\n`, null, 10]] } },
    });
    expect(job.status).toBe(200);
    await page.goto(`${t.url}/quantum/${inst.guid}/jobs/${job.body.id}`);
    await heading(`Job ${job.body.id}`);
    await page.getByTestId('job-status').filter({ hasText: /Queued|Running/ }).waitFor();
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByTestId('job-status').filter({ hasText: 'Cancelled' }).waitFor({ timeout: 30_000 });
    await page.goto(`${t.url}/resources/${inst.guid}`);
    await heading('QR-scratch');
    await page.getByRole('button', { name: 'Delete instance' }).click();
    await dialog('Delete instance').getByRole('button', { name: 'Delete' }).click();
    await heading('Service instances');
    expect((await t.request('GET', `/v2/resource_instances/${inst.guid}`, { token: admin })).body.state).toBe('removed');
    expect(errors).toEqual([]);
  });
});
