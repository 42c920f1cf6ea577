/**
 * Every route that changes something writes its audit event in the change's own transaction: right
 * after a successful answer the event is in `audit_events`, under the request's id, with no flush.
 * Buffered recording (`recordLater`, for refusals and sign-ins) is switched off here, so an event
 * that only reached the buffer cannot pass for one written with its change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type Reply, type TestServer } from '../helpers/test-server.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nbit[1] c;\nh q[0];\nc[0] = measure q[0];\n';
const MANAGER = 'crn:v1:bluemix:public:iam::::serviceRole:Manager';
const CLIENT_SECRET = 'audit-coverage-client-secret-value';
const INVITEE_PASSWORD = 'amber meadow quietly folding paper cranes';

/** POST routes that answer a question or sign someone in: they change nothing an audit trail records as a change. */
const NOT_CHANGES = ['POST /v2/authz', 'POST /v2/authz/explain', 'POST /v3/resources/search', 'POST /identity/token', 'POST /v2/users/accept'];

interface State {
  [name: string]: string;
}

interface Step {
  /** The route as the server registers it (`METHOD /url`). */
  readonly route: string;
  readonly action: string;
  /** Makes the change (after any setup it needs) and returns the answer to it. */
  readonly run: (s: State) => Promise<Reply>;
}

const policyV1 = (accountId: string, groupId: string) => ({
  type: 'access',
  subjects: [{ attributes: [{ name: 'access_group_id', value: groupId }] }],
  roles: [{ role_id: MANAGER }],
  resources: [{ attributes: [{ name: 'accountId', value: accountId }, { name: 'serviceName', value: 'quantum-computing' }] }],
});
const policyV2 = (accountId: string, groupId: string) => ({
  type: 'access',
  subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: groupId }] },
  control: { grant: { roles: [{ role_id: MANAGER }] } },
  resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: accountId }, { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' }] },
});

