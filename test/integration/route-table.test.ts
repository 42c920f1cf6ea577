/**
 * Walks every route the server has and checks that each authenticated one refuses an anonymous
 * call and a call from another account, whatever it is asked to do to the first account's objects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPlaceholder } from '../helpers/accounts.js';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { createAccountWithOwner } from '#src/modules/accounts/create-account.js';

const OTHER_KEY = 'other-account-owner-key-0123456789abcdefgh';

/** Bodies that would be valid if the caller were allowed: the refusal must come from authorization. */
function bodyFor(method: string, url: string, victim: { accountId: string; ownerIamId: string; groupId: string }): unknown {
  const key = `${method} ${url}`;
  const bodies: Record<string, unknown> = {
    'POST /v1/apikeys': { name: 'stolen', iam_id: victim.ownerIamId },
    'PUT /v1/apikeys/:id': { name: 'renamed' },
    'POST /v1/serviceids/': { account_id: victim.accountId, name: 'sneaky' },
    'PUT /v1/serviceids/:id': { name: 'renamed' },
    'POST /v2/accounts/:account_id/users': { users: [{ email: 'intruder@example.com' }] },
    'PATCH /v2/accounts/:account_id/users/:iam_id': { firstname: 'Mallory' },
    'PATCH /v2/accounts/:account_id/users/:iam_id/settings': { language: 'xx' },
    'POST /v2/users/accept': { account_id: victim.accountId },
    'PATCH /v2/groups/settings': { public_access_enabled: false },
    'POST /v2/groups': { name: 'intruders' },
    'PATCH /v2/groups/:access_group_id': { name: 'renamed' },
    'PUT /v2/groups/_allgroups/members/:iam_id': { type: 'user', groups: [victim.groupId] },
    'PUT /v2/groups/:access_group_id/members': { members: [{ iam_id: victim.ownerIamId, type: 'user' }] },
    'POST /v2/groups/:access_group_id/members/delete': { members: [victim.ownerIamId] },
    'POST /v2/groups/:access_group_id/rules': { expiration: 1, realm_name: 'https://idp.example', conditions: [{ claim: 'a', operator: 'EQUALS', value: 'b' }] },
    'PUT /v2/groups/:access_group_id/rules/:rule_id': { expiration: 1, realm_name: 'https://idp.example', conditions: [{ claim: 'a', operator: 'EQUALS', value: 'b' }] },
  };
  return bodies[key];
}

