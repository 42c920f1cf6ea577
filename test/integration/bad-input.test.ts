/**
 * Each class of bad input gets a 4xx naming what was wrong, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '#src/platform/clock.js';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';

describe.each(await availableStores())('%s: bad input', (store) => {
  let t: TestServer;
  let admin: string;
  let adminIamId: string;
  const clock = createManualClock(new Date());
  const snapshot = async () => {
    const db = t.qgate.database.db;
    return {
      users: (await db.selectFrom('users').select(['iam_id', 'state', 'firstname']).orderBy('iam_id').execute()),
      keys: (await db.selectFrom('api_keys').select(['id', 'name', 'version']).orderBy('id').execute()),
      invitations: (await db.selectFrom('invitations').select(['id', 'state']).orderBy('id').execute()),
    };
  };

  beforeAll(async () => {
    t = await startTestServer({ store, clock });
    admin = await t.adminToken();
    adminIamId = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).iam_id;
  });
  afterAll(() => t.close());

  const cases: [string, () => Promise<{ status: number; body: any }>, number, RegExp][] = [
    ['malformed JSON', () => t.request('POST', '/v1/apikeys', { token: admin, rawBody: '{"name": "x",', headers: { 'content-type': 'application/json' } }), 400, /not valid JSON/],
    ['a JSON array instead of an object', () => t.request('POST', '/v1/apikeys', { token: admin, body: [1, 2] }), 400, /type object|must be/],
    ['a missing field', () => t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'x' } }), 400, /'iam_id' is required/],
    ['an unknown field', () => t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'x', iam_id: adminIamId, colour: 'blue' } }), 400, /'colour' is not allowed/],
    ['a field of the wrong type', () => t.request('POST', '/v1/apikeys', { token: admin, body: { name: 42, iam_id: adminIamId } }), 400, /'name' must be of type string/],
    ['an oversize field', () => t.request('POST', '/v1/apikeys', { token: admin, body: { name: 'n'.repeat(300), iam_id: adminIamId } }), 400, /'name' must be at most 255/],
    ['an empty required string', () => t.request('POST', '/v1/apikeys', { token: admin, body: { name: '', iam_id: adminIamId } }), 400, /'name' must be at least 1/],
    ['a bad email', () => t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'not-an-email' }] } }), 400, /users\.0\.email.*valid email/],
    ['an email listed twice', () => t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'a@b.example' }, { email: 'A@b.example' }] } }), 400, /same email/],
    ['a bad access group id', () => t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'g@b.example' }], access_groups: ['ml'] } }), 400, /access_groups/],
    ['a policy for another account', () => t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'p@b.example' }], iam_policy: [{ type: 'access', roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }], resources: [{ attributes: [{ name: 'accountId', value: 'someoneelse' }] }] }] } }), 400, /accountId/],
    ['a wrong content type', () => t.request('POST', '/v1/apikeys', { token: admin, rawBody: 'name=x', headers: { 'content-type': 'text/plain' } }), 415, /content type/],
    ['a body over the size limit', () => t.request('POST', '/v1/apikeys', { token: admin, rawBody: JSON.stringify({ name: 'x', iam_id: adminIamId, description: 'd'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } }), 413, /too large/],
    ['a query parameter out of range', () => t.request('GET', '/v1/apikeys?pagesize=1000', { token: admin }), 400, /pagesize.*<= 100/],
    ['a query parameter of the wrong type', () => t.request('GET', `/v2/accounts/${t.accountId}/users?limit=many`, { token: admin }), 400, /limit/],
    ['an invalid state', () => t.request('PATCH', `/v2/accounts/${t.accountId}/users/${adminIamId}`, { token: admin, body: { state: 'SLEEPING' } }), 400, /state/],
    ['a bad IP in settings', () => t.request('PATCH', `/v2/accounts/${t.accountId}/users/${adminIamId}/settings`, { token: admin, body: { allowed_ip_addresses: '10.0.0.1,not-an-ip' } }), 400, /allowed_ip_addresses/],
    ['a malformed Authorization header', () => t.request('GET', '/v1/apikeys', { headers: { authorization: 'Token abc' } }), 401, /Bearer/],
    ['an unknown route', () => t.request('GET', '/v1/nothing-here', { token: admin }), 404, /no route/],
    ['a path that is not valid percent-encoding', () => t.request('GET', '/api/v1/%ff', { token: admin }), 400, /percent-encoding/],
    ['an invalid address list to check', () => t.request('GET', '/console/address?allowed_ip_addresses=10.0.0.0%2F99'), 400, /allowed_ip_addresses.*prefix length/],
  ];

  it.each(cases)('%s', async (_name, call, status, message) => {
    const before = await snapshot();
    const res = await call();
    expect(res.status).toBe(status);
    expect(res.body.errors[0].message).toMatch(message);
    expect(res.body.trace).toBeTruthy();
    expect(await snapshot()).toEqual(before);
  });

  it('an expired access token is refused with token_expired', async () => {
    const token = await t.tokenFor(ADMIN_APIKEY);
    expect((await t.request('GET', '/v1/apikeys', { token })).status).toBe(200);
    clock.advance(3601_000);
    const res = await t.request('GET', '/v1/apikeys', { token });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].code).toBe('token_expired');
    clock.advance(-3601_000);
  });

  it('an expired invitation cannot be accepted, and stays pending', async () => {
    await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'late@example.com' }] } });
    const link = t.invitationToken('late@example.com');
    clock.advance(8 * 86_400_000);
    const res = await t.request('POST', `/v2/invitations/${link}/accept`, { body: { password: 'a perfectly fine passphrase' } });
    expect(res.status).toBe(410);
    expect(res.body.errors[0].code).toBe('invitation_expired');
    clock.advance(-8 * 86_400_000);
    const list = await t.request('GET', `/v2/accounts/${t.accountId}/users?search=email:late@example.com`, { token: await t.tokenFor(ADMIN_APIKEY) });
    expect(list.body.resources[0].state).toBe('PENDING');
  });
});
