/**
 * IAM Access Groups v2 over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStores } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe.each(await availableStores())('%s: access groups', (store) => {
  let t: TestServer;
  let admin: string;
  const groups = () => `/v2/groups?account_id=${t.accountId}`;

  beforeAll(async () => {
    t = await startTestServer({ store, env: { QGATE_LIMIT_GROUPS_PER_ACCOUNT: '6', QGATE_LIMIT_RULES_PER_GROUP: '2' } });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('creates a group with an ETag, refuses duplicate names regardless of case', async () => {
    const res = await t.request('POST', groups(), { token: admin, body: { name: 'ml', description: 'Machine learning project' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^AccessGroupId-/), name: 'ml', description: 'Machine learning project', account_id: t.accountId, is_federated: false });
    expect(res.headers.get('etag')).toBeTruthy();
    expect(res.body.href).toMatch(new RegExp(`/v2/groups/${res.body.id}$`));
    const dup = await t.request('POST', groups(), { token: admin, body: { name: 'ML' } });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].code).toBe('group_name_conflict');
    const noDesc = await t.request('POST', groups(), { token: admin, body: { name: 'finance' } });
    expect(noDesc.body.description).toBe('');
  });

  it('lists with offset paging, Public Access first unless hidden, and searches', async () => {
    const all = await t.request('GET', `${groups()}&limit=1`, { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.total_count).toBe(3);
    expect(all.body.groups[0].id).toBe('AccessGroupId-PublicAccess');
    const seen: string[] = [];
    let next: string | undefined = `${groups()}&limit=1`;
    for (let i = 0; next && i < 10; i++) {
      const page: any = await t.request('GET', next.replace(/^https?:\/\/[^/]+/, ''), { token: admin });
      seen.push(...page.body.groups.map((g: any) => g.name));
      next = page.body.next?.href;
    }
    expect(seen.sort()).toEqual(['Public Access', 'finance', 'ml']);
    const hidden = await t.request('GET', `${groups()}&hide_public_access=true`, { token: admin });
    expect(hidden.body.groups.map((g: any) => g.name).sort()).toEqual(['finance', 'ml']);
    const found = await t.request('GET', `${groups()}&search=name:fin`, { token: admin });
    expect(found.body.groups.map((g: any) => g.name)).toEqual(['finance']);
  });

  it('searches names for the text as typed: an underscore is no wildcard, case does not matter', async () => {
    const made = [];
    for (const name of ['lab_a', 'labxa']) made.push((await t.request('POST', groups(), { token: admin, body: { name } })).body.id as string);
    try {
      const names = async (search: string) => (await t.request('GET', `${groups()}&search=${encodeURIComponent(search)}`, { token: admin })).body.groups.map((g: any) => g.name).sort();
      expect(await names('name:lab_')).toEqual(['lab_a']);
      expect(await names('name:LAB')).toEqual(['lab_a', 'labxa']);
      expect(await names('name:FIN')).toEqual(['finance']);
    } finally {
      for (const id of made) await t.request('DELETE', `/v2/groups/${id}?force=true`, { token: admin });
    }
  });

  it('updates with If-Match: required, stale refused, current accepted', async () => {
    const created = await t.request('POST', groups(), { token: admin, body: { name: 'temp' } });
    const etag = created.headers.get('etag')!;
    expect((await t.request('PATCH', `/v2/groups/${created.body.id}`, { token: admin, body: { description: 'x' } })).status).toBe(428);
    const ok = await t.request('PATCH', `/v2/groups/${created.body.id}`, { token: admin, body: { name: 'renamed' }, headers: { 'if-match': etag } });
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe('renamed');
    const stale = await t.request('PATCH', `/v2/groups/${created.body.id}`, { token: admin, body: { name: 'again' }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect((await t.request('GET', `/v2/groups/${created.body.id}`, { token: admin })).body.name).toBe('renamed');
    expect((await t.request('DELETE', `/v2/groups/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `/v2/groups/${created.body.id}`, { token: admin })).status).toBe(404);
  });

  it('adds members with a status per member (207), checks membership with HEAD, lists verbose', async () => {
    const ml = (await t.request('GET', `${groups()}&search=name:ml`, { token: admin })).body.groups[0];
    const fatima = await t.addUser('fatima@groups.example');
    const sid = await t.request('POST', '/v1/serviceids/', { token: admin, body: { account_id: t.accountId, name: 'runner' } });
    const res = await t.request('PUT', `/v2/groups/${ml.id}/members`, {
      token: admin,
      body: { members: [{ iam_id: fatima.iamId, type: 'user' }, { iam_id: sid.body.iam_id, type: 'service' }, { iam_id: 'QGid-NOBODYHERE', type: 'user' }] },
    });
    expect(res.status).toBe(207);
    expect(res.body.members.map((m: any) => m.status_code)).toEqual([200, 200, 404]);
    expect(res.body.members[2].errors[0].code).toBe('member_not_found');
    expect((await t.request('HEAD', `/v2/groups/${ml.id}/members/${fatima.iamId}`, { token: admin })).status).toBe(204);
    expect((await t.request('HEAD', `/v2/groups/${ml.id}/members/QGid-NOBODYHERE`, { token: admin })).status).toBe(404);
    expect((await t.request('HEAD', `/v2/groups/AccessGroupId-PublicAccess/members/${fatima.iamId}`, { token: admin })).status).toBe(204);
    const members = await t.request('GET', `/v2/groups/${ml.id}/members?verbose=true`, { token: admin });
    expect(members.body.total_count).toBe(2);
    expect(members.body.members.find((m: any) => m.iam_id === fatima.iamId)).toMatchObject({ type: 'user', membership_type: 'static', email: 'fatima@groups.example' });
    const mine = await t.request('GET', `${groups()}&iam_id=${fatima.iamId}&hide_public_access=true`, { token: admin });
    expect(mine.body.groups.map((g: any) => g.name)).toEqual(['ml']);
  });

  it('removes members singly, in bulk and from all groups', async () => {
    const [ml, finance] = ['ml', 'finance'].map(async (n) => (await t.request('GET', `${groups()}&search=name:${n}`, { token: admin })).body.groups[0]);
    const amyra = await t.addUser('amyra@groups.example');
    const all = await t.request('PUT', `/v2/groups/_allgroups/members/${amyra.iamId}?account_id=${t.accountId}`, { token: admin, body: { type: 'user', groups: [(await ml).id, (await finance).id, 'AccessGroupId-missing'] } });
    expect(all.status).toBe(207);
    expect(all.body.groups.map((g: any) => g.status_code)).toEqual([200, 200, 404]);
    const bulk = await t.request('POST', `/v2/groups/${(await ml).id}/members/delete`, { token: admin, body: { members: [amyra.iamId, 'QGid-NOTAMEMBER'] } });
    expect(bulk.status).toBe(207);
    expect(bulk.body.members.map((m: any) => m.status_code)).toEqual([204, 404]);
    const everywhere = await t.request('DELETE', `/v2/groups/_allgroups/members/${amyra.iamId}?account_id=${t.accountId}`, { token: admin });
    expect(everywhere.status).toBe(207);
    expect(everywhere.body.groups).toHaveLength(1);
    expect((await t.request('DELETE', `/v2/groups/_allgroups/members/${amyra.iamId}?account_id=${t.accountId}`, { token: admin })).status).toBe(404);
  });

  it('refuses deleting a group with members unless forced', async () => {
    const g = await t.request('POST', groups(), { token: admin, body: { name: 'doomed' } });
    const u = await t.addUser('doomed@groups.example');
    await t.request('PUT', `/v2/groups/${g.body.id}/members`, { token: admin, body: { members: [{ iam_id: u.iamId, type: 'user' }] } });
    const refused = await t.request('DELETE', `/v2/groups/${g.body.id}`, { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('group_not_empty');
    expect((await t.request('DELETE', `/v2/groups/${g.body.id}?force=true`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `${groups()}&iam_id=${u.iamId}&hide_public_access=true`, { token: admin })).body.groups).toEqual([]);
  });

  it('stores and validates dynamic rules, within the limit', async () => {
    const ml = (await t.request('GET', `${groups()}&search=name:ml`, { token: admin })).body.groups[0];
    const rule = { name: 'ml project', expiration: 12, realm_name: 'https://idp.example.org/realms/lab', conditions: [{ claim: 'project', operator: 'EQUALS', value: 'ml' }] };
    const created = await t.request('POST', `/v2/groups/${ml.id}/rules`, { token: admin, body: rule });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...rule, access_group_id: ml.id, account_id: t.accountId });
    const bad = await t.request('POST', `/v2/groups/${ml.id}/rules`, { token: admin, body: { ...rule, expiration: 48 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/expiration/);
    const badOp = await t.request('POST', `/v2/groups/${ml.id}/rules`, { token: admin, body: { ...rule, conditions: [{ claim: 'project', operator: 'LIKE', value: 'x' }] } });
    expect(badOp.status).toBe(400);
    const badIn = await t.request('POST', `/v2/groups/${ml.id}/rules`, { token: admin, body: { ...rule, conditions: [{ claim: 'project', operator: 'IN', value: 'ml' }] } });
    expect(badIn.status).toBe(400);
    expect(badIn.body.errors[0].message).toMatch(/JSON array/);
    const get = await t.request('GET', `/v2/groups/${ml.id}/rules/${created.body.id}`, { token: admin });
    const put = await t.request('PUT', `/v2/groups/${ml.id}/rules/${created.body.id}`, { token: admin, body: { ...rule, expiration: 2 }, headers: { 'if-match': get.headers.get('etag')! } });
    expect(put.status).toBe(200);
    expect(put.body.expiration).toBe(2);
    await t.request('POST', `/v2/groups/${ml.id}/rules`, { token: admin, body: rule });
    const over = await t.request('POST', `/v2/groups/${ml.id}/rules`, { token: admin, body: rule });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].code).toBe('rule_limit_reached');
    expect((await t.request('GET', `/v2/groups/${ml.id}/rules`, { token: admin })).body.rules).toHaveLength(2);
    expect((await t.request('DELETE', `/v2/groups/${ml.id}/rules/${created.body.id}`, { token: admin })).status).toBe(204);
  });

  it('enforces the group limit per account, and protects the Public Access group', async () => {
    for (let i = 0; i < 5; i++) await t.request('POST', groups(), { token: admin, body: { name: `filler-${i}` } });
    const over = await t.request('POST', groups(), { token: admin, body: { name: 'one-too-many' } });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].code).toBe('group_limit_reached');
    expect((await t.request('DELETE', '/v2/groups/AccessGroupId-PublicAccess', { token: admin })).status).toBe(400);
    expect((await t.request('PUT', '/v2/groups/AccessGroupId-PublicAccess/members', { token: admin, body: { members: [{ iam_id: 'QGid-X', type: 'user' }] } })).status).toBe(400);
  });

  it('reads and updates the account settings', async () => {
    const s = await t.request('GET', `/v2/groups/settings?account_id=${t.accountId}`, { token: admin });
    expect(s.body.public_access_enabled).toBe(true);
    const u = await t.request('PATCH', `/v2/groups/settings?account_id=${t.accountId}`, { token: admin, body: { public_access_enabled: false } });
    expect(u.body.public_access_enabled).toBe(false);
  });

  it('members cannot manage groups', async () => {
    const ravi = await t.addUser('ravi@groups.example');
    expect((await t.request('POST', groups(), { token: ravi.token, body: { name: 'mine' } })).status).toBe(403);
    expect((await t.request('GET', groups(), { token: ravi.token })).status).toBe(403);
  });
});
