/**
 * Several qgate nodes sharing one PostgreSQL behave as one system: tokens signed by one are
 * honoured by the other, and a revocation on one is obeyed by the other within 100 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ADMIN_DATABASE_URL, availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { timeUntil } from '../helpers/time-until.js';
import { createManualClock } from '#src/platform/clock.js';
import { SIGN_IN_STARTS_PER_MINUTE } from '#src/modules/tokens/login-throttle.js';

const stores = (await availableStores()).filter((s) => s === 'postgres');

describe.skipIf(stores.length === 0)('postgres: two nodes, one system', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startTestServer({ store: 'postgres' });
    b = await startTestServer({ store: 'postgres', databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b.close().catch(() => undefined);
    await a.close();
  });

  it('share one account, and honour each other\'s tokens (each node signs with its own key)', async () => {
    expect(b.accountId).toBe(a.accountId);
    const fromA = await a.tokenFor(ADMIN_APIKEY);
    const fromB = await b.tokenFor(ADMIN_APIKEY);
    const kid = (t: string) => JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()).kid;
    expect(kid(fromA)).not.toBe(kid(fromB));
    expect((await b.request('GET', '/v1/apikeys', { token: fromA })).status).toBe(200);
    expect((await a.request('GET', '/v1/apikeys', { token: fromB })).status).toBe(200);
    const jwks = (await a.request('GET', '/identity/keys')).body.keys.map((k: any) => k.kid);
    expect(jwks).toEqual(expect.arrayContaining([kid(fromA), kid(fromB)]));
  });

  it('a user disabled through one node is refused by the other within 100 ms', async () => {
    const ravi = await a.addUser('ravi@nodes.example');
    const token = await b.tokenFor(ravi.apikey);
    expect((await b.request('GET', '/v1/apikeys', { token })).status).toBe(200);
    const admin = await a.adminToken();
    expect((await a.request('PATCH', `/v2/accounts/${a.accountId}/users/${ravi.iamId}`, { token: admin, body: { state: 'DISABLED' } })).status).toBe(204);
    expect((await a.request('GET', '/v1/apikeys', { token })).status).toBe(401);
    const elapsed = await timeUntil(async () => (await b.request('GET', '/v1/apikeys', { token })).status === 401, 1000);
    expect(elapsed).toBeLessThan(100);
  });

  it('share the limit on federated sign-ins started per address', async () => {
    // The realm need not exist: starts are counted before anything else is looked at.
    const start = (node: TestServer) => node.request('GET', `/login/no-such-realm?redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}&state=s`);
    for (let i = 0; i < SIGN_IN_STARTS_PER_MINUTE; i++) expect((await start(i % 2 === 0 ? a : b)).status).not.toBe(429);
    const refusedByA = await start(a);
    const refusedByB = await start(b);
    expect([refusedByA.status, refusedByB.status]).toEqual([429, 429]);
    expect(Number(refusedByB.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('an API key deleted through one node stops working on the other', async () => {
    const admin = await b.adminToken();
    const iamId = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).iam_id;
    const key = (await b.request('POST', '/v1/apikeys', { token: admin, body: { name: 'shared', iam_id: iamId } })).body;
    const token = await a.tokenFor(key.apikey);
    expect((await a.request('GET', '/v1/apikeys', { token })).status).toBe(200);
    expect((await b.request('DELETE', `/v1/apikeys/${key.id}`, { token: admin })).status).toBe(204);
    const elapsed = await timeUntil(async () => (await a.request('GET', '/v1/apikeys', { token })).status === 401, 1000);
    expect(elapsed).toBeLessThan(100);
  });

  it('a node whose change feed connection dies reads through to the store, then reconnects', async () => {
    const fatima = await a.addUser('fatima@nodes.example');
    const token = await b.tokenFor(fatima.apikey);
    expect((await b.request('GET', '/v1/apikeys', { token })).status).toBe(200);
    const killer = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await killer.connect();
    const dbName = new URL(a.databaseUrl!).pathname.slice(1);
    await killer.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'`, [dbName]);
    await killer.end();
    expect(await timeUntil(async () => !b.qgate.services.feed.trusted, 2000)).toBeLessThan(2000);
    // While b cannot hear changes, a change made through a must still be obeyed by b.
    const admin = await a.adminToken();
    expect((await a.request('DELETE', `/v2/accounts/${a.accountId}/users/${fatima.iamId}`, { token: admin })).status).toBe(204);
    expect((await b.request('GET', '/v1/apikeys', { token })).status).toBe(401);
    expect(await timeUntil(async () => b.qgate.services.feed.trusted, 3000)).toBeLessThan(3000);
    expect((await b.request('GET', '/v1/apikeys', { token })).status).toBe(401);
    expect((await b.request('GET', '/v1/apikeys', { token: await b.tokenFor(ADMIN_APIKEY) })).status).toBe(200);
  });

  it('a policy granted through one node is obeyed by the other within 100 ms, and so is its removal', async () => {
    const admin = await a.adminToken();
    const amyra = await a.addUser('amyra@nodes.example');
    const instance = '11112222-3333-4444-5555-666677778888';
    const ask = async () => {
      const res = await b.request('POST', '/v2/authz', {
        token: await b.adminToken(),
        body: [{ subject: { attributes: { id: amyra.iamId } }, action: 'quantum-computing.job.delete', resource: { crn: `crn:v1:qgate:public:quantum-computing:us-east:a/${a.accountId}:${instance}::` } }],
      });
      return res.body.decisions[0].permitted as boolean;
    };
    expect(await ask()).toBe(false);
    const group = await a.request('POST', `/v2/groups?account_id=${a.accountId}`, { token: admin, body: { name: 'deleters' } });
    await a.request('PUT', `/v2/groups/${group.body.id}/members`, { token: admin, body: { members: [{ iam_id: amyra.iamId, type: 'user' }] } });
    const policy = await a.request('POST', '/v1/policies', {
      token: admin,
      body: {
        type: 'access', subjects: [{ attributes: [{ name: 'access_group_id', value: group.body.id }] }], roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Manager' }],
        resources: [{ attributes: [{ name: 'accountId', value: a.accountId }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: instance }] }],
      },
    });
    expect(policy.status).toBe(201);
    expect(await timeUntil(ask, 1000)).toBeLessThan(100);
    expect((await a.request('DELETE', `/v1/policies/${policy.body.id}`, { token: admin })).status).toBe(204);
    expect(await timeUntil(async () => !(await ask()), 1000)).toBeLessThan(100);
  });

  it('an ended job deleted or retagged through one node is seen so by the other at once', async () => {
    const admin = await a.adminToken();
    const rg = (await a.request('GET', '/v2/resource_groups', { token: admin })).body.resources[0].id;
    const crn = (await a.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-nodes', target: 'us-east', resource_group: rg, resource_plan_id: 'standard' } })).body.crn;
    const headers = { 'service-crn': crn };
    const bell = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';
    const job = await a.request('POST', '/api/v1/jobs', { token: admin, headers, body: { program_id: 'sampler', params: { pubs: [[bell, null, 10]] } } });
    const onB = () => b.request('GET', `/api/v1/jobs/${job.body.id}`, { token: admin, headers });
    expect(await timeUntil(async () => (await onB()).body?.status === 'Completed', 10_000)).toBeLessThan(10_000);
    expect((await onB()).body.tags).toEqual([]);
    expect((await a.request('PUT', `/api/v1/jobs/${job.body.id}/tags`, { token: admin, headers, body: { tags: ['seen'] } })).status).toBe(204);
    expect(await timeUntil(async () => (await onB()).body.tags?.[0] === 'seen', 1000)).toBeLessThan(100);
    expect((await a.request('DELETE', `/api/v1/jobs/${job.body.id}`, { token: admin, headers })).status).toBe(204);
    expect(await timeUntil(async () => (await onB()).status === 404, 1000)).toBeLessThan(100);
  });
});

describe.skipIf(stores.length === 0)('postgres: two nodes, one address throttle', () => {
  // One clock for both nodes, moved past the window in which a node whose read of the blocked addresses
  // failed would look up every address: what stops a guesser on the other node is the announcement, or,
  // for a node that starts listening later, that read.
  const clock = createManualClock(new Date());
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startTestServer({ store: 'postgres', clock, env: { QGATE_TRUST_PROXY: 'true' } });
    b = await startTestServer({ store: 'postgres', clock, databaseUrl: a.databaseUrl, env: { QGATE_TRUST_PROXY: 'true' } });
    clock.advance(16 * 60_000);
  });
  afterAll(async () => {
    await b.close().catch(() => undefined);
    await a.close();
  });

  const address = '203.0.113.66';
  const exchange = (node: TestServer, apikey: string) =>
    node.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey }, headers: { 'x-forwarded-for': address } });

  it('an address blocked for guessing API keys on one node is refused by the other before it guesses there', async () => {
    let guesses = 0;
    while ((await exchange(a, `guessed-key-${guesses}-0123456789abcdefghijkl`)).status === 400) guesses++;
    expect(guesses).toBe(50);
    expect((await exchange(a, ADMIN_APIKEY)).status).toBe(429);
    // b has seen no failure from the address: a right key is refused there as on a, and so is a wrong one.
    expect(await timeUntil(async () => (await exchange(b, ADMIN_APIKEY)).status === 429, 1000)).toBeLessThan(100);
    const wrong = await exchange(b, 'another-guessed-key-0123456789abcdefghijkl');
    expect(wrong.status).toBe(429);
    expect(Number(wrong.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other addresses are not affected.
    expect((await b.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: ADMIN_APIKEY } })).status).toBe(200);
  });

  it('a node that was not listening when the address was blocked refuses it too', async () => {
    // Restarted, b has forgotten what it heard; the block was announced before it listened again.
    await b.restart();
    // Its read of the blocked addresses is done, so it no longer looks every address up: the address is refused because it was read.
    expect(await b.qgate.services.throttle.blockedAddressesKnown()).toBe(true);
    expect((await exchange(b, ADMIN_APIKEY)).status).toBe(429);
    expect((await exchange(b, 'yet-another-guessed-key-0123456789abcdefgh')).status).toBe(429);
  });
});