describe.each(await availableStores())('%s: every change is in the audit trail, written with it', (store) => {
  let t: TestServer;
  let admin: string;
  const s: State = {};
  const call = (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) => t.request(method, path, { token: admin, ...options });
  const runtime = (method: string, path: string, body?: unknown) => call(method, path, { body, headers: { 'service-crn': s.runtimeCrn! } });
  const ifMatch = { 'if-match': '*' };

  const steps: Step[] = [
    // IAM Identity: API keys, service IDs, account settings, identity providers.
    { route: 'POST /v1/apikeys', action: 'iam-identity.apikey.create', run: async () => {
      const res = await call('POST', '/v1/apikeys', { body: { name: 'audited', iam_id: s.adminIamId } });
      s.apiKey = res.body.id;
      return res;
    } },
    { route: 'PUT /v1/apikeys/:id', action: 'iam-identity.apikey.update', run: () => call('PUT', `/v1/apikeys/${s.apiKey}`, { body: { name: 'renamed' }, headers: ifMatch }) },
    { route: 'POST /v1/apikeys/:id/lock', action: 'iam-identity.apikey.lock', run: () => call('POST', `/v1/apikeys/${s.apiKey}/lock`) },
    { route: 'DELETE /v1/apikeys/:id/lock', action: 'iam-identity.apikey.lock', run: () => call('DELETE', `/v1/apikeys/${s.apiKey}/lock`) },
    { route: 'POST /v1/apikeys/:id/disable', action: 'iam-identity.apikey.disable', run: () => call('POST', `/v1/apikeys/${s.apiKey}/disable`) },
    { route: 'DELETE /v1/apikeys/:id/disable', action: 'iam-identity.apikey.disable', run: () => call('DELETE', `/v1/apikeys/${s.apiKey}/disable`) },
    { route: 'DELETE /v1/apikeys/:id', action: 'iam-identity.apikey.delete', run: () => call('DELETE', `/v1/apikeys/${s.apiKey}`) },
    { route: 'POST /v1/serviceids/', action: 'iam-identity.serviceid.create', run: async () => {
      const res = await call('POST', '/v1/serviceids/', { body: { account_id: t.accountId, name: 'robot' } });
      s.serviceId = res.body.id;
      return res;
    } },
    { route: 'PUT /v1/serviceids/:id', action: 'iam-identity.serviceid.update', run: () => call('PUT', `/v1/serviceids/${s.serviceId}`, { body: { name: 'robot-2' }, headers: ifMatch }) },
    { route: 'POST /v1/serviceids/:id/lock', action: 'iam-identity.serviceid.lock', run: () => call('POST', `/v1/serviceids/${s.serviceId}/lock`) },
    { route: 'DELETE /v1/serviceids/:id/lock', action: 'iam-identity.serviceid.lock', run: () => call('DELETE', `/v1/serviceids/${s.serviceId}/lock`) },
    { route: 'DELETE /v1/serviceids/:id', action: 'iam-identity.serviceid.delete', run: () => call('DELETE', `/v1/serviceids/${s.serviceId}`) },
    { route: 'PUT /v1/accounts/:account_id/settings/identity', action: 'iam-identity.account.update',
      run: () => call('PUT', `/v1/accounts/${t.accountId}/settings/identity`, { body: { session_expiration_in_seconds: '3600' }, headers: ifMatch }) },
    { route: 'POST /v1/accounts/:account_id/identity_providers', action: 'iam-identity.identity-provider.create', run: async () => {
      const res = await call('POST', `/v1/accounts/${t.accountId}/identity_providers`, { body: { name: 'Audited SSO', discovery_url: 'https://idp.example.org', client_id: 'c', client_secret: CLIENT_SECRET } });
      s.provider = res.body.id;
      return res;
    } },
    { route: 'PUT /v1/accounts/:account_id/identity_providers/:id', action: 'iam-identity.identity-provider.update',
      run: () => call('PUT', `/v1/accounts/${t.accountId}/identity_providers/${s.provider}`, { body: { enabled: false }, headers: ifMatch }) },
    { route: 'DELETE /v1/accounts/:account_id/identity_providers/:id', action: 'iam-identity.identity-provider.delete',
      run: () => call('DELETE', `/v1/accounts/${t.accountId}/identity_providers/${s.provider}`) },

    // User management: invitations and users.
    { route: 'POST /v2/accounts/:account_id/users', action: 'user-management.user.invite', run: async () => {
      const res = await call('POST', `/v2/accounts/${t.accountId}/users`, { body: { users: [{ email: 'invitee@example.com' }, { email: 'revoked@example.com' }] } });
      s.invitee = res.body.resources[0].id;
      s.revoked = res.body.resources[1].id;
      return res;
    } },
    { route: 'POST /v2/accounts/:account_id/invitations/:iam_id/resend', action: 'user-management.invitation.resend',
      run: () => call('POST', `/v2/accounts/${t.accountId}/invitations/${s.invitee}/resend`) },
    { route: 'POST /v2/invitations/:token/accept', action: 'user-management.invitation.accept',
      run: () => t.request('POST', `/v2/invitations/${t.invitationToken('invitee@example.com')}/accept`, { body: { password: INVITEE_PASSWORD, firstname: 'Ada' } }) },
    { route: 'DELETE /v2/accounts/:account_id/invitations/:iam_id', action: 'user-management.invitation.revoke',
      run: () => call('DELETE', `/v2/accounts/${t.accountId}/invitations/${s.revoked}`) },
    { route: 'PATCH /v2/accounts/:account_id/users/:iam_id', action: 'user-management.user.update',
      run: () => call('PATCH', `/v2/accounts/${t.accountId}/users/${s.invitee}`, { body: { lastname: 'Lovelace' } }) },
    { route: 'PATCH /v2/accounts/:account_id/users/:iam_id/settings', action: 'user-management.user-settings.update',
      run: () => call('PATCH', `/v2/accounts/${t.accountId}/users/${s.invitee}/settings`, { body: { language: 'fr' } }) },
    { route: 'DELETE /v2/accounts/:account_id/users/:iam_id', action: 'user-management.user.remove', run: () => call('DELETE', `/v2/accounts/${t.accountId}/users/${s.invitee}`) },
    { route: 'DELETE /v3/accounts/:account_id/users/:iam_id', action: 'user-management.user.remove', run: () => call('DELETE', `/v3/accounts/${t.accountId}/users/${s.leaver}`) },

    // Access groups: settings, groups, members, dynamic rules.
    { route: 'PATCH /v2/groups/settings', action: 'iam-groups.account-settings.update',
      run: () => call('PATCH', `/v2/groups/settings?account_id=${t.accountId}`, { body: { public_access_enabled: true } }) },
    { route: 'POST /v2/groups', action: 'iam-groups.groups.create', run: async () => {
      const res = await call('POST', `/v2/groups?account_id=${t.accountId}`, { body: { name: 'audited' } });
      s.group = res.body.id;
      return res;
    } },
    { route: 'PATCH /v2/groups/:access_group_id', action: 'iam-groups.groups.update', run: () => call('PATCH', `/v2/groups/${s.group}`, { body: { name: 'audited-2' }, headers: ifMatch }) },
    { route: 'PUT /v2/groups/:access_group_id/members', action: 'iam-groups.members.add',
      run: () => call('PUT', `/v2/groups/${s.group}/members`, { body: { members: [{ iam_id: s.member, type: 'user' }] } }) },
    { route: 'DELETE /v2/groups/:access_group_id/members/:iam_id', action: 'iam-groups.members.delete', run: () => call('DELETE', `/v2/groups/${s.group}/members/${s.member}`) },
    { route: 'PUT /v2/groups/_allgroups/members/:iam_id', action: 'iam-groups.members.add',
      run: () => call('PUT', `/v2/groups/_allgroups/members/${s.member}?account_id=${t.accountId}`, { body: { type: 'user', groups: [s.group] } }) },
    { route: 'DELETE /v2/groups/_allgroups/members/:iam_id', action: 'iam-groups.members.delete',
      run: () => call('DELETE', `/v2/groups/_allgroups/members/${s.member}?account_id=${t.accountId}`) },
    { route: 'POST /v2/groups/:access_group_id/members/delete', action: 'iam-groups.members.delete', run: async () => {
      expect((await call('PUT', `/v2/groups/${s.group}/members`, { body: { members: [{ iam_id: s.member, type: 'user' }] } })).status).toBe(207);
      return call('POST', `/v2/groups/${s.group}/members/delete`, { body: { members: [s.member] } });
    } },
    { route: 'POST /v2/groups/:access_group_id/rules', action: 'iam-groups.rules.create', run: async () => {
      const res = await call('POST', `/v2/groups/${s.group}/rules`, { body: { expiration: 1, realm_name: 'https://idp.example', conditions: [{ claim: 'team', operator: 'EQUALS', value: 'ml' }] } });
      s.rule = res.body.id;
      return res;
    } },
    { route: 'PUT /v2/groups/:access_group_id/rules/:rule_id', action: 'iam-groups.rules.update',
      run: () => call('PUT', `/v2/groups/${s.group}/rules/${s.rule}`, { body: { expiration: 2, realm_name: 'https://idp.example', conditions: [{ claim: 'team', operator: 'EQUALS', value: 'qa' }] }, headers: ifMatch }) },
    { route: 'DELETE /v2/groups/:access_group_id/rules/:rule_id', action: 'iam-groups.rules.delete', run: () => call('DELETE', `/v2/groups/${s.group}/rules/${s.rule}`) },
    { route: 'DELETE /v2/groups/:access_group_id', action: 'iam-groups.groups.delete', run: () => call('DELETE', `/v2/groups/${s.group}`) },

    // IAM access management: policies (v1 and v2; a PATCH restores a deleted one) and custom roles.
    ...(['v1', 'v2'] as const).flatMap((v): Step[] => {
      const body = () => (v === 'v1' ? policyV1 : policyV2)(t.accountId, s.subjectGroup!);
      return [
        { route: `POST /${v}/policies`, action: 'iam.policy.create', run: async () => {
          const res = await call('POST', `/${v}/policies`, { body: body() });
          s[`policy${v}`] = res.body.id;
          return res;
        } },
        { route: `PUT /${v}/policies/:policy_id`, action: 'iam.policy.update', run: () => call('PUT', `/${v}/policies/${s[`policy${v}`]}`, { body: body(), headers: ifMatch }) },
        { route: `DELETE /${v}/policies/:policy_id`, action: 'iam.policy.delete', run: () => call('DELETE', `/${v}/policies/${s[`policy${v}`]}`) },
        { route: `PATCH /${v}/policies/:policy_id`, action: 'iam.policy.create', run: () => call('PATCH', `/${v}/policies/${s[`policy${v}`]}`, { body: { state: 'active' }, headers: ifMatch }) },
      ];
    }),
    { route: 'POST /v2/roles', action: 'iam-access-management.customRole.create', run: async () => {
      const res = await call('POST', '/v2/roles', { body: { name: 'JobReader', display_name: 'Job reader', account_id: t.accountId, service_name: 'quantum-computing', actions: ['quantum-computing.job.read'] } });
      s.role = res.body.id;
      return res;
    } },
    { route: 'PUT /v2/roles/:role_id', action: 'iam-access-management.customRole.update',
      run: () => call('PUT', `/v2/roles/${s.role}`, { body: { display_name: 'Job reader 2', actions: ['quantum-computing.job.read'] }, headers: ifMatch }) },
    { route: 'DELETE /v2/roles/:role_id', action: 'iam-access-management.customRole.delete', run: () => call('DELETE', `/v2/roles/${s.role}`) },

    // Resource Controller: resource groups and instances.
    { route: 'POST /v2/resource_groups', action: 'resource-controller.group.create', run: async () => {
      const res = await call('POST', '/v2/resource_groups', { body: { name: 'audited' } });
      s.resourceGroup = res.body.id;
      return res;
    } },
    { route: 'PATCH /v2/resource_groups/:id', action: 'resource-controller.group.update', run: () => call('PATCH', `/v2/resource_groups/${s.resourceGroup}`, { body: { name: 'audited-2' } }) },
    { route: 'DELETE /v2/resource_groups/:id', action: 'resource-controller.group.delete', run: () => call('DELETE', `/v2/resource_groups/${s.resourceGroup}`) },
    { route: 'POST /v2/resource_instances', action: 'resource-controller.instance.create', run: async () => {
      const res = await call('POST', '/v2/resource_instances', { body: { name: 'QR-audited', target: 'us-east', resource_group: s.defaultResourceGroup, resource_plan_id: 'standard' } });
      s.instance = res.body.guid;
      return res;
    } },
    { route: 'PATCH /v2/resource_instances/:id', action: 'resource-controller.instance.update', run: () => call('PATCH', `/v2/resource_instances/${s.instance}`, { body: { name: 'QR-audited-2' } }) },
    { route: 'POST /v2/resource_instances/:id/lock', action: 'resource-controller.instance.lock', run: () => call('POST', `/v2/resource_instances/${s.instance}/lock`) },
    { route: 'DELETE /v2/resource_instances/:id/lock', action: 'resource-controller.instance.unlock', run: () => call('DELETE', `/v2/resource_instances/${s.instance}/lock`) },
    { route: 'DELETE /v2/resource_instances/:id', action: 'resource-controller.instance.delete', run: () => call('DELETE', `/v2/resource_instances/${s.instance}`) },

    // Qiskit Runtime, under /api/v1 and the legacy root paths (workers are off: jobs stay queued until cancelled).
    ...(['/api/v1', ''] as const).flatMap((base): Step[] => [
      { route: `PUT ${base}/instances/configuration`, action: 'quantum-computing.instance.configuration.update', run: () => runtime('PUT', `${base}/instances/configuration`, { instance_limit: 3600 }) },
      { route: `POST ${base}/sessions`, action: 'quantum-computing.session.create', run: async () => {
        const res = await runtime('POST', `${base}/sessions`, { mode: 'batch' });
        s.session = res.body.id;
        return res;
      } },
      { route: `PATCH ${base}/sessions/:id`, action: 'quantum-computing.session.update', run: () => runtime('PATCH', `${base}/sessions/${s.session}`, { accepting_jobs: false }) },
      { route: `DELETE ${base}/sessions/:id/close`, action: 'quantum-computing.session.update', run: () => runtime('DELETE', `${base}/sessions/${s.session}/close`) },
      { route: `POST ${base}/jobs`, action: 'quantum-computing.job.create', run: async () => {
        const res = await runtime('POST', `${base}/jobs`, { program_id: 'sampler', params: { pubs: [[BELL, null, 10]] } });
        s.job = res.body.id;
        return res;
      } },
      { route: `PUT ${base}/jobs/:id/tags`, action: 'quantum-computing.job.update', run: () => runtime('PUT', `${base}/jobs/${s.job}/tags`, { tags: ['audited'] }) },
      { route: `POST ${base}/jobs/:id/cancel`, action: 'quantum-computing.job.cancel', run: () => runtime('POST', `${base}/jobs/${s.job}/cancel`) },
      { route: `DELETE ${base}/jobs/:id`, action: 'quantum-computing.job.delete', run: () => runtime('DELETE', `${base}/jobs/${s.job}`) },
    ]),
  ];

  beforeAll(async () => {
    t = await startTestServer({ store, env: { QGATE_WORKERS: '0' } });
    admin = await t.adminToken();
    s.adminIamId = (await call('GET', '/v1/apikeys')).body.apikeys[0].iam_id;
    s.member = (await t.addUser('member@example.com')).iamId;
    s.leaver = (await t.addUser('leaver@example.com')).iamId;
    s.subjectGroup = (await call('POST', `/v2/groups?account_id=${t.accountId}`, { body: { name: 'policy-subjects' } })).body.id;
    s.defaultResourceGroup = (await call('GET', '/v2/resource_groups')).body.resources[0].id;
    const instance = await call('POST', '/v2/resource_instances', { body: { name: 'QR-runtime', target: 'us-east', resource_group: s.defaultResourceGroup, resource_plan_id: 'standard' } });
    s.runtimeCrn = instance.body.crn;
    // From here on only events written with their change reach the table.
    t.qgate.services.audit.recordLater = () => undefined;
  });
  afterAll(() => t.close());

  it('has a step for every route that changes something', () => {
    const changing = t.qgate.routes.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).filter((r) => !NOT_CHANGES.includes(r));
    const covered = new Set(steps.map((step) => step.route));
    expect(changing.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !changing.includes(r))).toEqual([]);
  });

  for (const step of steps) {
    it(`${step.route} records ${step.action} in its transaction`, async () => {
      const res = await step.run(s);
      expect(res.status, `${step.route} → ${res.status} ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      const requestId = res.headers.get('transaction-id');
      expect(requestId).toBeTruthy();
      const events = await t.qgate.database.db.selectFrom('audit_events').select(['action', 'outcome', 'account_id', 'target_type', 'target_id'])
        .where('request_id', '=', requestId!).execute();
      expect(events, `no event for ${step.route}`).toContainEqual(expect.objectContaining({ action: step.action, outcome: 'success', account_id: t.accountId }));
      expect(events.every((e) => e.target_type !== null && e.target_id !== null)).toBe(true);
    });
  }

  it('holds no secret the changes carried', async () => {
    const all = JSON.stringify(await t.qgate.database.db.selectFrom('audit_events').selectAll().execute());
    for (const secret of [ADMIN_APIKEY, CLIENT_SECRET, INVITEE_PASSWORD]) expect(all).not.toContain(secret);
  });
});
