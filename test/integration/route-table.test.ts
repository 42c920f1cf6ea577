/**
 * Walks every route the server has and checks that each authenticated one refuses an anonymous
 * call and a call from another account, whatever it is asked to do to the first account's objects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPlaceholder } from '../helpers/accounts.js';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { createAccountWithOwner } from '#src/modules/accounts/create-account.js';

const url = (route: { url: string }) => route.url;
const OTHER_KEY = 'other-account-owner-key-0123456789abcdefgh';

const policyV1 = (v: { accountId: string; groupId: string }) => ({
  type: 'access',
  subjects: [{ attributes: [{ name: 'access_group_id', value: v.groupId }] }],
  roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Manager' }],
  resources: [{ attributes: [{ name: 'accountId', value: v.accountId }, { name: 'serviceName', value: 'quantum-computing' }] }],
});
const policyV2 = (v: { accountId: string; groupId: string }) => ({
  type: 'access',
  subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: v.groupId }] },
  control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Manager' }] } },
  resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: v.accountId }, { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' }] },
});

/** Bodies that would be valid if the caller were allowed: the refusal must come from authorization. */
function bodyFor(method: string, url: string, victim: { accountId: string; ownerIamId: string; groupId: string; resourceGroupId: string }): unknown {
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
    'PUT /v1/accounts/:account_id/settings/identity': { allowed_ip_addresses: '192.0.2.1' },
    'POST /v1/accounts/:account_id/identity_providers': { name: 'Intruder SSO', discovery_url: 'https://idp.example.org', client_id: 'c', client_secret: 's' },
    'PUT /v1/accounts/:account_id/identity_providers/:id': { enabled: false },
    'POST /v2/groups': { name: 'intruders' },
    'PATCH /v2/groups/:access_group_id': { name: 'renamed' },
    'PUT /v2/groups/_allgroups/members/:iam_id': { type: 'user', groups: [victim.groupId] },
    'PUT /v2/groups/:access_group_id/members': { members: [{ iam_id: victim.ownerIamId, type: 'user' }] },
    'POST /v2/groups/:access_group_id/members/delete': { members: [victim.ownerIamId] },
    'POST /v2/groups/:access_group_id/rules': { expiration: 1, realm_name: 'https://idp.example', conditions: [{ claim: 'a', operator: 'EQUALS', value: 'b' }] },
    'PUT /v2/groups/:access_group_id/rules/:rule_id': { expiration: 1, realm_name: 'https://idp.example', conditions: [{ claim: 'a', operator: 'EQUALS', value: 'b' }] },
    'POST /v1/policies': policyV1(victim),
    'PUT /v1/policies/:policy_id': policyV1(victim),
    'PATCH /v1/policies/:policy_id': { state: 'active' },
    'POST /v2/policies': policyV2(victim),
    'PUT /v2/policies/:policy_id': policyV2(victim),
    'PATCH /v2/policies/:policy_id': { state: 'active' },
    'POST /v2/roles': { name: 'Thief', display_name: 'Thief', account_id: victim.accountId, service_name: 'quantum-computing', actions: ['quantum-computing.job.delete'] },
    'PUT /v2/roles/:role_id': { display_name: 'x', actions: ['quantum-computing.job.read'] },
    'POST /v2/authz': [{ subject: { attributes: { id: victim.ownerIamId } }, action: 'quantum-computing.job.read', resource: { attributes: { accountId: victim.accountId, serviceName: 'quantum-computing' } } }],
    'POST /v2/resource_groups': { name: 'intruders', account_id: victim.accountId },
    'PATCH /v2/resource_groups/:id': { name: 'renamed' },
    'POST /v2/resource_instances': { name: 'stolen', target: 'us-east', resource_group: victim.resourceGroupId, resource_plan_id: 'standard' },
    'PATCH /v2/resource_instances/:id': { name: 'renamed' },
    'POST /api/v1/jobs': { program_id: 'sampler', params: { pubs: [['OPENQASM 3.0;\nqubit[1] q;\n']] } },
    'PUT /api/v1/jobs/:id/tags': { tags: ['stolen'] },
    'PUT /api/v1/instances/configuration': { instance_limit: 5 },
    'POST /api/v1/sessions': { mode: 'batch' },
    'PATCH /api/v1/sessions/:id': { accepting_jobs: false },
    'POST /v3/resources/search': { query: 'service_name:quantum-computing', fields: ['crn', 'name', 'doc'] },
    'POST /v2/authz/explain': { subject: { attributes: { id: victim.ownerIamId } }, action: 'quantum-computing.job.read', resource: { attributes: { accountId: victim.accountId, serviceName: 'quantum-computing' } } },
  };
  // The runtime's legacy root paths take the same bodies as their /api/v1 twins.
  return bodies[key] ?? bodies[`${method} /api/v1${url}`];
}

