/**
 * Global Search (`POST /v3/resources/search`) and Global Catalog (`GET /api/v1/{plan id}`) as
 * qiskit-ibm-runtime calls them at start-up, over HTTP on both stores: only instances the caller may
 * see, paged with search_cursor, and plan entries that never shadow the runtime's own routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountWithOwner } from '#src/modules/accounts/create-account.js';
import { CATALOG } from '#src/modules/resources/resources.catalog.js';
import { hashPlaceholder } from '../helpers/accounts.js';
import { instancePolicy } from '../helpers/access.js';
import { availableStores } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const READER = 'crn:v1:bluemix:public:iam::::serviceRole:Reader';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const OTHER_KEY = 'search-other-account-key-0123456789abcdef';
const CLIENT_BODY = { query: 'service_name:quantum-computing', fields: ['crn', 'service_plan_unique_id', 'name', 'doc', 'tags'] };

describe.each(await availableStores())('%s: Global Search and Global Catalog', (store) => {
  let t: TestServer;
  let admin: string;
  const inst: Record<string, { guid: string; crn: string }> = {};
  const who: Record<'reader' | 'viewer' | 'nobody' | 'other', string> = {} as never;

  const search = (token: string | undefined, body: unknown, query = '') => t.request('POST', `/v3/resources/search${query}`, { ...(token ? { token } : {}), body });
  /** What the Python client does: follow search_cursor until it is missing, keep items with doc.extensions. */
  const allNames = async (token: string, limit: number) => {
    const names: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await search(token, { ...CLIENT_BODY, ...(cursor ? { search_cursor: cursor } : {}) }, `?limit=${limit}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      names.push(...res.body.items.filter((it: any) => it.doc?.extensions && Object.keys(it.doc.extensions).length > 0).map((it: any) => it.name));
      cursor = res.body.search_cursor;
      if (!cursor) return names;
    }
    throw new Error('search_cursor never ended');
  };
  const policy = (iamId: string, role: string, guid: string) => instancePolicy(t, admin, { name: 'iam_id', value: iamId }, [role], guid);

  beforeAll(async () => {
    t = await startTestServer({ store, env: { QGATE_WORKERS: '0' } });
    admin = await t.adminToken();
    const rg = (await t.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    for (const [name, plan] of [['QR-ml', 'standard'], ['QR-finance', 'open'], ['QR-common', 'standard'], ['QR-gone', 'standard']] as const) {
      const res = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name, target: 'us-east', resource_group: rg, resource_plan_id: plan, tags: [`project:${name.slice(3)}`] } });
      expect(res.status).toBe(201);
      inst[name] = { guid: res.body.guid, crn: res.body.crn };
    }
    expect((await t.request('DELETE', `/v2/resource_instances/${inst['QR-gone']!.guid}`, { token: admin })).status).toBe(204);
    for (const name of ['reader', 'viewer', 'nobody'] as const) who[name] = (await t.addUser(`${name}@example.com`)).token;
    const ids = Object.fromEntries(await Promise.all((['reader', 'viewer'] as const).map(async (n) => [n, JSON.parse(Buffer.from(who[n].split('.')[1]!, 'base64url').toString()).iam_id])));
    expect((await policy(ids.reader, READER, inst['QR-ml']!.guid)).status).toBe(201);
    expect((await policy(ids.viewer, VIEWER, inst['QR-finance']!.guid)).status).toBe(201);
    await t.qgate.database.db.transaction().execute((trx) =>
      createAccountWithOwner(trx, { name: 'other', ownerEmail: 'owner@other.example', ownerPasswordHash: hashPlaceholder, ownerApiKey: OTHER_KEY, now: new Date() }),
    );
    who.other = await t.tokenFor(OTHER_KEY);
  });
  afterAll(() => t.close());

  it('finds the live instances of the account with the fields the client asks for', async () => {
    const res = await search(admin, CLIENT_BODY, '?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.search_cursor).toBeUndefined();
    expect(res.body.items.map((i: any) => i.name).sort()).toEqual(['QR-common', 'QR-finance', 'QR-ml']);
    const ml = res.body.items.find((i: any) => i.name === 'QR-ml');
    expect(Object.keys(ml).sort()).toEqual(['crn', 'doc', 'name', 'service_plan_unique_id', 'tags']);
    expect(ml).toMatchObject({ crn: inst['QR-ml']!.crn, service_plan_unique_id: 'standard', tags: ['project:ml'] });
    expect(ml.doc.extensions.quantum_computing.backends).toContain('simulator_statevector');
    const gone = await search(admin, CLIENT_BODY, '?is_deleted=true');
    expect(gone.body.items.map((i: any) => i.name)).toEqual(['QR-gone']);
  });

  it('pages with search_cursor until it is missing', async () => {
    expect((await allNames(admin, 1)).sort()).toEqual(['QR-common', 'QR-finance', 'QR-ml']);
    expect((await allNames(admin, 2)).sort()).toEqual(['QR-common', 'QR-finance', 'QR-ml']);
    expect((await search(admin, { ...CLIENT_BODY, search_cursor: 'garbage' })).status).toBe(400);
  });

  it('shows each caller only the instances the decision point lets them see', async () => {
    // Reader (a service role) on QR-ml finds it, so someone who may use an instance can pick it in the client.
    expect(await allNames(who.reader, 100)).toEqual(['QR-ml']);
    expect(await allNames(who.viewer, 100)).toEqual(['QR-finance']);
    expect(await allNames(who.nobody, 100)).toEqual([]);
    const other = await search(who.other, CLIENT_BODY);
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    expect(other.text).not.toContain(t.accountId);
    expect((await search(who.other, CLIENT_BODY, `?account_id=${t.accountId}`)).status).toBe(403);
    expect((await search(undefined, CLIENT_BODY)).status).toBe(401);
  });

  it('understands field:value terms joined by AND, quoted values and wildcards', async () => {
    const names = async (query: string) => (await search(admin, { query, fields: ['name'] })).body.items.map((i: any) => i.name).sort();
    expect(await names('name:QR-ml AND service_name:quantum-computing')).toEqual(['QR-ml']);
    expect(await names(`crn:"${inst['QR-finance']!.crn}"`)).toEqual(['QR-finance']);
    expect(await names('name:qr-c*')).toEqual(['QR-common']);
    expect(await names('service_plan_unique_id:open')).toEqual(['QR-finance']);
    expect(await names('tags:project:ml')).toEqual(['QR-ml']);
    expect(await names('family:resource_controller AND type:resource-instance')).toHaveLength(3);
    expect(await names('*')).toHaveLength(3);
    expect(await names('service_name:cloud-object-storage')).toEqual([]);
    const all = await search(admin, { query: `name:QR-ml`, fields: ['*'] });
    expect(all.body.items[0]).toMatchObject({ account_id: t.accountId, region: 'us-east', family: 'resource_controller', type: 'resource-instance' });
    const defaults = await search(admin, { query: 'name:QR-ml' });
    expect(Object.keys(defaults.body.items[0]).sort()).toEqual(['account_id', 'crn', 'family', 'name', 'region', 'type']);
    for (const query of ['name:a OR name:b', 'owner:me', 'just words', 'name:"unterminated']) {
      const res = await search(admin, { query });
      expect(res.status, query).toBe(400);
      expect(res.body.errors?.[0]?.message ?? res.text).toMatch(/query/);
    }
    expect((await search(admin, { query: '*', extra: 1 })).status).toBe(400);
    expect((await search(admin, CLIENT_BODY, '?limit=0')).status).toBe(400);
  });

  it('answers the Global Catalog entry of each plan the search names, and of the service', async () => {
    const items = (await search(admin, CLIENT_BODY)).body.items;
    for (const item of items) {
      const entry = await t.request('GET', `/api/v1/${item.service_plan_unique_id}`, { token: who.nobody });
      expect(entry.status).toBe(200);
      expect(entry.body.kind).toBe('plan');
    }
    const open = await t.request('GET', '/api/v1/open', { token: who.reader });
    expect(open.body).toMatchObject({ id: 'open', overview_ui: { en: { display_name: 'Open' } }, metadata: { pricing: { type: 'free' } } });
    const standard = await t.request('GET', '/api/v1/standard', { token: who.reader });
    expect(standard.body).toMatchObject({ overview_ui: { en: { display_name: 'Standard' } }, metadata: { pricing: { type: 'paygo' } }, parent_id: 'quantum-computing' });
    expect((await t.request('GET', '/api/v1/quantum-computing', { token: admin })).body).toMatchObject({ kind: 'service', children: ['open', 'standard'] });
    const missing = await t.request('GET', '/api/v1/premium', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('open, standard');
    expect((await t.request('GET', '/api/v1/open')).status).toBe(401);
    expect((await t.request('GET', `/api/v1/open?account_id=${t.accountId}`, { token: who.other })).status).toBe(403);
  });

  it('never shadows the runtime routes under /api/v1', async () => {
    const runtimeSegments = new Set(t.qgate.routes.filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/:plan_id').map((r) => r.url.split('/')[3]));
    for (const service of CATALOG) {
      expect(runtimeSegments.has(service.id)).toBe(false);
      for (const plan of service.plans) expect(runtimeSegments.has(plan.id), plan.id).toBe(false);
    }
    const crn = { 'service-crn': inst['QR-ml']!.crn };
    const jobs = await t.request('GET', '/api/v1/jobs', { token: admin, headers: crn });
    expect(jobs.status).toBe(200);
    expect(jobs.body).toMatchObject({ jobs: [], count: 0 });
    expect((await t.request('GET', '/api/v1/jobs/', { token: admin, headers: crn })).body.count).toBe(0);
    expect((await t.request('GET', '/api/v1/backends', { token: admin, headers: crn })).body.devices).toBeDefined();
    expect((await t.request('GET', '/api/v1/versions')).status).toBe(200);
    expect((await t.request('GET', '/api/v1/workloads', { token: admin, headers: crn })).body.workloads).toEqual([]);
  });
});
