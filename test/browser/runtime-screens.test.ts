/**
 * The Qiskit Runtime API's job tags, job logs and a session's accepting_jobs in the console, in Chromium against a
 * real server (one worker, so a long job keeps another queued): each change is checked through the API, the new
 * parts with axe-core, and someone who may only read sees the actions disabled while the API refuses them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { instancePolicy } from '../helpers/access.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, launchBrowser, poll, screenshot, signedInPage, submitSignIn } from './browser.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';
/** Runs far longer than a test: 24 qubits through 900 layers. */
const LONG = `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[24] q;\nbit[24] c;\n${Array.from({ length: 900 }, (_, i) => `h q;\ncx q[${i % 23}], q[${(i % 23) + 1}];`).join('\n')}\nc = measure q;\n`;

describe.skipIf(!browserAvailable())('console: job tags and logs, sessions accepting jobs (Chromium)', { timeout: 120_000 }, () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let inst: { guid: string; crn: string };
  const errors: string[] = [];
  const runtime = () => ({ token: admin, headers: { 'service-crn': inst.crn } });
  const heading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name }).waitFor();
  const submit = async (circuit: string, extra: Record<string, unknown> = {}) => {
    const job = await t.request('POST', '/api/v1/jobs', { ...runtime(), body: { program_id: 'sampler', params: { pubs: [[circuit, null, 10]] }, ...extra } });
    expect(job.status, job.text).toBe(200);
    return job.body.id as string;
  };
  const jobOf = async (id: string) => (await t.request('GET', `/api/v1/jobs/${id}`, runtime())).body;
  /** Long jobs still running when a test ends, cancelled so the next one has the worker. */
  const longJobs: string[] = [];

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [t, browser] = await Promise.all([startTestServer({ store: 'sqlite', env: { QGATE_WORKERS: '1' } }), launchBrowser()]);
    admin = await t.adminToken();
    const rg = (await t.request('GET', '/v2/resource_groups?default=true', { token: admin })).body.resources[0].id;
    inst = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-runtime', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body;
    page = await signedInPage(browser, t.url, errors);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-runtime-screens').catch(() => undefined);
    for (const id of longJobs.splice(0)) await t.request('POST', `/api/v1/jobs/${id}/cancel`, runtime());
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows a job's tags and replaces them; a tag too long is refused beside the field, the server's refusal in the dialog", async () => {
    const id = await submit(BELL, { tags: ['bell'] });
    await page.goto(`${t.url}/quantum/${inst.guid}/jobs/${id}`);
    await heading(page, `Job ${id}`);
    const tags = page.getByTestId('job-tags');
    await tags.locator('.tag', { hasText: 'bell' }).waitFor();
    await page.getByTestId('job-status').filter({ hasText: 'Completed' }).waitFor();
    await expectAccessible(page, 'job with tags');

    await page.getByRole('button', { name: 'Edit tags' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit tags' });
    const field = dialog.getByLabel('Tags');
    expect(await field.inputValue()).toBe('bell');
    await expectAccessible(page, 'edit tags dialog');
    await field.fill(`bell, ${'x'.repeat(101)}`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText("field 'tags.1' must be at most 100 characters").waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await jobOf(id)).tags).toEqual(['bell']);

    // Spaces trimmed, empty entries and repeats dropped.
    await field.fill(' bell, calibration, , bell,run-7 ');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the tags: bell, calibration, run-7.' }).waitFor();
    await tags.locator('.tag', { hasText: 'run-7' }).waitFor();
    expect(await tags.locator('.tag').allTextContents()).toEqual(['bell', 'calibration', 'run-7']);
    expect((await jobOf(id)).tags).toEqual(['bell', 'calibration', 'run-7']);
    expect((await t.request('GET', '/api/v1/jobs?tags=calibration', runtime())).body.jobs.map((j: { id: string }) => j.id)).toEqual([id]);

    await page.getByRole('button', { name: 'Edit tags' }).click();
    expect(await field.inputValue()).toBe('bell, calibration, run-7');
    await field.fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed the tags.' }).waitFor();
    await tags.getByText('None').waitFor();
    expect((await jobOf(id)).tags).toEqual([]);

    // A job deleted meanwhile: the dialog shows why the server refused.
    await page.getByRole('button', { name: 'Edit tags' }).click();
    await field.fill('late');
    expect((await t.request('DELETE', `/api/v1/jobs/${id}`, runtime())).status).toBe(204);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').filter({ hasText: `job ${id} not found in this instance` }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(errors).toEqual([]);
  });

  it('keeps tags the comma-separated list cannot hold, sends nothing when nothing was edited, and counts code points', async () => {
    // The API takes tags with commas and spaces at their ends; the list would split or trim them.
    const id = await submit(BELL, { tags: ['a,b', 'plain', ' padded'] });
    const puts: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => { if (r.method() === 'PUT' && r.url().endsWith(`/jobs/${id}/tags`)) puts.push(r.url()); };
    page.on('request', onRequest);
    try {
      await page.goto(`${t.url}/quantum/${inst.guid}/jobs/${id}`);
      await heading(page, `Job ${id}`);
      await page.getByTestId('job-status').filter({ hasText: 'Completed' }).waitFor();
      const dialog = page.getByRole('dialog', { name: 'Edit tags' });
      const field = dialog.getByLabel('Other tags');
      const commaTag = dialog.getByRole('checkbox', { name: 'Keep “a,b”' });

      await page.getByRole('button', { name: 'Edit tags' }).click();
      expect(await field.inputValue()).toBe('plain');
      expect(await commaTag.isChecked()).toBe(true);
      expect(await dialog.getByRole('checkbox', { name: 'Keep “ padded”' }).isChecked()).toBe(true);
      await expectAccessible(page, 'edit tags dialog with tags kept apart');
      await screenshot(page, 'job-tags-kept');
      // Saved unedited: closes, and nothing is sent.
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(puts).toEqual([]);
      expect((await jobOf(id)).tags).toEqual(['a,b', 'plain', ' padded']);

      // Editing the list keeps the others as they are; a tag of 60 emoji is 60 characters to the server too.
      await page.getByRole('button', { name: 'Edit tags' }).click();
      await field.fill(`plain, ${'😀'.repeat(60)}`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await jobOf(id)).tags).toEqual(['a,b', ' padded', 'plain', '😀'.repeat(60)]);

      // 101 code points are refused beside the field, as the server would refuse them.
      await page.getByRole('button', { name: 'Edit tags' }).click();
      await field.fill('😀'.repeat(101));
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.getByText("field 'tags.2' must be at most 100 characters").waitFor();
      const refused = await t.request('PUT', `/api/v1/jobs/${id}/tags`, { ...runtime(), body: { tags: ['😀'.repeat(101)] } });
      expect([refused.status, refused.text]).toEqual([400, expect.stringContaining("field 'tags.0' must be at most 100 characters")]);

      // Unticked, a kept tag goes.
      await field.fill('plain');
      await commaTag.uncheck();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved the tags:  padded, plain.' }).waitFor();
      expect((await jobOf(id)).tags).toEqual([' padded', 'plain']);
      expect(puts).toHaveLength(2);
    } finally {
      page.off('request', onRequest);
    }
    expect(errors).toEqual([]);
  });

  it("shows a job's log when opened: none while it waits, the worker's lines once it has run", async () => {
    const long = await submit(LONG);
    longJobs.push(long);
    await poll(async () => (await jobOf(long)).status).toBe('Running');
    // The only worker is busy: this one waits.
    const id = await submit(BELL);
    await page.goto(`${t.url}/quantum/${inst.guid}/jobs/${id}`);
    await heading(page, `Job ${id}`);
    await page.getByTestId('job-status').filter({ hasText: 'Queued' }).waitFor();
    const logRead = page.waitForResponse((r) => r.url().endsWith(`/jobs/${id}/logs`));
    await page.getByText('Log', { exact: true }).click();
    await logRead;
    await page.getByTestId('job-log-empty').filter({ hasText: 'No log yet: it is written when the job ends.' }).waitFor();
    await expectAccessible(page, 'job with an empty log');

    expect((await t.request('POST', `/api/v1/jobs/${long}/cancel`, runtime())).status).toBe(204);
    // The open log is read again as the job ends.
    await page.getByTestId('job-status').filter({ hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    const log = page.getByTestId('job-log');
    await log.filter({ hasText: 'completed in' }).waitFor();
    const text = (await t.request('GET', `/api/v1/jobs/${id}/logs`, runtime())).text;
    expect(text).toMatch(/claimed by .*\n.* completed in /);
    expect(await log.textContent()).toBe(text);
    await expectAccessible(page, 'job with its log');
    await screenshot(page, 'job-tags-log');

    // A job cancelled before it ran has none.
    const blocker = await submit(LONG);
    longJobs.push(blocker);
    await poll(async () => (await jobOf(blocker)).status).toBe('Running');
    const never = await submit(BELL);
    expect((await t.request('POST', `/api/v1/jobs/${never}/cancel`, runtime())).status).toBe(204);
    expect((await t.request('POST', `/api/v1/jobs/${blocker}/cancel`, runtime())).status).toBe(204);
    await page.goto(`${t.url}/quantum/${inst.guid}/jobs/${never}`);
    await page.getByTestId('job-status').filter({ hasText: 'Cancelled' }).waitFor();
    await page.getByText('Log', { exact: true }).click();
    await page.getByTestId('job-log-empty').filter({ hasText: 'This job has no log.' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('stops a session from accepting jobs and lets it accept them again; a refusal shows the server’s message', async () => {
    const open = await t.request('POST', '/api/v1/sessions', { ...runtime(), body: { mode: 'dedicated' } });
    expect(open.status, open.text).toBe(200);
    const sid = open.body.id as string;
    await page.goto(`${t.url}/resources/${inst.guid}`);
    await heading(page, 'QR-runtime');
    const row = page.getByRole('table', { name: 'Open sessions and batches' }).getByRole('row').filter({ hasText: sid });
    await row.getByRole('cell', { name: 'Yes', exact: true }).waitFor();

    await row.getByRole('button', { name: `Stop accepting jobs in session ${sid}` }).click();
    await page.getByRole('status').filter({ hasText: `Session ${sid} no longer accepts jobs.` }).waitFor();
    await row.getByRole('cell', { name: 'No', exact: true }).waitFor();
    expect((await t.request('GET', `/api/v1/sessions/${sid}`, runtime())).body).toMatchObject({ accepting_jobs: false, state: 'open' });
    const refused = await t.request('POST', '/api/v1/jobs', { ...runtime(), body: { program_id: 'sampler', session_id: sid, params: { pubs: [[BELL, null, 10]] } } });
    expect(refused.text).toContain('is not accepting jobs');
    await expectAccessible(page, 'instance with a session not accepting jobs');

    await row.getByRole('button', { name: `Accept jobs again in session ${sid}` }).click();
    await page.getByRole('status').filter({ hasText: `Session ${sid} accepts jobs again.` }).waitFor();
    await row.getByRole('cell', { name: 'Yes', exact: true }).waitFor();
    expect((await t.request('GET', `/api/v1/sessions/${sid}`, runtime())).body.accepting_jobs).toBe(true);
    await submit(BELL, { session_id: sid });
    await screenshot(page, 'instance-session-accepting');

    // Closed meanwhile: the server's refusal is shown and the list brought up to date.
    await row.getByRole('button', { name: `Stop accepting jobs in session ${sid}` }).click();
    await row.getByRole('cell', { name: 'No', exact: true }).waitFor();
    expect((await t.request('DELETE', `/api/v1/sessions/${sid}/close`, runtime())).status).toBe(204);
    await row.getByRole('button', { name: `Accept jobs again in session ${sid}` }).click();
    await page.getByRole('alert').filter({ hasText: `session ${sid} is closed` }).waitFor();
    await poll(() => row.count()).toBe(0);
    expect((await t.request('GET', `/api/v1/sessions/${sid}`, runtime())).body).toMatchObject({ accepting_jobs: false, state: 'closed' });
    expect(errors).toEqual([]);
  });

  it('disables editing tags and stopping sessions for someone who may only read, and the API refuses them', async () => {
    const id = await submit(BELL, { tags: ['shared'] });
    await poll(async () => (await jobOf(id)).status).toBe('Completed');
    const batch = await t.request('POST', '/api/v1/sessions', { ...runtime(), body: { mode: 'batch' } });
    expect(batch.status, batch.text).toBe(200);
    const reader = await t.addUser('reader@lab.example');
    const outsider = await t.addUser('outsider@lab.example');
    const policy = await instancePolicy(t, admin, { name: 'iam_id', value: reader.iamId }, ['role:Viewer', 'serviceRole:Reader'].map((r) => `crn:v1:bluemix:public:iam::::${r}`), inst.guid);
    expect(policy.status, policy.text).toBe(201);
    const other = await browser.newPage();
    other.setDefaultTimeout(30_000);
    const decided = (action: string) => other.waitForResponse((r) => r.url().endsWith('/v2/authz') && (r.request().postData() ?? '').includes(action));
    try {
      await other.goto(`${t.url}/signin`);
      await submitSignIn(other, 'reader@lab.example', reader.password);
      await heading(other, 'Dashboard');
      const as = (token: string) => ({ token, headers: { 'service-crn': inst.crn } });

      let answer = decided('quantum-computing.job.update');
      await other.goto(`${t.url}/quantum/${inst.guid}/jobs/${id}`);
      await heading(other, `Job ${id}`);
      await other.getByTestId('job-tags').locator('.tag', { hasText: 'shared' }).waitFor();
      await answer;
      await other.waitForTimeout(100);
      expect(await other.getByRole('button', { name: 'Edit tags' }).isDisabled()).toBe(true);
      expect((await t.request('PUT', `/api/v1/jobs/${id}/tags`, { ...as(reader.token), body: { tags: ['mine'] } })).status).toBe(403);
      expect((await jobOf(id)).tags).toEqual(['shared']);
      // Reading the log is a Reader's; someone with no role on the instance is refused it.
      await other.getByText('Log', { exact: true }).click();
      await other.getByTestId('job-log').filter({ hasText: 'completed in' }).waitFor();
      expect((await t.request('GET', `/api/v1/jobs/${id}/logs`, as(reader.token))).status).toBe(200);
      expect((await t.request('GET', `/api/v1/jobs/${id}/logs`, as(outsider.token))).status).toBe(403);
      await expectAccessible(other, 'job (reader)');

      answer = decided('quantum-computing.session.update');
      await other.goto(`${t.url}/resources/${inst.guid}`);
      await heading(other, 'QR-runtime');
      const row = other.getByRole('table', { name: 'Open sessions and batches' }).getByRole('row').filter({ hasText: batch.body.id });
      await row.waitFor();
      await answer;
      await other.waitForTimeout(100);
      expect(await row.getByRole('button', { name: `Stop accepting jobs in batch ${batch.body.id}` }).isDisabled()).toBe(true);
      expect((await t.request('PATCH', `/api/v1/sessions/${batch.body.id}`, { ...as(reader.token), body: { accepting_jobs: false } })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/sessions/${batch.body.id}`, runtime())).body.accepting_jobs).toBe(true);
      await expectAccessible(other, 'instance sessions (reader)');
    } finally {
      await other.close();
    }
    expect(errors).toEqual([]);
  });
});
