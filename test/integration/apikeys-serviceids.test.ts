/**
 * IAM Identity v1 over real HTTP: API keys and service IDs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';

describe.each(await availableStores())('%s: API keys and service IDs', (store) => {
  let t: TestServer;
  let admin: string;
  let adminIamId: string;

  beforeAll(async () => {
    t = await startTestServer({ store, env: { QGATE_LIMIT_APIKEYS_PER_IDENTITY: '5' } });
    admin = await t.adminToken();
    adminIamId = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).iam_id;
  });
  afterAll(() => t.close());

  it('creates a key whose value is shown once and stored only as a digest', async () => {
    const res = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'ci', iam_id: adminIamId, description: 'for CI', account_id: t.accountId } });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^ApiKey-/), name: 'ci', description: 'for CI', iam_id: adminIamId, account_id: t.accountId, locked: false, disabled: false });
    expect(res.body.apikey.length).toBeGreaterThanOrEqual(40);
    expect(res.body.entity_tag).toMatch(/^1-[0-9a-f]{32}$/);
    expect(res.body.crn).toBe(`crn:v1:qgate:public:iam-identity::a/${t.accountId}::apikey:${res.body.id}`);
    expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d\+0000$/);
    const again = await t.request('GET', `/v1/apikeys/${res.body.id}`, { token: admin });
    expect(again.body.apikey).toBe('');
    const row = await t.qgate.database.db.selectFrom('api_keys').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(res.body.apikey);
    expect(await t.tokenFor(res.body.apikey)).toBeTruthy();
    const details = await t.request('GET', '/v1/apikeys/details', { token: admin, headers: { 'iam-apikey': res.body.apikey } });
    expect(details.body.id).toBe(res.body.id);
  });

  it('accepts a caller-supplied value of at least 32 characters, unique', async () => {
    const value = 'my-own-api-key-value-0123456789abcdef';
    const res = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'supplied', iam_id: adminIamId, apikey: value } });
    expect(res.status).toBe(201);
    expect(res.body.apikey).toBe(value);
    const dup = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'dup', iam_id: adminIamId, apikey: value } });
    expect(dup.status).toBe(409);
    const short = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'short', iam_id: adminIamId, apikey: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].message).toMatch(/apikey/);
    const stored = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'stored', iam_id: adminIamId, store_value: true } });
    expect(stored.status).toBe(400);
    expect(stored.body.errors[0].code).toBe('store_value_not_supported');
  });

  it('updates with If-Match: required, * accepted, stale refused with 409', async () => {
    const created = (await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'upd', iam_id: adminIamId } })).body;
    const missing = await t.request('PUT', `/v1/apikeys/${created.id}`, { token: admin, body: { name: 'x' } });
    expect(missing.status).toBe(428);
    const ok = await t.request('PUT', `/v1/apikeys/${created.id}`, { token: admin, body: { name: 'renamed', description: '' }, headers: { 'if-match': created.entity_tag } });
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe('renamed');
    expect(ok.body.entity_tag).not.toBe(created.entity_tag);
    const stale = await t.request('PUT', `/v1/apikeys/${created.id}`, { token: admin, body: { name: 'again' }, headers: { 'if-match': created.entity_tag } });
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0].code).toBe('entity_tag_mismatch');
    expect((await t.request('GET', `/v1/apikeys/${created.id}`, { token: admin })).body.name).toBe('renamed');
    const star = await t.request('PUT', `/v1/apikeys/${created.id}`, { token: admin, body: { name: 'star' }, headers: { 'if-match': '*' } });
    expect(star.status).toBe(200);
    await t.request('DELETE', `/v1/apikeys/${created.id}`, { token: admin });
  });

  it('lock refuses changes and sign-in; disable refuses sign-in; both reversible', async () => {
    const created = (await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'lockme', iam_id: adminIamId } })).body;
    const token = await t.tokenFor(created.apikey);
    expect((await t.request('POST', `/v1/apikeys/${created.id}/lock`, { token: admin, headers: { 'content-type': 'application/json' } })).status).toBe(204);
    expect((await t.request('GET', `/v1/apikeys/${created.id}`, { token: admin })).body.locked).toBe(true);
    expect((await t.request('DELETE', `/v1/apikeys/${created.id}`, { token: admin })).status).toBe(409);
    expect((await t.request('PUT', `/v1/apikeys/${created.id}`, { token: admin, body: { name: 'x' }, headers: { 'if-match': '*' } })).status).toBe(409);
    expect((await t.request('GET', '/v1/apikeys', { token })).status).toBe(401);
    expect((await t.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: created.apikey } })).status).toBe(400);
    expect((await t.request('DELETE', `/v1/apikeys/${created.id}/lock`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', '/v1/apikeys', { token })).status).toBe(200);
    expect((await t.request('POST', `/v1/apikeys/${created.id}/disable`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', '/v1/apikeys', { token })).status).toBe(401);
    expect((await t.request('DELETE', `/v1/apikeys/${created.id}/disable`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', '/v1/apikeys', { token })).status).toBe(200);
    expect((await t.request('DELETE', `/v1/apikeys/${created.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', '/v1/apikeys', { token })).status).toBe(401);
    expect((await t.request('GET', `/v1/apikeys/${created.id}`, { token: admin })).status).toBe(404);
  });

  it('refuses expired keys, and rejects a malformed or past expires_at', async () => {
    const bad = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'exp', iam_id: adminIamId, expires_at: 'tomorrow' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/expires_at/);
    const past = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'exp', iam_id: adminIamId, expires_at: '2020-01-01T00:00+0000' } });
    expect(past.status).toBe(400);
    const soon = new Date(Date.now() + 61_000).toISOString().slice(0, 16) + '+0000';
    const ok = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'exp', iam_id: adminIamId, expires_at: soon } });
    expect(ok.status).toBe(201);
    expect(ok.body.expires_at).toBe(soon);
    await t.request('DELETE', `/v1/apikeys/${ok.body.id}`, { token: admin });
  });

  it('pages with pagetoken and stops at the limit per identity', async () => {
    const listed = await t.request('GET', '/v1/apikeys?pagesize=2', { token: admin });
    expect(listed.status).toBe(200);
    const count = (await t.qgate.database.db.selectFrom('api_keys').select('id').where('iam_id', '=', adminIamId).execute()).length;
    const ids: string[] = [];
    let next: string | undefined = '/v1/apikeys?pagesize=2';
    for (let i = 0; next && i < 20; i++) {
      const page: any = await t.request('GET', next.replace(/^https?:\/\/[^/]+/, ''), { token: admin });
      ids.push(...page.body.apikeys.map((k: any) => k.id));
      next = page.body.next;
    }
    expect(ids.length).toBe(count);
    expect(new Set(ids).size).toBe(count);
    const bogus = await t.request('GET', '/v1/apikeys?pagetoken=garbage', { token: admin });
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors[0].message).toMatch(/pagetoken/);
    for (let i = count; i < 5; i++) await t.request('POST', '/v1/apikeys', { token: admin, body: { name: `fill${i}`, iam_id: adminIamId } });
    const over = await t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'one-too-many', iam_id: adminIamId } });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].code).toBe('apikey_limit_reached');
  });

  it('members manage their own keys, never those of others', async () => {
    const fatima = await t.addUser('fatima@keys.example');
    const own = await t.request('GET', '/v1/apikeys', { token: fatima.token });
    expect(own.body.apikeys).toHaveLength(1);
    const adminKeys = await t.request('GET', `/v1/apikeys?iam_id=${adminIamId}`, { token: fatima.token });
    expect(adminKeys.status).toBe(403);
    const mine = own.body.apikeys[0];
    expect((await t.request('GET', `/v1/apikeys/${mine.id}`, { token: fatima.token })).status).toBe(200);
    const adminKeyId = (await t.request('GET', '/v1/apikeys', { token: admin })).body.apikeys[0].id;
    expect((await t.request('GET', `/v1/apikeys/${adminKeyId}`, { token: fatima.token })).status).toBe(403);
    expect((await t.request('DELETE', `/v1/apikeys/${adminKeyId}`, { token: fatima.token })).status).toBe(403);
    expect((await t.request('POST', '/v1/apikeys', { token: fatima.token, body: { name: 'for admin', iam_id: adminIamId } })).status).toBe(403);
    const history = await t.request('GET', `/v1/apikeys/${mine.id}?include_history=true&include_activity=true`, { token: fatima.token });
    expect(history.body.history.map((h: any) => h.action)).toContain('iam-identity.apikey.create');
    expect(history.body.activity).toBeDefined();
    expect((await t.request('POST', '/v1/serviceids/', { token: fatima.token, body: { account_id: t.accountId, name: 'x' } })).status).toBe(403);
  });

  it('service IDs: create with a key, sign in as the service, update, lock, delete (keys die too)', async () => {
    const created = await t.request('POST', '/v1/serviceids/', { token: admin, body: { account_id: t.accountId, name: 'pipeline', description: 'nightly', apikey: { name: 'pipeline-key' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^ServiceId-/), iam_id: `iam-${created.body.id}`, name: 'pipeline', locked: false });
    expect(created.body.apikey.apikey.length).toBeGreaterThan(30);
    const token = await t.tokenFor(created.body.apikey.apikey);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ iam_id: created.body.iam_id, sub: created.body.id, sub_type: 'ServiceId', account: { bss: t.accountId } });
    expect((await t.request('GET', '/v1/apikeys', { token })).status).toBe(200);
    const list = await t.request('GET', `/v1/serviceids?account_id=${t.accountId}`, { token: admin });
    expect(list.body.serviceids.map((s: any) => s.name)).toContain('pipeline');
    const upd = await t.request('PUT', `/v1/serviceids/${created.body.id}`, { token: admin, body: { description: 'hourly' }, headers: { 'if-match': created.body.entity_tag } });
    expect(upd.status).toBe(200);
    expect(upd.body.description).toBe('hourly');
    expect((await t.request('POST', `/v1/serviceids/${created.body.id}/lock`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/v1/serviceids/${created.body.id}`, { token: admin })).status).toBe(409);
    expect((await t.request('DELETE', `/v1/serviceids/${created.body.id}/lock`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/v1/serviceids/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', '/v1/apikeys', { token })).status).toBe(401);
    expect((await t.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: created.body.apikey.apikey } })).status).toBe(400);
  });

  it('service IDs cannot invite people', async () => {
    const sid = await t.request('POST', '/v1/serviceids/', { token: admin, body: { account_id: t.accountId, name: 'bot', apikey: { name: 'k' } } });
    const token = await t.tokenFor(sid.body.apikey.apikey);
    const res = await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token, body: { users: [{ email: 'bot-invite@example.com' }] } });
    expect(res.status).toBe(403);
  });

  it('the bootstrap key still works', async () => {
    expect(await t.tokenFor(ADMIN_APIKEY)).toBeTruthy();
  });
});