describe.each(await availableStores())('%s: every route is authorized', (store) => {
  let t: TestServer;
  let victim: { accountId: string; ownerIamId: string; apiKeyId: string; serviceId: string; pendingIamId: string; groupId: string; ruleId: string };
  let otherToken: string;

  beforeAll(async () => {
    t = await startTestServer({ store });
    const admin = await t.adminToken();
    const keys = await t.request('GET', '/v1/apikeys', { token: admin });
    const sid = await t.request('POST', '/v1/serviceids/', { token: admin, body: { account_id: t.accountId, name: 'robot' } });
    const pending = await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'pending@example.com' }] } });
    const group = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: 'ml' } });
    const rule = await t.request('POST', `/v2/groups/${group.body.id}/rules`, { token: admin, body: { expiration: 1, realm_name: 'https://idp.example', conditions: [{ claim: 'project', operator: 'EQUALS', value: 'ml' }] } });
    victim = {
      accountId: t.accountId, ownerIamId: keys.body.apikeys[0].iam_id, apiKeyId: keys.body.apikeys[0].id, serviceId: sid.body.id, pendingIamId: pending.body.resources[0].id,
      groupId: group.body.id, ruleId: rule.body.id,
    };
    await t.qgate.database.db.transaction().execute((trx) =>
      createAccountWithOwner(trx, { name: 'other', ownerEmail: 'owner@other.example', ownerPasswordHash: hashPlaceholder, ownerApiKey: OTHER_KEY, now: new Date() }),
    );
    otherToken = await t.tokenFor(OTHER_KEY);
  });
  afterAll(() => t.close());

  const concrete = (url: string, method: string) =>
    url
      .replace(':account_id', victim.accountId)
      .replace(':iam_id', url.includes('/invitations/') ? victim.pendingIamId : victim.ownerIamId)
      .replace(':id', url.startsWith('/v1/serviceids') ? victim.serviceId : victim.apiKeyId)
      .replace(':access_group_id', victim.groupId)
      .replace(':rule_id', victim.ruleId)
      .replace(':token', 'x'.repeat(43)) + (!url.includes(':account_id') && (method === 'GET' || url.startsWith('/v2/groups')) ? `?account_id=${victim.accountId}` : '');

  it('has the routes it should, each declaring who may call it', () => {
    const tokenRoutes = t.qgate.routes.filter((r) => r.auth === 'token');
    expect(tokenRoutes.length).toBeGreaterThanOrEqual(25);
    expect(t.qgate.routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /.well-known/openid-configuration',
      'GET /health',
      'GET /identity/.well-known/openid-configuration',
      'GET /identity/keys',
      'GET /openapi.json',
      'GET /v2/invitations/:token',
      'POST /identity/token',
      'POST /v2/invitations/:token/accept',
    ]);
  });

  it('refuses anonymous calls to every authenticated route (401)', async () => {
    const failures: string[] = [];
    for (const route of t.qgate.routes.filter((r) => r.auth === 'token')) {
      const res = await t.request(route.method, concrete(route.url, route.method), { body: bodyFor(route.method, route.url, victim) });
      if (res.status !== 401) failures.push(`${route.method} ${route.url} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("refuses another account's owner on every authenticated route (403/404), changing nothing", async () => {
    const before = await t.request('GET', `/v2/accounts/${victim.accountId}/users`, { token: await t.adminToken() });
    const failures: string[] = [];
    for (const route of t.qgate.routes.filter((r) => r.auth === 'token')) {
      const headers: Record<string, string> = { 'if-match': '*', 'iam-apikey': ADMIN_APIKEY };
      const res = await t.request(route.method, concrete(route.url, route.method), { token: otherToken, body: bodyFor(route.method, route.url, victim), headers });
      // Naming another account's identity in a body is bad input, answered as for one that does not exist.
      const foreignIdentityInBody = res.status === 400 && res.body.errors[0].code === 'invalid_body' && /not an active user or service ID of your account/.test(res.body.errors[0].message);
      if (res.status !== 403 && res.status !== 404 && !foreignIdentityInBody) failures.push(`${route.method} ${route.url} → ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    const after = await t.request('GET', `/v2/accounts/${victim.accountId}/users`, { token: await t.adminToken() });
    expect(after.body).toEqual(before.body);
    expect((await t.request('GET', `/v1/apikeys/${victim.apiKeyId}`, { token: await t.adminToken() })).body.name).toBe('bootstrap');
  });

  it('records refusals in the audit trail of the account that made them', async () => {
    await t.qgate.services.audit.flush();
    const mine = await t.request('GET', '/v1/audit/events?outcome=denied&limit=1000', { token: otherToken });
    expect(mine.status).toBe(200);
    const tokenRoutes = t.qgate.routes.filter((r) => r.auth === 'token').length;
    expect(mine.body.events.length).toBeGreaterThanOrEqual(tokenRoutes - 2);
    expect(mine.body.events.every((e: any) => e.outcome === 'denied' && e.actor.type === 'user')).toBe(true);
    const victims = await t.request('GET', '/v1/audit/events?outcome=denied&limit=1000&include_unattributed=true', { token: await t.adminToken() });
    expect(victims.body.events.filter((e: any) => e.actor.type === 'anonymous').length).toBeGreaterThanOrEqual(tokenRoutes);
    expect(JSON.stringify(victims.body)).not.toContain(ADMIN_APIKEY);
  });
});
