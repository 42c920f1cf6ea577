/**
 * The seed tutorial through the console, in headless Chromium: the administrator creates the instances, the custom
 * role, the ml and finance access groups with their access, and invites Fatima, Ravi and Amyra with the Invite
 * users dialog; each accepts at /invite/<token>, lands signed in, makes an API key and runs a circuit; each sees
 * only their projects' instances and jobs; Amyra deletes a job (custom role); the administrator reassigns a group
 * and removes a user with the ⋮ menu. Each main screen is screenshotted and checked with axe-core.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, launchBrowser, poll, screenshot, submitSignIn } from './browser.js';

const PEOPLE = { fatima: ['ml'], ravi: ['finance'], amyra: ['ml', 'finance'] } as const;
type Person = keyof typeof PEOPLE;
const email = (p: Person) => `${p}@seed.example`;
const password = (p: Person) => `violet harbor lantern ${Object.keys(PEOPLE).indexOf(p) + 7} orbit`;

describe.skipIf(!browserAvailable())('console: the seed scenario through the UI (Chromium)', { timeout: 120_000 }, () => {
  let t: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Partial<Record<Person | 'admin', Page>> = {};
  const errors: string[] = [];
  const instances: Record<string, string> = {};
  const apikeys: Partial<Record<Person, string>> = {};
  const jobs: Record<string, string> = {};

  const open = async (who: Person | 'admin') => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    pages[who] = page;
    return page;
  };
  const go = (page: Page, path: string) => page.goto(`${t.url}${path}`);
  const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
  const checkbox = (scope: Locator | Page, name: string | RegExp) => scope.getByRole('checkbox', { name: typeof name === 'string' ? new RegExp(`^${name}\\b`) : name });
  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();
  const rowNames = async (page: Page) => (await page.getByRole('table').first().locator('tbody tr td:first-child').allTextContents()).sort();

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [t, browser] = await Promise.all([startTestServer({ store: 'sqlite' }), launchBrowser()]);
  });
  // A failed step leaves a picture of every open page, to see what the person saw.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of Object.entries(pages)) await screenshot(page, `failed-${who}`).catch(() => undefined);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('the administrator signs in', async () => {
    const page = await open('admin');
    await go(page, '/');
    await submitSignIn(page);
    await heading(page, 'Dashboard');
    await expectAccessible(page, 'dashboard');
    await screenshot(page, 'dashboard');
  });

  it('creates the three instances with a plan and a location, and sees each one\'s CRN', async () => {
    const page = pages.admin!;
    for (const name of ['QR-ml', 'QR-finance', 'QR-common']) {
      await nav(page, 'Service instances');
      await heading(page, 'Service instances');
      await page.getByRole('button', { name: 'Create instance' }).click();
      const d = dialog(page, 'Create a Qiskit Runtime instance');
      await d.getByLabel('Name', { exact: true }).fill(name);
      await d.getByRole('radio', { name: /^Standard/ }).check();
      await d.getByLabel('Location').selectOption('us-east');
      if (name === 'QR-ml') {
        await expectAccessible(page, 'create-instance dialog');
        await screenshot(page, 'create-instance');
      }
      await d.getByRole('button', { name: 'Create' }).click();
      await heading(page, name);
      const crn = await page.getByTestId('instance-crn').textContent();
      expect(crn).toMatch(/^crn:v1:[^:]+:[^:]+:quantum-computing:us-east:a\/[^:]+:[0-9a-f-]{36}::$/);
      instances[name] = new URL(page.url()).pathname.split('/').pop()!;
    }
    await expectAccessible(page, 'instance');
    await screenshot(page, 'instance');
    await nav(page, 'Service instances');
    await poll(() => rowNames(page)).toEqual(['QR-common', 'QR-finance', 'QR-ml']);
    await expectAccessible(page, 'resources');
    await screenshot(page, 'resources');
  });

  it('creates the custom role with quantum-computing.job.delete from the action picker', async () => {
    const page = pages.admin!;
    await nav(page, 'Roles');
    await heading(page, 'Roles');
    await page.getByRole('button', { name: 'Create custom role' }).click();
    const d = dialog(page, 'Create custom role');
    await d.getByLabel('Name', { exact: true }).fill('Job deleter');
    await d.getByLabel('ID').fill('JobDeleter');
    await d.getByLabel('Service', { exact: true }).selectOption('quantum-computing');
    await d.getByRole('checkbox', { name: 'quantum-computing.job.delete', exact: true }).check();
    await expectAccessible(page, 'create-role dialog');
    await screenshot(page, 'create-role');
    await d.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'Job deleter', exact: true }).waitFor();
    await expectAccessible(page, 'roles');
    await screenshot(page, 'roles');
  });

  it('creates the ml and finance access groups, each with access to its instances and QR-common', async () => {
    const page = pages.admin!;
    for (const [group, own] of [['ml', 'QR-ml'], ['finance', 'QR-finance']] as const) {
      await nav(page, 'Access groups');
      await heading(page, 'Access groups');
      await page.getByRole('button', { name: 'Create access group' }).click();
      const create = dialog(page, 'Create access group');
      await create.getByLabel('Name', { exact: true }).fill(group);
      await create.getByLabel('Description (optional)').fill(`The ${group} project`);
      await create.getByRole('button', { name: 'Create' }).click();
      await heading(page, group);
      await page.getByRole('button', { name: 'Assign access' }).click();
      const assign = dialog(page, 'Assign access');
      await assign.getByLabel('Service', { exact: true }).selectOption('quantum-computing');
      await checkbox(assign, own).check();
      await checkbox(assign, 'QR-common').check();
      await checkbox(assign, 'Viewer').check();
      await checkbox(assign, 'Writer').check();
      await checkbox(assign, 'Job deleter').check();
      if (group === 'ml') {
        await expectAccessible(page, 'assign-access dialog');
        await screenshot(page, 'assign-access');
      }
      await assign.getByRole('button', { name: 'Assign' }).click();
      await page.getByRole('status').filter({ hasText: 'Assigned access (2 policies)' }).waitFor();
      const access = page.getByRole('region', { name: 'Access' });
      await poll(() => access.locator('tbody tr').count()).toBe(2);
      expect(await access.textContent()).toContain(`Instance ${own}`);
      expect(await access.textContent()).toContain('Job deleter');
    }
    await expectAccessible(page, 'group');
    await screenshot(page, 'group');
    await nav(page, 'Access groups');
    await page.getByRole('link', { name: 'finance' }).waitFor();
    await expectAccessible(page, 'groups');
    await screenshot(page, 'groups');
  });

  it('invites Fatima, Ravi and Amyra with the Invite users dialog, into their projects\' groups', async () => {
    const page = pages.admin!;
    for (const person of Object.keys(PEOPLE) as Person[]) {
      await nav(page, 'Users');
      await heading(page, 'Users');
      await page.getByRole('button', { name: 'Invite users' }).click();
      const d = dialog(page, 'Invite users');
      await d.getByLabel('Email addresses').fill(email(person));
      for (const group of PEOPLE[person]) await checkbox(d, group).check();
      if (person === 'amyra') {
        await expectAccessible(page, 'invite dialog');
        await screenshot(page, 'invite-users');
      }
      await d.getByRole('button', { name: 'Invite', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Invited 1 user' }).waitFor();
    }
    const pending = page.getByRole('region', { name: 'Pending invitations' });
    await poll(() => pending.locator('tbody tr').count()).toBe(3);
    const ravi = page.getByRole('row').filter({ hasText: email('ravi') }).first();
    await poll(() => ravi.textContent()).toContain('Pending invitation');
    // Sending again makes a new link (the old one stops working).
    await pending.getByRole('button', { name: `Resend invitation to ${email('ravi')}` }).click();
    await page.getByRole('status').filter({ hasText: `Sent the invitation to ${email('ravi')} again.` }).waitFor();
    await expectAccessible(page, 'users with invitations');
    await screenshot(page, 'users-pending');
  });

  it('each accepts at /invite/<token>, chooses a password and lands signed in', async () => {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const page = await open(person);
      await go(page, `/invite/${t.invitationToken(email(person))}`);
      await heading(page, 'Accept your invitation');
      await page.getByText(email(person)).first().waitFor();
      if (person === 'fatima') {
        await expectAccessible(page, 'invitation');
        await screenshot(page, 'invitation');
      }
      await page.getByLabel('First name (optional)').fill(person[0]!.toUpperCase() + person.slice(1));
      await page.getByLabel('Password', { exact: true }).fill(password(person));
      await page.getByLabel('Password again').fill(password(person));
      await page.getByRole('button', { name: 'Join and sign in' }).click();
      await heading(page, 'Dashboard');
      await page.getByText(`Welcome, ${person[0]!.toUpperCase()}${person.slice(1)}.`).waitFor();
    }
    // The invitation link is single-use.
    const again = pages.fatima!;
    await go(again, `/invite/${t.invitationToken(email('fatima'))}`);
    await again.getByRole('alert').filter({ hasText: 'This invitation cannot be used' }).waitFor();
  });

  it('each makes an API key, whose value is shown once and signs in to the API', async () => {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const page = pages[person]!;
      await go(page, '/iam/apikeys');
      await heading(page, 'API keys');
      await page.getByRole('button', { name: 'Create' }).click();
      const d = dialog(page, 'Create IBM Cloud API key');
      await d.getByLabel('Name', { exact: true }).fill('qiskit');
      await d.getByRole('button', { name: 'Create' }).click();
      const shown = dialog(page, 'API key successfully created');
      const value = (await shown.getByTestId('apikey-value').textContent())!;
      expect(value.length).toBeGreaterThanOrEqual(40);
      if (person === 'fatima') {
        const download = page.waitForEvent('download');
        await shown.getByRole('button', { name: 'Download' }).click();
        expect((await download).suggestedFilename()).toBe('apikey.json');
        await expectAccessible(page, 'apikey created');
        await screenshot(page, 'apikey-created');
      }
      await shown.getByRole('button', { name: 'Close', exact: true }).first().click();
      await page.getByRole('cell', { name: 'qiskit', exact: true }).waitFor();
      expect(await page.content()).not.toContain(value);
      apikeys[person] = value;
      expect(await t.tokenFor(value)).toMatch(/^ey/);
    }
    await expectAccessible(pages.fatima!, 'apikeys');
    await screenshot(pages.fatima!, 'apikeys');
  });

  it('Fatima submits a Bell circuit on QR-ml and sees its histogram of counts', async () => {
    const page = pages.fatima!;
    await nav(page, 'Quantum jobs');
    await heading(page, 'Quantum jobs');
    await expectAccessible(page, 'quantum');
    await screenshot(page, 'quantum');
    await page.getByRole('link', { name: /QR-ml/ }).click();
    await heading(page, 'Jobs on QR-ml');
    await page.getByRole('button', { name: 'Submit a circuit' }).click();
    const d = dialog(page, 'Submit a circuit');
    await d.getByLabel('Shots', { exact: true }).fill('200');
    expect(await d.getByLabel('OpenQASM 3 circuit').inputValue()).toContain('cx q[0], q[1];');
    await expectAccessible(page, 'submit dialog');
    await screenshot(page, 'submit-circuit');
    await d.getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('job-status').filter({ hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    jobs.fatima = new URL(page.url()).pathname.split('/').pop()!;
    const histogram = page.getByRole('img', { name: /^Histogram:/ });
    const label = (await histogram.getAttribute('aria-label'))!;
    const counts = Object.fromEntries([...label.matchAll(/([01]{2}): (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    expect(Object.keys(counts).sort()).toEqual(['00', '11']);
    expect(counts['00']! + counts['11']!).toBe(200);
    expect(await page.getByRole('button', { name: 'Delete job' }).isEnabled()).toBe(true);
    await expectAccessible(page, 'job');
    await screenshot(page, 'job');
    await page.getByRole('link', { name: 'QR-ml' }).click();
    await page.getByRole('link', { name: jobs.fatima }).waitFor();
    await expectAccessible(page, 'jobs');
    await screenshot(page, 'jobs');
  });

  it('each sees exactly their projects\' instances; Ravi cannot open Fatima\'s job', async () => {
    const seen: Record<string, string[]> = {};
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const page = pages[person]!;
      await go(page, '/resources');
      await heading(page, 'Service instances');
      await page.locator('tbody tr').first().waitFor();
      seen[person] = await rowNames(page);
    }
    expect(seen).toEqual({ fatima: ['QR-common', 'QR-ml'], ravi: ['QR-common', 'QR-finance'], amyra: ['QR-common', 'QR-finance', 'QR-ml'] });
    const ravi = pages.ravi!;
    // Only an administrator may create instances: the button is disabled, and the server refuses anyway.
    await poll(() => ravi.getByRole('button', { name: 'Create instance' }).isDisabled()).toBe(true);
    await go(ravi, `/quantum/${instances['QR-ml']}/jobs/${jobs.fatima}`);
    await ravi.getByRole('alert').first().waitFor();
    expect(await ravi.getByTestId('job-status').count()).toBe(0);
  });

  it('Amyra runs a job on QR-common, Ravi sees it there, and Amyra deletes it (the custom role)', async () => {
    const page = pages.amyra!;
    await go(page, `/quantum/${instances['QR-common']}`);
    await heading(page, 'Jobs on QR-common');
    await page.getByRole('button', { name: 'Submit a circuit' }).click();
    await dialog(page, 'Submit a circuit').getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('job-status').filter({ hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const ravi = pages.ravi!;
    await go(ravi, `/quantum/${instances['QR-common']}`);
    await ravi.getByRole('link', { name: id }).waitFor();
    await page.getByRole('button', { name: 'Delete job' }).click();
    await dialog(page, 'Delete job').getByRole('button', { name: 'Delete' }).click();
    await heading(page, 'Jobs on QR-common');
    await page.getByText('No jobs match.').waitFor();
    const gone = await t.request('GET', `/api/v1/jobs/${id}`, { token: await t.tokenFor(apikeys.amyra!), headers: { 'service-crn': (await t.request('GET', `/v2/resource_instances/${instances['QR-common']}`, { token: await t.adminToken() })).body.crn } });
    expect(gone.status).toBe(404);
  });

  it('hides what a member may not do, while the server still refuses it', async () => {
    const page = pages.fatima!;
    await go(page, '/iam/users');
    await heading(page, 'Users');
    await poll(() => page.getByRole('button', { name: 'Invite users' }).isDisabled()).toBe(true);
    const token = await t.tokenFor(apikeys.fatima!);
    const refused = await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token, body: { users: [{ email: 'sneaky@seed.example' }] } });
    expect(refused.status).toBe(403);
    await go(page, '/iam/roles');
    await heading(page, 'Roles');
    await poll(() => page.getByRole('button', { name: 'Create custom role' }).isDisabled()).toBe(true);
    // The audit trail is not offered to a member, and the API refuses it.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Service IDs' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    expect((await t.request('GET', '/v1/audit/events', { token })).status).toBe(403);
  });

  it('the administrator assigns Fatima to finance, takes her out of ml, and the change shows on her page', async () => {
    const page = pages.admin!;
    await nav(page, 'Users');
    await page.getByRole('link', { name: 'Fatima' }).click();
    await heading(page, 'Fatima');
    const groups = page.getByRole('region', { name: 'Access groups' });
    await groups.getByRole('link', { name: 'ml' }).waitFor();
    await page.getByRole('button', { name: 'Assign group' }).click();
    const d = dialog(page, 'Assign group');
    await checkbox(d, 'finance').check();
    await d.getByRole('button', { name: 'Add to groups' }).click();
    await groups.getByRole('link', { name: 'finance' }).waitFor();
    await groups.getByRole('button', { name: 'Actions for group ml' }).click();
    await page.getByRole('menuitem', { name: 'Remove from group' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed from ml.' }).waitFor();
    await poll(async () => (await groups.locator('tbody td:first-child').allTextContents()).sort()).toEqual(['finance']);
    await expectAccessible(page, 'user');
    await screenshot(page, 'user');
    // Fatima now sees finance's instances instead of ml's.
    await go(pages.fatima!, '/resources');
    await pages.fatima!.getByRole('link', { name: 'QR-finance' }).waitFor();
    expect(await rowNames(pages.fatima!)).toEqual(['QR-common', 'QR-finance']);
  });

  it('the administrator removes Ravi with the ⋮ menu, and Ravi\'s session ends', async () => {
    const page = pages.admin!;
    await nav(page, 'Users');
    await heading(page, 'Users');
    const menu = page.getByRole('button', { name: `Actions for ${email('ravi')}` });
    await menu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Remove user' }).waitFor();
    await expectAccessible(page, 'overflow menu');
    await page.getByRole('menuitem', { name: 'Remove user' }).click();
    await dialog(page, 'Remove user').getByRole('button', { name: 'Remove user' }).click();
    await page.getByRole('status').filter({ hasText: `Removed ${email('ravi')}.` }).waitFor();
    await poll(() => page.getByRole('row').filter({ hasText: email('ravi') }).count()).toBe(0);
    expect((await t.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: apikeys.ravi! } })).status).toBe(400);
    const ravi = pages.ravi!;
    await go(ravi, '/resources');
    await heading(ravi, 'Sign in');
  });

  it('the administrator creates a service ID and reads the audit trail, filtered', async () => {
    const page = pages.admin!;
    await nav(page, 'Service IDs');
    await heading(page, 'Service IDs');
    await page.getByRole('button', { name: 'Create' }).click();
    const d = dialog(page, 'Create a service ID');
    await d.getByLabel('Name', { exact: true }).fill('pipeline');
    await d.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'pipeline', exact: true }).waitFor();
    await expectAccessible(page, 'serviceids');
    await screenshot(page, 'serviceids');
    await t.qgate.services.audit.flush();
    await nav(page, 'Audit trail');
    await heading(page, 'Audit trail');
    await page.getByLabel('Action', { exact: true }).fill('user-management.user.*');
    await page.getByRole('button', { name: 'Filter' }).click();
    await poll(async () => {
      const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
      return actions.length > 0 && actions.every((a) => a.startsWith('user-management.user.')) && actions.includes('user-management.user.remove');
    }).toBe(true);
    await expectAccessible(page, 'audit');
    await screenshot(page, 'audit');
    expect(errors).toEqual([]);
  });
});
