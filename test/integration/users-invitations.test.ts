/**
 * User Management v2 and invitations over real HTTP, with the real outbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';

describe.each(await availableStores())('%s: users and invitations', (store) => {
  let t: TestServer;
  let admin: string;
  const users = () => `/v2/accounts/${t.accountId}/users`;

  beforeAll(async () => {
    t = await startTestServer({ store });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('invites by email: 202, a PENDING user, and an email carrying the link', async () => {
    const ml = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: 'ml' } });
    const res = await t.request('POST', users(), {
      token: admin,
      body: { users: [{ email: 'Fatima@Example.com', account_role: 'Member' }], access_groups: [ml.body.id], iam_policy: [{ type: 'access', roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }], resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'quantum-computing' }] }] }] },
    });
    expect(res.status).toBe(202);
    expect(res.body.resources).toEqual([{ email: 'fatima@example.com', id: expect.stringMatching(/^QGid-/), state: 'PENDING' }]);
    const eml = fs.readdirSync(path.join(t.dataDir, 'outbox')).find((f) => f.includes('fatima@example.com'))!;
    const text = fs.readFileSync(path.join(t.dataDir, 'outbox', eml), 'utf8');
    expect(text).toMatch(/^To: fatima@example\.com/m);
    expect(text).toContain('/invite/');
    const profile = await t.request('GET', `${users()}/${res.body.resources[0].id}`, { token: admin });
    expect(profile.body.state).toBe('PENDING');
    // The invitation keeps the groups and policies for the access model to honour.
    const row = await t.qgate.database.db.selectFrom('invitations').selectAll().where('iam_id', '=', res.body.resources[0].id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.access_groups)).toEqual([ml.body.id]);
    expect(JSON.parse(row.iam_policy)[0].roles[0].role_id).toMatch(/Viewer$/);
    // The invitation's group and policy are granted to the invited user at once, as on IBM Cloud.
    expect((await t.request('HEAD', `/v2/groups/${ml.body.id}/members/${res.body.resources[0].id}`, { token: admin })).status).toBe(204);
    const policies = await t.request('GET', `/v1/policies?account_id=${t.accountId}&iam_id=${res.body.resources[0].id}`, { token: admin });
    expect(policies.body.policies).toHaveLength(1);
    expect(row.token_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(text).not.toContain(row.token_digest);
  });

  it('a PENDING user cannot be managed (409 user_pending)', async () => {
    const list = await t.request('GET', `${users()}?search=email:fatima`, { token: admin });
    const id = list.body.resources[0].iam_id;
    const patch = await t.request('PATCH', `${users()}/${id}`, { token: admin, body: { firstname: 'F' } });
    expect(patch.status).toBe(409);
    expect(patch.body.errors[0].code).toBe('user_pending');
    const settings = await t.request('PATCH', `${users()}/${id}/settings`, { token: admin, body: { language: 'en' } });
    expect(settings.status).toBe(409);
  });

  it('previews and accepts an invitation once; the link is single-use', async () => {
    const token = t.invitationToken('fatima@example.com');
    const preview = await t.request('GET', `/v2/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ email: 'fatima@example.com', account_id: t.accountId });
    const weak = await t.request('POST', `/v2/invitations/${token}/accept`, { body: { password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].code).toBe('password_too_short');
    const common = await t.request('POST', `/v2/invitations/${token}/accept`, { body: { password: 'qwerty123456' } });
    expect(common.status).toBe(400);
    expect(common.body.errors[0].code).toBe('password_too_common');
    const ok = await t.request('POST', `/v2/invitations/${token}/accept`, { body: { password: 'orbital tangerine lighthouse', firstname: 'Fatima', lastname: 'K' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'ACTIVE', email: 'fatima@example.com', firstname: 'Fatima' });
    const again = await t.request('POST', `/v2/invitations/${token}/accept`, { body: { password: 'another long passphrase' } });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].code).toBe('invitation_used');
    const login = await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: 'fatima@example.com', password: 'orbital tangerine lighthouse' } });
    expect(login.status).toBe(200);
  });

  it('refuses to re-invite a member, and accepting two invitations concurrently activates once', async () => {
    const dup = await t.request('POST', users(), { token: admin, body: { users: [{ email: 'fatima@example.com' }] } });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].code).toBe('user_already_member');
    await t.request('POST', users(), { token: admin, body: { users: [{ email: 'race@example.com' }] } });
    const token = t.invitationToken('race@example.com');
    const results = await Promise.all([1, 2, 3].map((i) => t.request('POST', `/v2/invitations/${token}/accept`, { body: { password: `concurrent passphrase number ${i}` } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('resend voids the old link; revoke removes the pending user', async () => {
    const invited = await t.request('POST', users(), { token: admin, body: { users: [{ email: 'ravi@example.com' }] } });
    const iamId = invited.body.resources[0].id;
    const oldToken = t.invitationToken('ravi@example.com');
    await new Promise((r) => setTimeout(r, 5));
    const resent = await t.request('POST', `/v2/accounts/${t.accountId}/invitations/${iamId}/resend`, { token: admin });
    expect(resent.status).toBe(202);
    expect(resent.body.send_count).toBe(2);
    const newToken = t.invitationToken('ravi@example.com');
    expect(newToken).not.toBe(oldToken);
    expect((await t.request('GET', `/v2/invitations/${oldToken}`)).status).toBe(404);
    expect((await t.request('GET', `/v2/invitations/${newToken}`)).status).toBe(200);
    const list = await t.request('GET', `/v2/accounts/${t.accountId}/invitations?state=PENDING`, { token: admin });
    expect(list.body.invitations.map((i: any) => i.email)).toContain('ravi@example.com');
    expect(JSON.stringify(list.body)).not.toContain(newToken);
    const revoked = await t.request('DELETE', `/v2/accounts/${t.accountId}/invitations/${iamId}`, { token: admin });
    expect(revoked.status).toBe(204);
    expect((await t.request('GET', `/v2/invitations/${newToken}`)).status).toBe(404);
    expect((await t.request('GET', `${users()}/${iamId}`, { token: admin })).status).toBe(404);
  });

  it('lists with _start/next_url paging and search', async () => {
    for (const name of ['p1', 'p2', 'p3']) await t.request('POST', users(), { token: admin, body: { users: [{ email: `${name}@paging.example` }] } });
    const seen: string[] = [];
    let next: string | undefined = `${users()}?limit=2`;
    let pages = 0;
    while (next && pages < 20) {
      const page: any = await t.request('GET', next, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.limit).toBe(2);
      seen.push(...page.body.resources.map((r: any) => r.email));
      next = page.body.next_url;
      pages++;
    }
    const total = (await t.request('GET', users(), { token: admin })).body.total_results;
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const found = await t.request('GET', `${users()}?search=email:paging.example`, { token: admin });
    expect(found.body.total_results).toBe(3);
    const active = await t.request('GET', `${users()}?search=state:ACTIVE`, { token: admin });
    expect(active.body.resources.every((r: any) => r.state === 'ACTIVE')).toBe(true);
    const bad = await t.request('GET', `${users()}?search=password:x`, { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/search/);
  });

  it('updates profiles and settings (204), and a member sees only themselves', async () => {
    const amyra = await t.addUser('amyra@example.com');
    const self = await t.request('PATCH', `${users()}/${amyra.iamId}`, { token: amyra.token, body: { lastname: 'Rao', phonenumber: '+1 555' } });
    expect(self.status).toBe(204);
    expect((await t.request('GET', `${users()}/${amyra.iamId}`, { token: amyra.token })).body).toMatchObject({ lastname: 'Rao', phonenumber: '+1 555' });
    const settings = await t.request('PATCH', `${users()}/${amyra.iamId}/settings`, { token: amyra.token, body: { language: 'fr', self_manage: true } });
    expect(settings.status).toBe(204);
    expect((await t.request('GET', `${users()}/${amyra.iamId}/settings`, { token: amyra.token })).body).toMatchObject({ language: 'fr', self_manage: true });
    const list = await t.request('GET', users(), { token: amyra.token });
    expect(list.body.resources.map((r: any) => r.iam_id)).toEqual([amyra.iamId]);
    // A member may not disable themselves or touch others.
    expect((await t.request('PATCH', `${users()}/${amyra.iamId}`, { token: amyra.token, body: { state: 'DISABLED' } })).status).toBe(403);
    const adminId = (await t.request('GET', `${users()}?search=email:admin@example.com`, { token: admin })).body.resources[0].iam_id;
    expect((await t.request('GET', `${users()}/${adminId}`, { token: amyra.token })).status).toBe(403);
    expect((await t.request('POST', users(), { token: amyra.token, body: { users: [{ email: 'x@example.com' }] } })).status).toBe(403);
  });

  it('disabling or removing a user refuses their tokens and keys from the next request on', async () => {
    const ravi = await t.addUser('ravi2@example.com');
    const keyToken = await t.tokenFor(ravi.apikey);
    expect((await t.request('GET', '/v1/apikeys', { token: keyToken })).status).toBe(200);
    expect((await t.request('PATCH', `${users()}/${ravi.iamId}`, { token: admin, body: { state: 'DISABLED' } })).status).toBe(204);
    for (const token of [keyToken, ravi.token]) {
      const res = await t.request('GET', '/v1/apikeys', { token });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].code).toBe('token_revoked');
    }
    expect((await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: 'ravi2@example.com', password: ravi.password } })).status).toBe(400);
    expect((await t.request('PATCH', `${users()}/${ravi.iamId}`, { token: admin, body: { state: 'ACTIVE' } })).status).toBe(204);
    // Tokens from before the disable stay dead; a new sign-in works.
    expect((await t.request('GET', '/v1/apikeys', { token: keyToken })).status).toBe(401);
    const fresh = await t.tokenFor(ravi.apikey);
    expect((await t.request('GET', '/v1/apikeys', { token: fresh })).status).toBe(200);
    expect((await t.request('DELETE', `${users()}/${ravi.iamId}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', '/v1/apikeys', { token: fresh })).status).toBe(401);
    expect((await t.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: ravi.apikey } })).status).toBe(400);
  });

  it('the owner can be neither removed nor disabled', async () => {
    const me = await t.request('GET', `${users()}?search=email:admin@example.com`, { token: admin });
    const id = me.body.resources[0].iam_id;
    expect((await t.request('DELETE', `${users()}/${id}`, { token: admin })).status).toBe(409);
    expect((await t.request('PATCH', `${users()}/${id}`, { token: admin, body: { state: 'DISABLED' } })).status).toBe(409);
    expect((await t.request('GET', '/v1/apikeys', { headers: { authorization: `apikey ${ADMIN_APIKEY}` } })).status).toBe(200);
  });

  it('v3 removal answers 202', async () => {
    const u = await t.addUser('v3@example.com');
    expect((await t.request('DELETE', `/v3/accounts/${t.accountId}/users/${u.iamId}`, { token: admin })).status).toBe(202);
    expect((await t.request('GET', `${users()}/${u.iamId}`, { token: admin })).status).toBe(404);
  });
});
