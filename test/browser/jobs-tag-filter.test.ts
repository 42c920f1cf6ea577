/**
 * An instance's jobs list in Chromium against a real server: each job's tags as chips, and the tag filter (suggested
 * from `GET /api/v1/tags`, chosen tags as removable chips) listing exactly the jobs `GET /api/v1/jobs?tags=…` lists,
 * page after page; for someone who may only read the instance too. axe-core checks the list with the filter.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { instancePolicy } from '../helpers/access.js';
import { browserAvailable, ensureConsoleBuilt, expectAccessible, launchBrowser, poll, screenshot, signedInPage, submitSignIn } from './browser.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';

describe.skipIf(!browserAvailable())('console: job tags in the jobs list and the tag filter (Chromium)', { timeout: 120_000 }, () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let inst: { guid: string; crn: string };
  const errors: string[] = [];
  /** Job ids by name, each submitted with the tags in `TAGGED`. */
  const job: Record<string, string> = {};
  const TAGGED: Record<string, string[]> = {
    both: ['bell', 'calibration'],
    bell: ['bell'],
    night: ['calibration', 'night-run'],
    none: [],
    many: ['bell', 'calibration', 'night-run', 'extra-1', 'extra-2'],
  };
  const BULK = 22;

  const submit = async (tags: string[]) => {
    const res = await t.request('POST', '/api/v1/jobs', { token: admin, headers: { 'service-crn': inst.crn }, body: { program_id: 'sampler', params: { pubs: [[BELL, null, 10]] }, tags } });
    expect(res.status, res.text).toBe(200);
    return res.body.id as string;
  };
  /** The ids the API lists for the same query as the console's first page (or `offset`), as `token` sees them. */
  const apiIds = async (tags: string[], offset = 0, token = admin) => {
    const query = [...tags.map((tag) => `tags=${encodeURIComponent(tag)}`), 'limit=20', `offset=${offset}`, 'exclude_params=true'].join('&');
    const res = await t.request('GET', `/api/v1/jobs?${query}`, { token, headers: { 'service-crn': inst.crn } });
    expect(res.status, res.text).toBe(200);
    return { ids: (res.body.jobs as Array<{ id: string }>).map((j) => j.id), count: res.body.count as number };
  };
  const table = (p: Page) => p.getByRole('table', { name: 'Jobs of QR-tags, newest first' });
  /** The job ids the list shows, once it shows `count` in its summary and no longer loads. */
  const shownIds = async (p: Page, count: number) => {
    await p.getByRole('navigation', { name: 'Pages' }).getByText(`${count} ${count === 1 ? 'job' : 'jobs'}`, { exact: true }).waitFor();
    return table(p).locator('tbody tr td:first-child code').allTextContents();
  };
  const chips = (p: Page) => p.getByRole('list', { name: 'Tags filtering the jobs' }).getByRole('listitem');
  const addTag = async (p: Page, text: string) => {
    await p.getByRole('combobox', { name: 'Tag' }).fill(text);
    await p.getByRole('combobox', { name: 'Tag' }).press('Enter');
  };
  /** The suggested tags, read at once (the list is replaced as the answers come). */
  const suggestions = (p: Page) => p.getByTestId('tag-suggestions').locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [t, browser] = await Promise.all([startTestServer({ store: 'sqlite' }), launchBrowser()]);
    admin = await t.adminToken();
    const rg = (await t.request('GET', '/v2/resource_groups?default=true', { token: admin })).body.resources[0].id;
    inst = (await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-tags', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body;
    for (let i = 0; i < BULK; i++) await submit(['bulk']);
    for (const [name, tags] of Object.entries(TAGGED)) job[name] = await submit(tags);
    page = await signedInPage(browser, t.url, errors);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'failed-jobs-tag-filter').catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows each job's tags as chips in the list, a few and how many more", async () => {
    await page.goto(`${t.url}/quantum/${inst.guid}`);
    const all = await apiIds([]);
    expect(all.count).toBe(BULK + 5);
    expect(await shownIds(page, all.count)).toEqual(all.ids);
    const rowTags = (id: string) => table(page).getByRole('row').filter({ hasText: id }).getByRole('cell').nth(2).locator('.tag').allTextContents();
    expect(await rowTags(job.both!)).toEqual(['bell', 'calibration']);
    expect(await rowTags(job.night!)).toEqual(['calibration', 'night-run']);
    expect(await rowTags(job.none!)).toEqual([]);
    expect(await rowTags(job.many!)).toEqual(['bell', 'calibration', 'night-run', '+2 more']);
    expect(await table(page).getByRole('row').filter({ hasText: job.many! }).locator('.tag-more').getAttribute('title')).toBe('extra-1, extra-2');
    await expectAccessible(page, 'jobs list with tags');
    await screenshot(page, 'jobs-list-tags');

    // A narrow screen: the chips stay compact and the page does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await screenshot(page, 'jobs-list-tags-narrow');
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(errors).toEqual([]);
  });

  it('filters by one tag and by two, as the API does, and a removed chip restores the list', async () => {
    await page.goto(`${t.url}/quantum/${inst.guid}`);
    const all = await apiIds([]);
    await shownIds(page, all.count);

    const listed = page.waitForRequest((r) => r.url().includes('/api/v1/jobs?') && r.url().includes('tags=bell'));
    await addTag(page, 'bell');
    expect(new URL((await listed).url()).searchParams.getAll('tags')).toEqual(['bell']);
    expect(await chips(page).allTextContents()).toEqual(['bell×']);
    const bell = await apiIds(['bell']);
    expect([...bell.ids].sort()).toEqual([job.both, job.bell, job.many].sort());
    expect(await shownIds(page, bell.count)).toEqual(bell.ids);
    expect(await page.getByRole('combobox', { name: 'Tag' }).inputValue()).toBe('');

    // A second tag: the jobs carrying both.
    const both = page.waitForRequest((r) => r.url().includes('tags=calibration'));
    await addTag(page, ' calibration ');
    expect(new URL((await both).url()).searchParams.getAll('tags')).toEqual(['bell', 'calibration']);
    const two = await apiIds(['bell', 'calibration']);
    expect([...two.ids].sort()).toEqual([job.both, job.many].sort());
    expect(await shownIds(page, two.count)).toEqual(two.ids);
    expect(await chips(page).allTextContents()).toEqual(['bell×', 'calibration×']);
    await expectAccessible(page, 'jobs list filtered by two tags');
    await screenshot(page, 'jobs-list-tag-filter');

    // Removing a chip lists the jobs of the other tag; removing the last one, every job again.
    await page.getByRole('button', { name: 'Remove the tag filter bell' }).click();
    const calibration = await apiIds(['calibration']);
    expect([...calibration.ids].sort()).toEqual([job.both, job.night, job.many].sort());
    expect(await shownIds(page, calibration.count)).toEqual(calibration.ids);
    await page.getByRole('button', { name: 'Remove the tag filter calibration' }).click();
    expect(await shownIds(page, all.count)).toEqual(all.ids);
    expect(await chips(page).count()).toBe(0);

    // A tag no job carries lists none; one longer than a tag can be is refused beside the field.
    await addTag(page, 'nowhere');
    await table(page).getByText('No jobs match.').waitFor();
    expect((await apiIds(['nowhere'])).count).toBe(0);
    await page.getByRole('button', { name: 'Remove the tag filter nowhere' }).click();
    await addTag(page, 'x'.repeat(101));
    await page.getByText('A tag is at most 100 characters.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Tag' }).getAttribute('aria-invalid')).toBe('true');
    expect(await chips(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('suggests the tags containing a partial text, and a suggestion picked from the list becomes a filter', async () => {
    await page.goto(`${t.url}/quantum/${inst.guid}`);
    await shownIds(page, BULK + 5);
    const field = page.getByRole('combobox', { name: 'Tag' });
    const api = async (search: string) => (await t.request('GET', `/api/v1/tags?type=job&search=${search}`, { token: admin, headers: { 'service-crn': inst.crn } })).body.tags as string[];

    await field.fill('ca');
    expect(await api('ca')).toEqual(['calibration']);
    await poll(() => suggestions(page)).toEqual(['calibration']);
    // Case does not matter, as for the API.
    await field.fill('RUN');
    expect(await api('RUN')).toEqual(['night-run']);
    await poll(() => suggestions(page)).toEqual(['night-run']);
    await field.fill('extra');
    await poll(() => suggestions(page)).toEqual(['extra-1', 'extra-2']);

    // Chromium sets the value and sends a plain input event when a <datalist> option is picked.
    await page.evaluate(`(() => {
      const input = document.activeElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, 'extra-2');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    expect(await chips(page).allTextContents()).toEqual(['extra-2×']);
    const extra = await apiIds(['extra-2']);
    expect(extra.ids).toEqual([job.many]);
    expect(await shownIds(page, 1)).toEqual(extra.ids);
    // A chosen tag is no longer suggested.
    await field.fill('extra');
    await poll(() => suggestions(page)).toEqual(['extra-1']);
    await expectAccessible(page, 'jobs list with tag suggestions');
    await page.getByRole('button', { name: 'Remove the tag filter extra-2' }).click();
    await shownIds(page, BULK + 5);
    expect(errors).toEqual([]);
  });

  it('keeps the tag filter from page to page', async () => {
    await page.goto(`${t.url}/quantum/${inst.guid}`);
    await shownIds(page, BULK + 5);
    await addTag(page, 'bulk');
    const first = await apiIds(['bulk']);
    expect(first.count).toBe(BULK);
    expect(await shownIds(page, BULK)).toEqual(first.ids);
    expect(first.ids).toHaveLength(20);

    const next = page.waitForRequest((r) => r.url().includes('/api/v1/jobs?') && r.url().includes('offset=20'));
    await page.getByRole('button', { name: 'Next page' }).click();
    expect(new URL((await next).url()).searchParams.getAll('tags')).toEqual(['bulk']);
    const second = await apiIds(['bulk'], 20);
    expect(second.ids).toHaveLength(BULK - 20);
    await poll(() => table(page).locator('tbody tr td:first-child code').allTextContents()).toEqual(second.ids);
    expect(await chips(page).allTextContents()).toEqual(['bulk×']);

    // A change of filter starts again at the first page.
    await addTag(page, 'bell');
    await table(page).getByText('No jobs match.').waitFor();
    await page.getByRole('button', { name: 'Remove the tag filter bell' }).click();
    expect(await shownIds(page, BULK)).toEqual(first.ids);
    expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('lets someone who may only read the instance (Viewer and Reader) filter by tags too', async () => {
    const reader = await t.addUser('reader@lab.example');
    const policy = await instancePolicy(t, admin, { name: 'iam_id', value: reader.iamId }, ['role:Viewer', 'serviceRole:Reader'].map((r) => `crn:v1:bluemix:public:iam::::${r}`), inst.guid);
    expect(policy.status, policy.text).toBe(201);
    const other = await browser.newPage();
    other.setDefaultTimeout(30_000);
    other.on('pageerror', (e) => errors.push(e.message));
    try {
      await other.goto(`${t.url}/signin`);
      await submitSignIn(other, 'reader@lab.example', reader.password);
      await other.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      const decided = other.waitForResponse((r) => r.url().endsWith('/v2/authz') && (r.request().postData() ?? '').includes('quantum-computing.job.create'));
      await other.goto(`${t.url}/quantum/${inst.guid}`);
      const all = await apiIds([], 0, reader.token);
      expect(await shownIds(other, all.count)).toEqual(all.ids);
      expect(all.count).toBe(BULK + 5);

      await other.getByRole('combobox', { name: 'Tag' }).fill('nig');
      await poll(() => suggestions(other)).toEqual(['night-run']);
      await addTag(other, 'night-run');
      await addTag(other, 'calibration');
      const two = await apiIds(['night-run', 'calibration'], 0, reader.token);
      expect([...two.ids].sort()).toEqual([job.night, job.many].sort());
      expect(await shownIds(other, two.count)).toEqual(two.ids);
      // Reading is all they may do: submitting stays disabled, and the API refuses it.
      await decided;
      await other.waitForTimeout(100);
      expect(await other.getByRole('button', { name: 'Submit a circuit' }).isDisabled()).toBe(true);
      const refused = await t.request('POST', '/api/v1/jobs', { token: reader.token, headers: { 'service-crn': inst.crn }, body: { program_id: 'sampler', params: { pubs: [[BELL, null, 10]] } } });
      expect(refused.status).toBe(403);
      await expectAccessible(other, 'jobs list filtered by tags (reader)');
    } finally {
      await other.close();
    }
    expect(errors).toEqual([]);
  });
});