describe.each(await availableStores())('%s: every route is authorized', (store) => {
  let t: TestServer;
  let victim: { accountId: string; ownerIamId: string; apiKeyId: string; serviceId: string; pendingIamId: string; groupId: string; ruleId: string; policyId: string; policy2Id: string; roleId: string; resourceGroupId: string; instanceGuid: string; instanceCrn: string; jobId: string };
  let otherToken: string;

  beforeAll(async () => {
    t = await startTestServer({ store });
    const admin = await t.adminToken();
    const keys = await t.request('GET', '/v1/apikeys', { token: admin });
    const sid = await t.request('POST', '/v1/serviceids/', { token: admin, body: { account_id: t.accountId, name: 'robot' } });
    const pending = await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'pending@example.com' }] } });
    const group = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: 'ml' } });
    const policy = await t.request('POST', '/v1/policies', { token: admin, body: policyV1({ accountId: t.accountId, groupId: group.body.id }) });
    const policy2 = await t.request('POST', '/v2/policies', { token: admin, body: policyV2({ accountId: t.accountId, groupId: group.body.id }) });
    const role = await t.request('POST', '/v2/roles', { token: admin, body: { name: 'JobDeleter', display_name: 'Job deleter', account_id: t.accountId, service_name: 'quantum-computing', actions: ['quantum-computing.job.delete'] } });
    const resourceGroup = await t.request('POST', '/v2/resource_groups', { token: admin, body: { name: 'victims' } });
    const instance = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'QR-victim', target: 'us-east', resource_group: resourceGroup.body.id, resource_plan_id: 'standard' } });
    const job = await t.request('POST', '/api/v1/jobs', {
      token: admin, headers: { 'service-crn': instance.body.crn },
      body: { program_id: 'sampler', params: { pubs: [['OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nbit[1] c;\nh q[0];\nc[0] = measure q[0];\n', null, 10]] } },
    });
    const rule = await t.request('POST', `/v2/groups/${group.body.id}/rules`, { token: admin, body: { expiration: 1, realm_name: 'https://idp.example', conditions: [{ claim: 'project', operator: 'EQUALS', value: 'ml' }] } });
    victim = {
      accountId: t.accountId, ownerIamId: keys.body.apikeys[0].iam_id, apiKeyId: keys.body.apikeys[0].id, serviceId: sid.body.id, pendingIamId: pending.body.resources[0].id,
      groupId: group.body.id, ruleId: rule.body.id, policyId: policy.body.id, policy2Id: policy2.body.id, roleId: role.body.id,
      resourceGroupId: resourceGroup.body.id, instanceGuid: instance.body.guid, instanceCrn: instance.body.crn, jobId: job.body.id,
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
      .replace(':id', url.startsWith('/v1/serviceids') ? victim.serviceId : url.startsWith('/v2/resource_groups') ? victim.resourceGroupId : url.startsWith('/v2/resource_instances') ? victim.instanceGuid : url.startsWith('/api/v1/jobs') || url.startsWith('/jobs') ? victim.jobId : victim.apiKeyId)
      .replace(':name', 'simulator_statevector')
      .replace(':service', 'quantum-computing')
      .replace(':plan_id', 'standard')
      .replace(':access_group_id', victim.groupId)
      .replace(':rule_id', victim.ruleId)
      .replace(':policy_id', url.startsWith('/v2') ? victim.policy2Id : victim.policyId)
      .replace(':role_id', victim.roleId)
      .replace(':token', 'x'.repeat(43)) + (!url.includes(':account_id') && (method === 'GET' || url.startsWith('/v2/groups')) ? `?account_id=${victim.accountId}` : '');

  it('has the routes it should, each declaring who may call it', () => {
    const tokenRoutes = t.qgate.routes.filter((r) => r.auth === 'token');
    expect(tokenRoutes.length).toBeGreaterThanOrEqual(25);
    expect(t.qgate.routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /',
      'GET /.well-known/openid-configuration',
      'GET /api/v1/versions',
      'GET /assets/:name',
      'GET /console/address',
      'GET /health',
      'GET /iam',
      'GET /iam/*',
      'GET /identity/.well-known/openid-configuration',
      'GET /identity/keys',
      'GET /invite/:token',
      'GET /login',
      'GET /login/:realm',
      'GET /login/:realm/callback',
      'GET /openapi.json',
      'GET /quantum',
      'GET /quantum/*',
      'GET /resources',
      'GET /resources/*',
      'GET /signin',
      'GET /signin/callback',
      'GET /v2/invitations/:token',
      'GET /versions',
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
      const headers: Record<string, string> = { 'if-match': '*', 'iam-apikey': ADMIN_APIKEY, 'service-crn': victim.instanceCrn };
      const res = await t.request(route.method, concrete(route.url, route.method), { token: otherToken, body: bodyFor(route.method, route.url, victim), headers });
      // Naming another account's identity or resource group in a body is bad input, answered as for one that does not exist.
      const foreignIdentityInBody = res.status === 400 && res.body.errors[0].code === 'invalid_body' && /not an active user or service ID of your account|is not the account the policy belongs to|is not a resource group of your account/.test(res.body.errors[0].message);
      // Asking the decision API about an identity of another account answers "no" and reveals nothing.
      const unknownSubject = res.status === 200 && url(route) === '/v2/authz' ? res.body.decisions.every((d: any) => !d.permitted && d.matched.length === 0) : res.status === 200 && url(route) === '/v2/authz/explain' && !res.body.permitted && res.body.policies.length === 0;
      // Global Search answers with the caller's own account's instances only: none of the victim's.
      const ownSearch = res.status === 200 && url(route) === '/v3/resources/search' && !res.text.includes(victim.accountId) && !res.text.includes(victim.instanceGuid);
      if (res.status !== 403 && res.status !== 404 && !foreignIdentityInBody && !unknownSubject && !ownSearch) failures.push(`${route.method} ${route.url} → ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    const after = await t.request('GET', `/v2/accounts/${victim.accountId}/users`, { token: await t.adminToken() });
    expect(after.body).toEqual(before.body);
    expect((await t.request('GET', `/v1/apikeys/${victim.apiKeyId}`, { token: await t.adminToken() })).body.name).toBe('bootstrap');
    expect((await t.request('GET', `/v2/resource_instances/${victim.instanceGuid}`, { token: await t.adminToken() })).body).toMatchObject({ name: 'QR-victim', state: 'active', locked: false });
    expect((await t.request('GET', `/v2/resource_groups/${victim.resourceGroupId}`, { token: await t.adminToken() })).body.name).toBe('victims');
  });

  it('records refusals in the audit trail of the account that made them', async () => {
    await t.qgate.services.audit.flush();
    const mine = await t.request('GET', '/v1/audit/events?outcome=denied&limit=1000', { token: otherToken });
    expect(mine.status).toBe(200);
    const tokenRoutes = t.qgate.routes.filter((r) => r.auth === 'token').length;
    expect(mine.body.events.length).toBeGreaterThanOrEqual(tokenRoutes / 2);
    const denied = new Set(mine.body.events.map((e: any) => e.action));
    for (const action of ['iam-identity.apikey.get', 'iam-identity.apikey.delete', 'user-management.user.remove', 'iam-groups.members.add', 'iam.policy.delete']) expect(denied).toContain(action);
    expect(mine.body.events.every((e: any) => e.outcome === 'denied' && e.actor.type === 'user')).toBe(true);
    const victims = await t.request('GET', '/v1/audit/events?outcome=denied&limit=1000&include_unattributed=true', { token: await t.adminToken() });
    expect(victims.body.events.filter((e: any) => e.actor.type === 'anonymous').length).toBeGreaterThanOrEqual(tokenRoutes);
    expect(JSON.stringify(victims.body)).not.toContain(ADMIN_APIKEY);
  });
});
