/**
 * The console's resource groups screen, an instance's usage, limit and open sessions, and disabling a user, in
 * Chromium against a real server: each change is checked through the API, each new screen and dialog with axe-core,
 * and someone without the rights sees the actions disabled while the API refuses them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, launchBrowser, poll, screenshot, signedInPage, submitSignIn } from './browser.js';

describe.skipIf(!browserAvailable())('console: resource groups, instance usage and sessions, disabling users (Chromium)', { timeout: 120_000 }, () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let defaultGroup: string;
  const errors: string[] = [];
  const dialog = (name: string) => page.getByRole('dialog', { name });
  const heading = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name }).waitFor();
  const groupNames = async () => (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources.map((g: { name: string }) => g.name).sort();

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [t, browser] = await Promise.all([startTestServer({ store: 'sqlite' }), launchBrowser()]);
    admin = await t.adminToken();
    defaultGroup = (await t.request('GET', '/v2/resource_groups?default=true', { token: admin })).body.resources[0].id;
    page = await signedInPage(browser, t.url, errors, { width: 1280, height: 800 });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-more-screens').catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists, creates, renames and deletes resource groups; a refused deletion shows the server’s message', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Resource groups' }).click();
    await heading(page, 'Resource groups');
    const table = page.getByRole('table', { name: 'Resource groups' });
    await table.getByRole('row').filter({ hasText: defaultGroup }).getByRole('cell', { name: 'Yes', exact: true }).waitFor();
    await expectAccessible(page, 'resource groups');

    await page.getByRole('button', { name: 'Create resource group' }).click();
    const create = dialog('Create a resource group');
    await expectAccessible(page, 'create resource group dialog');
    await create.getByLabel('Name').fill('bad/name');
    await create.getByRole('button', { name: 'Create' }).click();
    await create.getByText("field 'name' must be 1 to 40 characters").waitFor();
    expect(await create.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await create.getByLabel('Name').fill('research');
    await create.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('status').filter({ hasText: 'Created research.' }).waitFor();
    expect(await groupNames()).toEqual(['Default', 'research']);
    const research = (await t.request('GET', '/v2/resource_groups?name=research', { token: admin })).body.resources[0].id as string;

    await page.getByRole('button', { name: 'Actions for resource group research' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    const rename = dialog('Rename resource group');
    expect(await rename.getByLabel('Name').inputValue()).toBe('research');
    await expectAccessible(page, 'rename resource group dialog');
    await rename.getByLabel('Name').fill('research-lab');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await table.getByRole('cell', { name: 'research-lab', exact: true }).waitFor();
    expect((await t.request('GET', `/v2/resource_groups/${research}`, { token: admin })).body.name).toBe('research-lab');

    // A group with an instance, and the default group, are refused with the server's reason.
    const inst = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-in-lab', target: 'us-east', resource_group: research, resource_plan_id: 'open' } })).body;
    await page.getByRole('button', { name: 'Actions for resource group research-lab' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = dialog('Delete resource group');
    await expectAccessible(page, 'delete resource group dialog');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByText('still has 1 service instances; delete them first').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Actions for resource group Default' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByText("is the account's default group and cannot be deleted").waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await groupNames()).toEqual(['Default', 'research-lab']);

    expect((await t.request('DELETE', `/v2/resource_instances/${inst.guid}`, { token: admin })).status).toBeLessThan(300);
    await page.getByRole('button', { name: 'Actions for resource group research-lab' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted research-lab.' }).waitFor();
    await poll(() => table.getByRole('cell', { name: 'research-lab', exact: true }).count()).toBe(0);
    expect(await groupNames()).toEqual(['Default']);
    await screenshot(page, 'resource-groups');
  });

  it("shows an instance's usage and limit, sets the limit, and closes one of its open sessions", async () => {
    const inst = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-usage', target: 'us-east', resource_group: defaultGroup, resource_plan_id: 'standard' } })).body;
    const runtime = { token: admin, headers: { 'service-crn': inst.crn } };
    const batch = await t.request('POST', '/api/v1/sessions', { ...runtime, body: { mode: 'batch' } });
    const dedicated = await t.request('POST', '/api/v1/sessions', { ...runtime, body: { mode: 'dedicated' } });
    expect([batch.status, dedicated.status], batch.text + dedicated.text).toEqual([200, 200]);

    await page.goto(`${t.url}/resources/${inst.guid}`);
    await heading(page, 'QR-usage');
    const usage = page.getByTestId('instance-usage');
    await usage.getByText('0 s (no limit)').waitFor();
    await page.getByTestId('instance-limit').filter({ hasText: 'None' }).waitFor();
    const sessions = page.getByRole('table', { name: 'Open sessions and batches' });
    await poll(() => sessions.locator('tbody tr').count()).toBe(2);
    await sessions.getByRole('row').filter({ hasText: batch.body.id }).getByRole('cell', { name: 'Batch', exact: true }).waitFor();
    await sessions.getByRole('row').filter({ hasText: dedicated.body.id }).getByRole('cell', { name: 'Session', exact: true }).waitFor();
    await expectAccessible(page, 'instance with usage and sessions');

    await page.getByRole('button', { name: 'Edit usage limit' }).click();
    const edit = dialog('Edit usage limit');
    await expectAccessible(page, 'edit usage limit dialog');
    await edit.getByLabel('Monthly limit in seconds').fill('ten');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText("field 'instance_limit' must be a whole number").waitFor();
    expect(await edit.getByLabel('Monthly limit in seconds').getAttribute('aria-invalid')).toBe('true');
    await edit.getByLabel('Monthly limit in seconds').fill('120');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Set the instance limit to 120 s a month.' }).waitFor();
    await usage.getByText('0 s of 120 s').waitFor();
    expect((await t.request('GET', '/api/v1/instances/configuration', runtime)).body).toEqual({ instance_limit: 120 });

    await sessions.getByRole('button', { name: `Close session ${dedicated.body.id}` }).click();
    const confirm = dialog('Close session');
    await expectAccessible(page, 'close session dialog');
    await confirm.getByRole('button', { name: 'Close session' }).click();
    await page.getByRole('status').filter({ hasText: `Closed ${dedicated.body.id}.` }).waitFor();
    await poll(() => sessions.locator('tbody tr').count()).toBe(1);
    const closed = await t.request('GET', `/api/v1/sessions/${dedicated.body.id}`, runtime);
    expect([closed.body.state, closed.body.accepting_jobs]).toEqual(['closed', false]);
    expect((await t.request('GET', `/api/v1/sessions/${batch.body.id}`, runtime)).body.state).not.toBe('closed');

    // Clearing the field removes the instance's own limit.
    await page.getByRole('button', { name: 'Edit usage limit' }).click();
    expect(await edit.getByLabel('Monthly limit in seconds').inputValue()).toBe('120');
    await edit.getByLabel('Monthly limit in seconds').fill('');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed the instance limit.' }).waitFor();
    expect((await t.request('GET', '/api/v1/instances/configuration', runtime)).body).toEqual({ instance_limit: null });
    await screenshot(page, 'instance-usage-sessions');
  });

  it('disables a user from their page (their API key is then refused) and enables them again from the ⋮ menu', async () => {
    const dora = await t.addUser('dora@lab.example');
    await page.goto(`${t.url}/iam/users/${dora.iamId}`);
    await heading(page, 'dora');
    await page.getByRole('button', { name: 'User actions' }).click();
    await page.getByRole('menuitem', { name: 'Disable user' }).click();
    const disable = dialog('Disable user');
    await expectAccessible(page, 'disable user dialog');
    await disable.getByRole('button', { name: 'Cancel' }).click();
    expect((await t.request('GET', `/v2/accounts/${t.accountId}/users/${dora.iamId}`, { token: admin })).body.state).toBe('ACTIVE');
    await page.getByRole('button', { name: 'User actions' }).click();
    await page.getByRole('menuitem', { name: 'Disable user' }).click();
    await disable.getByRole('button', { name: 'Disable user' }).click();
    await page.getByRole('status').filter({ hasText: 'Disabled dora@lab.example.' }).waitFor();
    await page.locator('.details').getByText('Disabled', { exact: true }).waitFor();
    expect((await t.request('GET', `/v2/accounts/${t.accountId}/users/${dora.iamId}`, { token: admin })).body.state).toBe('DISABLED');
    const refused = await t.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: dora.apikey } });
    expect(refused.status).toBeGreaterThanOrEqual(400);

    await page.goto(`${t.url}/iam/users`);
    await heading(page, 'Users');
    await page.getByRole('row').filter({ hasText: 'dora@lab.example' }).getByText('Disabled').waitFor();
    await page.getByRole('button', { name: 'Actions for dora@lab.example' }).click();
    await page.getByRole('menuitem', { name: 'Enable user' }).click();
    const enable = dialog('Enable user');
    await expectAccessible(page, 'enable user dialog');
    await enable.getByRole('button', { name: 'Enable user' }).click();
    await page.getByRole('status').filter({ hasText: 'Enabled dora@lab.example.' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'dora@lab.example' }).getByText('Active').waitFor();
    expect((await t.request('GET', `/v2/accounts/${t.accountId}/users/${dora.iamId}`, { token: admin })).body.state).toBe('ACTIVE');
    expect(await t.tokenFor(dora.apikey)).toMatch(/^ey/);
    expect(errors).toEqual([]);
  });

  it('disables these actions for someone who may only read, and the API refuses them', async () => {
    const inst = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-read', target: 'us-east', resource_group: defaultGroup, resource_plan_id: 'standard' } })).body;
    const open = await t.request('POST', '/api/v1/sessions', { token: admin, headers: { 'service-crn': inst.crn }, body: { mode: 'batch' } });
    expect(open.status, open.text).toBe(200);
    const reader = await t.addUser('reader@lab.example');
    const grant = async (roles: string[], resource: Array<{ name: string; value: string }>) => {
      const policy = await t.request('POST', '/v1/policies', { token: admin, body: {
        type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: reader.iamId }] }], roles: roles.map((r) => ({ role_id: `crn:v1:bluemix:public:iam::::${r}` })),
        resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, ...resource] }],
      } });
      expect(policy.status, policy.text).toBe(201);
    };
    await grant(['role:Viewer', 'serviceRole:Reader'], [{ name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: inst.guid }]);
    await grant(['role:Viewer'], [{ name: 'resourceType', value: 'resource-group' }]);
    await grant(['role:Viewer'], [{ name: 'serviceName', value: 'user-management' }]);
    const token = (await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: 'reader@lab.example', password: reader.password } })).body.access_token as string;
    const other = await browser.newPage();
    other.setDefaultTimeout(30_000);
    // The buttons stay disabled until the decision point answers: wait for its answer about `action`.
    const decided = (action: string) => other.waitForResponse((r) => r.url().endsWith('/v2/authz') && (r.request().postData() ?? '').includes(action));
    try {
      await other.goto(`${t.url}/signin`);
      await submitSignIn(other, 'reader@lab.example', reader.password);
      await heading(other, 'Dashboard');

      let answer = decided('resource-controller.group.delete');
      await other.goto(`${t.url}/resources/groups`);
      await heading(other, 'Resource groups');
      await other.getByRole('table', { name: 'Resource groups' }).getByRole('row').filter({ hasText: defaultGroup }).waitFor();
      await answer;
      await other.waitForTimeout(100);
      expect(await other.getByRole('button', { name: 'Create resource group' }).isDisabled()).toBe(true);
      await other.getByRole('button', { name: 'Actions for resource group Default' }).click();
      expect(await other.getByRole('menuitem', { name: 'Rename' }).isDisabled()).toBe(true);
      expect(await other.getByRole('menuitem', { name: 'Delete' }).isDisabled()).toBe(true);
      expect((await t.request('POST', '/v2/resource_groups', { token, body: { name: 'mine' } })).status).toBe(403);
      expect((await t.request('PATCH', `/v2/resource_groups/${defaultGroup}`, { token, body: { name: 'mine' } })).status).toBe(403);

      answer = decided('quantum-computing.instance.configuration.update');
      await other.goto(`${t.url}/resources/${inst.guid}`);
      await heading(other, 'QR-read');
      await other.getByTestId('instance-usage').getByText('(no limit)').waitFor();
      const sessions = other.getByRole('table', { name: 'Open sessions and batches' });
      await poll(() => sessions.locator('tbody tr').count()).toBe(1);
      await answer;
      await other.waitForTimeout(100);
      expect(await other.getByRole('button', { name: 'Edit usage limit' }).isDisabled()).toBe(true);
      expect(await sessions.getByRole('button', { name: `Close batch ${open.body.id}` }).isDisabled()).toBe(true);
      const runtime = { token, headers: { 'service-crn': inst.crn } };
      expect((await t.request('PUT', '/api/v1/instances/configuration', { ...runtime, body: { instance_limit: 1 } })).status).toBe(403);
      expect((await t.request('DELETE', `/api/v1/sessions/${open.body.id}/close`, runtime)).status).toBe(403);
      await expectAccessible(other, 'instance (reader)');

      answer = decided('user-management.user.update-state');
      await other.goto(`${t.url}/iam/users`);
      await heading(other, 'Users');
      await other.getByRole('row').filter({ hasText: 'admin@example.com' }).waitFor();
      await answer;
      await other.waitForTimeout(100);
      await other.getByRole('button', { name: 'Actions for admin@example.com' }).click();
      expect(await other.getByRole('menuitem', { name: 'Disable user' }).isDisabled()).toBe(true);
      const adminId = (await t.request('GET', `/v2/accounts/${t.accountId}/users?search=email:admin@example.com`, { token: admin })).body.resources[0].iam_id;
      expect((await t.request('PATCH', `/v2/accounts/${t.accountId}/users/${adminId}`, { token, body: { state: 'DISABLED' } })).status).toBe(403);
      expect((await t.request('GET', `/v2/accounts/${t.accountId}/users/${adminId}`, { token: admin })).body.state).toBe('ACTIVE');
    } finally {
      await other.close();
    }
    expect(errors).toEqual([]);
  });
});
