/**
 * qgate driven by IBM's own Node SDK (`@ibm-cloud/platform-services` with `ibm-cloud-sdk-core`),
 * unchanged but for the service URL: token exchange, User Management v2 and IAM Identity v1
 * (API keys and service IDs). Assertions follow IBM's behaviour as the SDK sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BearerTokenAuthenticator, IamAuthenticator } from 'ibm-cloud-sdk-core';
import IamIdentityV1 from '@ibm-cloud/platform-services/iam-identity/v1.js';
import UserManagementV1 from '@ibm-cloud/platform-services/user-management/v1.js';
import { rejection, type SdkError } from '../helpers/sdk.js';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, ADMIN_EMAIL, startTestServer, type TestServer } from '../helpers/test-server.js';


const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, any>;

/** The HTTP status a call ends with, whether it resolves or rejects. */
async function statusOf(call: Promise<{ status: number }>): Promise<number | undefined> {
  try {
    return (await call).status;
  } catch (err) {
    return (err as SdkError).status;
  }
}

/** The bearer token an authenticator puts on requests (fetched or cached by the SDK itself). */
async function bearerOf(authenticator: IamAuthenticator): Promise<string> {
  const options: { headers: Record<string, string> } = { headers: {} };
  await authenticator.authenticate(options);
  const header = options.headers.Authorization ?? '';
  expect(header).toMatch(/^Bearer \S+$/);
  return header.slice('Bearer '.length);
}

/** The `pagetoken` query parameter of an IAM Identity `next` link (as IBM's own tests read it). */
function pageTokenOf(next: string | undefined): string | undefined {
  if (!next) return undefined;
  return new URL(next, 'http://placeholder.invalid').searchParams.get('pagetoken') ?? undefined;
}

const IDENTITY_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d\+0000$/;
const ENTITY_TAG = /^\d+-[0-9a-f]{32}$/;

describe.each(await availableStores())('%s: IBM Node SDK', (store) => {
  let t: TestServer;
  let authenticator: IamAuthenticator;
  let identity: IamIdentityV1;
  let userManagement: UserManagementV1;
  let adminIamId: string;

  /** Clients for another API key, with an authenticator of their own. */
  const clientsFor = (apikey: string) => {
    const auth = new IamAuthenticator({ apikey, url: t.url });
    return { authenticator: auth, identity: new IamIdentityV1({ authenticator: auth, serviceUrl: t.url }), userManagement: new UserManagementV1({ authenticator: auth, serviceUrl: t.url }) };
  };

  beforeAll(async () => {
    t = await startTestServer({ store });
    authenticator = new IamAuthenticator({ apikey: ADMIN_APIKEY, url: t.url });
    identity = new IamIdentityV1({ authenticator, serviceUrl: t.url });
    userManagement = new UserManagementV1({ authenticator, serviceUrl: t.url });
    adminIamId = claims(await bearerOf(authenticator)).iam_id as string;
  });
  afterAll(() => t?.close());

  describe('token exchange', () => {
    it('IamAuthenticator exchanges the API key for a JWT the SDK can cache', async () => {
      const token = await bearerOf(authenticator);
      const c = claims(token);
      expect(typeof c.iat).toBe('number');
      expect(typeof c.exp).toBe('number');
      // The SDK re-fetches on every request when a token lives 10 s or less.
      expect(c.exp - c.iat).toBeGreaterThan(10);
      expect(c.account?.bss).toBe(t.accountId);
      expect(c.grant_type).toBe('urn:ibm:params:oauth:grant-type:apikey');
      expect(c.iam_id).toBe(adminIamId);
      expect(c.sub).toBe(ADMIN_EMAIL);
      // Cached: asking again gives the same token rather than a new exchange.
      expect(await bearerOf(authenticator)).toBe(token);
    });

    it('a wrong API key makes the SDK call reject with status 400', async () => {
      const wrong = clientsFor('not-a-key-of-this-server-0123456789abcdefgh');
      const err = await rejection(wrong.identity.listApiKeys({}));
      expect(err.status).toBe(400);
      expect(err.result?.errorCode).toBe('BXNIM0415E');
      expect(err.result?.errorMessage).toBe('Provided API key could not be found.');
      // The SDK shows the service's message, or its own fixed text when it judges the failure an auth one.
      expect(err.message).toMatch(/^(Provided API key could not be found\.|Access is denied due to invalid credentials\.)$/);
      const users = await rejection(wrong.userManagement.listUsers({ accountId: t.accountId }));
      expect(users.status).toBe(400);
    });
  });

  describe('User Management', () => {
    const invitees = ['grace@sdk.example', 'alan@sdk.example', 'ada@sdk.example'];
    const invited = new Map<string, string>();
    const gracePassword = 'amber compiler nanosecond harbor';

    it('inviteUsers: 202 with one PENDING user per email, ids usable as IAM ids', async () => {
      const res = await userManagement.inviteUsers({
        accountId: t.accountId,
        users: invitees.map((email) => ({ email, account_role: 'Member' })),
        iamPolicy: [{ type: 'access', roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }], resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'quantum-computing' }] }] }],
      });
      expect(res.status).toBe(202);
      const resources = res.result.resources ?? [];
      expect(resources.map((r) => r.email).sort()).toEqual([...invitees].sort());
      for (const r of resources) {
        expect(r.state).toBe('PENDING');
        expect(r.id).toEqual(expect.any(String));
        invited.set(r.email!, r.id!);
      }
      expect(new Set(invited.values()).size).toBe(invitees.length);
    });

    it('getUserProfile: the invited user, PENDING', async () => {
      const iamId = invited.get('grace@sdk.example')!;
      const res = await userManagement.getUserProfile({ accountId: t.accountId, iamId });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ iam_id: iamId, email: 'grace@sdk.example', state: 'PENDING', account_id: t.accountId });
    });

    it('updateUserProfile on a PENDING user rejects with 409 user_pending, message surfaced', async () => {
      const iamId = invited.get('grace@sdk.example')!;
      const err = await rejection(userManagement.updateUserProfile({ accountId: t.accountId, iamId, firstname: 'Grace' }));
      expect(err.status).toBe(409);
      expect(err.result?.errors?.[0]?.code).toBe('user_pending');
      // err.message is the server's explanation, not the bare status text.
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
      expect(err.message).not.toBe(err.statusText);
      expect(err.message).toContain(iamId);
      expect(err.message).toMatch(/accept/i);
    });

    it('updateUserProfile after the invitation is accepted: 204, and the profile shows it', async () => {
      const iamId = invited.get('grace@sdk.example')!;
      const accepted = await t.request('POST', `/v2/invitations/${t.invitationToken('grace@sdk.example')}/accept`, { body: { password: gracePassword } });
      expect(accepted.status).toBe(200);
      const res = await userManagement.updateUserProfile({ accountId: t.accountId, iamId, firstname: 'Grace', lastname: 'Hopper', phonenumber: '+1 555 0100' });
      expect(res.status).toBe(204);
      const profile = await userManagement.getUserProfile({ accountId: t.accountId, iamId });
      expect(profile.result).toMatchObject({ iam_id: iamId, state: 'ACTIVE', firstname: 'Grace', lastname: 'Hopper', phonenumber: '+1 555 0100', email: 'grace@sdk.example' });
    });

    it('accept (POST /v2/users/accept) by a user who has already accepted: 204', async () => {
      const login = await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: 'grace@sdk.example', password: gracePassword } });
      expect(login.status).toBe(200);
      const own = new UserManagementV1({ authenticator: new BearerTokenAuthenticator({ bearerToken: login.body.access_token as string }), serviceUrl: t.url });
      expect(await statusOf(own.accept({ accountId: t.accountId }))).toBe(204);
    });

    it('listUsers: every user of the account, with total_results and search', async () => {
      const res = await userManagement.listUsers({ accountId: t.accountId });
      expect(res.status).toBe(200);
      const emails = (res.result.resources ?? []).map((u) => u.email);
      expect(emails).toEqual(expect.arrayContaining([ADMIN_EMAIL, ...invitees]));
      expect(res.result.total_results).toBe(emails.length);
      expect(res.result.limit).toBeGreaterThanOrEqual(emails.length);
      expect(res.result.next_url).toBeUndefined();
      const pending = await userManagement.listUsers({ accountId: t.accountId, search: 'state:PENDING' });
      expect((pending.result.resources ?? []).map((u) => u.email).sort()).toEqual(['ada@sdk.example', 'alan@sdk.example']);
    });

    it('UsersPager walks every page by _start and sees each user once', async () => {
      const all = await userManagement.listUsers({ accountId: t.accountId });
      const expected = (all.result.resources ?? []).map((u) => u.iam_id).sort();
      expect(expected.length).toBeGreaterThanOrEqual(4);
      const pager = new UserManagementV1.UsersPager(userManagement, { accountId: t.accountId, limit: 1 });
      const seen: string[] = [];
      let pages = 0;
      while (pager.hasNext() && pages < 50) {
        const page = await pager.getNext();
        expect(page.length).toBeLessThanOrEqual(1);
        seen.push(...page.map((u) => u.iam_id!));
        pages++;
      }
      expect(pages).toBe(expected.length);
      expect([...seen].sort()).toEqual(expected);
      const everything = await new UserManagementV1.UsersPager(userManagement, { accountId: t.accountId, limit: 2 }).getAll();
      expect(everything.map((u) => u.iam_id).sort()).toEqual(expected);
    });

    it('removeUser with the id inviteUsers returned: 204, then the profile is gone (404)', async () => {
      const iamId = invited.get('alan@sdk.example')!;
      const res = await userManagement.removeUser({ accountId: t.accountId, iamId });
      expect(res.status).toBe(204);
      const err = await rejection(userManagement.getUserProfile({ accountId: t.accountId, iamId }));
      expect(err.status).toBe(404);
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
    });
  });

  describe('API keys', () => {
    let keyId: string;
    let keyValue: string;
    let etag: string;

    it('createApiKey: 201 with the value, once', async () => {
      const res = await identity.createApiKey({ name: 'sdk-key', iamId: adminIamId, description: 'made by the IBM SDK', accountId: t.accountId, expiresAt: '2049-01-02T18:30:00+0000' });
      expect(res.status).toBe(201);
      const key = res.result;
      keyId = key.id;
      keyValue = key.apikey;
      etag = key.entity_tag!;
      expect(key.id).toMatch(/^ApiKey-[0-9a-f-]{36}$/);
      // The CRN's cname is the deployment's name (IBM's public cloud says bluemix); the rest is IBM's grammar.
      expect(key.crn).toMatch(new RegExp(`^crn:v1:[a-z][a-z0-9-]*:public:iam-identity::a/${t.accountId}::apikey:${key.id}$`));
      expect(key.entity_tag).toMatch(ENTITY_TAG);
      expect(key).toMatchObject({ name: 'sdk-key', description: 'made by the IBM SDK', iam_id: adminIamId, account_id: t.accountId, created_by: adminIamId, locked: false });
      expect(key.created_at).toMatch(IDENTITY_TIME);
      expect(key.expires_at).toBe('2049-01-02T18:30+0000');
      expect(key.apikey.length).toBeGreaterThanOrEqual(32);
    });

    it('listApiKeys: the new key without its value, paged by pagetoken', async () => {
      const res = await identity.listApiKeys({ accountId: t.accountId, iamId: adminIamId, pagesize: 100, includeHistory: true });
      expect(res.status).toBe(200);
      expect(res.result.limit).toBe(100);
      expect(res.result.offset).toBe(0);
      expect(res.result.next).toBeUndefined();
      const mine = res.result.apikeys.find((k) => k.id === keyId);
      expect(mine).toMatchObject({ name: 'sdk-key', iam_id: adminIamId, account_id: t.accountId });
      expect(mine?.apikey ?? '').toBe('');
      expect(Array.isArray(mine?.history)).toBe(true);
      const total = res.result.apikeys.length;
      expect(total).toBeGreaterThanOrEqual(2);

      const seen: string[] = [];
      let pagetoken: string | undefined;
      let pages = 0;
      do {
        const page = await identity.listApiKeys({ accountId: t.accountId, iamId: adminIamId, pagesize: 1, ...(pagetoken ? { pagetoken } : {}) });
        expect(page.status).toBe(200);
        expect(page.result.limit).toBe(1);
        expect(page.result.apikeys.length).toBeLessThanOrEqual(1);
        seen.push(...page.result.apikeys.map((k) => k.id));
        pagetoken = pageTokenOf(page.result.next);
        pages++;
      } while (pagetoken && pages < 50);
      expect(pages).toBe(total);
      expect([...seen].sort()).toEqual(res.result.apikeys.map((k) => k.id).sort());
    });

    it('getApiKey with includeHistory: the key, its entity_tag and history, no value', async () => {
      const res = await identity.getApiKey({ id: keyId, includeHistory: true });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: keyId, name: 'sdk-key', iam_id: adminIamId, account_id: t.accountId, created_by: adminIamId, locked: false, disabled: false, entity_tag: etag });
      expect(res.result.apikey ?? '').toBe('');
      expect(res.result.history?.length).toBeGreaterThanOrEqual(1);
      for (const h of res.result.history ?? []) {
        expect(h.timestamp).toMatch(IDENTITY_TIME);
        expect(h).toMatchObject({ iam_id: adminIamId, action: expect.any(String), message: expect.any(String) });
      }
    });

    it('getApiKeysDetails by value (IAM-ApiKey header)', async () => {
      const res = await identity.getApiKeysDetails({ iamApiKey: keyValue, includeHistory: true });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: keyId, iam_id: adminIamId, account_id: t.accountId, created_by: adminIamId, locked: false });
      expect(res.result.apikey ?? '').toBe('');
      expect(Array.isArray(res.result.history)).toBe(true);
      const admin = await identity.getApiKeysDetails({ iamApiKey: ADMIN_APIKEY });
      expect(admin.result).toMatchObject({ iam_id: adminIamId, account_id: t.accountId });
      expect(admin.result.id).not.toBe(keyId);
      const unknown = await rejection(identity.getApiKeysDetails({ iamApiKey: 'no-such-key-value-0123456789abcdefghijkl' }));
      expect(unknown.status).toBeGreaterThanOrEqual(400);
      expect(unknown.status).toBeLessThan(500);
      expect(unknown.message).toBe(unknown.result?.errors?.[0]?.message);
    });

    it('updateApiKey with If-Match = entity_tag: 200 and a new tag; a stale tag: 409', async () => {
      const res = await identity.updateApiKey({ id: keyId, ifMatch: etag, name: 'sdk-key-renamed', description: 'updated by the IBM SDK' });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: keyId, name: 'sdk-key-renamed', description: 'updated by the IBM SDK' });
      expect(res.result.entity_tag).toMatch(ENTITY_TAG);
      expect(res.result.entity_tag).not.toBe(etag);
      const stale = await rejection(identity.updateApiKey({ id: keyId, ifMatch: etag, name: 'lost update' }));
      expect(stale.status).toBe(409);
      expect(stale.message).toBe(stale.result?.errors?.[0]?.message);
      const any = await identity.updateApiKey({ id: keyId, ifMatch: '*', description: 'overwritten' });
      expect(any.status).toBe(200);
      expect(any.result.description).toBe('overwritten');
      expect(any.result.name).toBe('sdk-key-renamed');
      etag = any.result.entity_tag!;
      expect((await identity.getApiKey({ id: keyId })).result.entity_tag).toBe(etag);
    });

    it('lockApiKey / unlockApiKey: 204; a locked key refuses update and delete', async () => {
      const locked = await identity.lockApiKey({ id: keyId });
      expect(locked.status).toBe(204);
      expect((await identity.getApiKey({ id: keyId })).result.locked).toBe(true);
      const update = await rejection(identity.updateApiKey({ id: keyId, ifMatch: '*', name: 'while locked' }));
      expect(update.status).toBeGreaterThanOrEqual(400);
      expect(update.status).toBeLessThan(500);
      expect(update.message).toBe(update.result?.errors?.[0]?.message);
      const remove = await rejection(identity.deleteApiKey({ id: keyId }));
      expect(remove.status).toBeGreaterThanOrEqual(400);
      expect(remove.status).toBeLessThan(500);
      const unlocked = await identity.unlockApiKey({ id: keyId });
      expect(unlocked.status).toBe(204);
      const after = await identity.getApiKey({ id: keyId });
      expect(after.result.locked).toBe(false);
      expect(after.result.name).toBe('sdk-key-renamed');
    });

    it('disableApiKey / enableApiKey: 204, reflected in disabled', async () => {
      expect((await identity.disableApiKey({ id: keyId })).status).toBe(204);
      expect((await identity.getApiKey({ id: keyId })).result.disabled).toBe(true);
      expect((await identity.enableApiKey({ id: keyId })).status).toBe(204);
      expect((await identity.getApiKey({ id: keyId })).result.disabled).toBe(false);
    });

    it('a locked or disabled key cannot be used (qgate suspends locked keys, unlike IBM; see docs/architecture.md)', async () => {
      const created = await identity.createApiKey({ name: 'guarded', iamId: adminIamId });
      const id = created.result.id;
      const value = created.result.apikey;
      const holder = clientsFor(value);
      expect(await statusOf(holder.identity.getApiKeysDetails({ iamApiKey: value }))).toBe(200);

      expect((await identity.lockApiKey({ id })).status).toBe(204);
      // On IBM Cloud a locked key only resists change; qgate also refuses its tokens until it is unlocked.
      expect(await statusOf(holder.identity.getApiKeysDetails({ iamApiKey: value }))).toBe(401);
      expect(await statusOf(clientsFor(value).identity.getApiKeysDetails({ iamApiKey: value }))).toBe(400);
      expect((await identity.unlockApiKey({ id })).status).toBe(204);

      const user = clientsFor(value);
      expect(await statusOf(user.identity.getApiKeysDetails({ iamApiKey: value }))).toBe(200);
      expect((await identity.disableApiKey({ id })).status).toBe(204);
      expect(await statusOf(user.identity.getApiKeysDetails({ iamApiKey: value }))).toBe(401);
      const exchange = await rejection(clientsFor(value).identity.getApiKeysDetails({ iamApiKey: value }));
      expect(exchange.status).toBe(400);
      expect(exchange.result?.errorCode).toEqual(expect.stringMatching(/^BXNIM/));
      expect((await identity.enableApiKey({ id })).status).toBe(204);
      expect(await statusOf(clientsFor(value).identity.getApiKeysDetails({ iamApiKey: value }))).toBe(200);
      expect((await identity.deleteApiKey({ id })).status).toBe(204);
    });

    it('deleteApiKey: 204, then getApiKey is 404', async () => {
      const res = await identity.deleteApiKey({ id: keyId });
      expect(res.status).toBe(204);
      const err = await rejection(identity.getApiKey({ id: keyId }));
      expect(err.status).toBe(404);
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
      const list = await identity.listApiKeys({ accountId: t.accountId, iamId: adminIamId });
      expect(list.result.apikeys.map((k) => k.id)).not.toContain(keyId);
    });

    it('a token from a deleted API key is refused, and the key no longer exchanges', async () => {
      const created = await identity.createApiKey({ name: 'short-lived', iamId: adminIamId });
      const other = clientsFor(created.result.apikey);
      const before = await other.identity.getApiKeysDetails({ iamApiKey: created.result.apikey });
      expect(before.status).toBe(200);
      expect(before.result.id).toBe(created.result.id);
      const token = await bearerOf(other.authenticator);
      expect(claims(token).iam_id).toBe(adminIamId);

      expect((await identity.deleteApiKey({ id: created.result.id })).status).toBe(204);

      // The client still holds its cached token; it no longer opens anything.
      expect(await bearerOf(other.authenticator)).toBe(token);
      const refused = await rejection(other.identity.listApiKeys({}));
      expect(refused.status).toBe(401);
      expect(refused.message).toBe('Access is denied due to invalid credentials.');
      const refusedUsers = await rejection(other.userManagement.listUsers({ accountId: t.accountId }));
      expect(refusedUsers.status).toBe(401);

      // A new exchange with the deleted key is refused by the token service.
      const fresh = clientsFor(created.result.apikey);
      const exchange = await rejection(fresh.identity.listApiKeys({}));
      expect(exchange.status).toBe(400);
      expect(exchange.result?.errorCode).toBe('BXNIM0415E');
    });
  });

  describe('service IDs', () => {
    let serviceId: string;
    let serviceIamId: string;
    let etag: string;
    let keyId: string;
    let keyValue: string;
    const name = `sdk-service-${store}`;

    it('createServiceId with an apikey sub-object: 201, the ID and its key value', async () => {
      const res = await identity.createServiceId({ accountId: t.accountId, name, description: 'a service ID made by the IBM SDK', apikey: { name: 'service-key', description: 'its first key' } });
      expect(res.status).toBe(201);
      const sid = res.result;
      serviceId = sid.id;
      serviceIamId = sid.iam_id;
      etag = sid.entity_tag!;
      keyId = sid.apikey?.id ?? '';
      keyValue = sid.apikey?.apikey ?? '';
      expect(sid.id).toMatch(/^ServiceId-[0-9a-f-]{36}$/);
      expect(sid.iam_id).toBe(`iam-${sid.id}`);
      expect(sid.crn).toMatch(new RegExp(`^crn:v1:[a-z][a-z0-9-]*:public:iam-identity::a/${t.accountId}::serviceid:${sid.id}$`));
      expect(sid.entity_tag).toMatch(ENTITY_TAG);
      expect(sid).toMatchObject({ account_id: t.accountId, name, description: 'a service ID made by the IBM SDK', locked: false });
      expect(sid.created_at).toMatch(IDENTITY_TIME);
      expect(sid.apikey).toMatchObject({ name: 'service-key', description: 'its first key', iam_id: sid.iam_id, account_id: t.accountId });
      expect(sid.apikey?.id).toMatch(/^ApiKey-/);
      expect(keyValue.length).toBeGreaterThanOrEqual(32);
    });

    it("the service ID's key exchanges for a service-ID token through IamAuthenticator", async () => {
      const sdk = clientsFor(keyValue);
      const res = await sdk.identity.getApiKeysDetails({ iamApiKey: keyValue });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: keyId, iam_id: serviceIamId, account_id: t.accountId });
      const c = claims(await bearerOf(sdk.authenticator));
      expect(c.iam_id).toBe(serviceIamId);
      expect(c.account?.bss).toBe(t.accountId);
    });

    it('listServiceIds by name: exactly this one, first page, no next', async () => {
      const res = await identity.listServiceIds({ accountId: t.accountId, name, pagesize: 100 });
      expect(res.status).toBe(200);
      expect(res.result.serviceids.map((s) => s.id)).toEqual([serviceId]);
      expect(res.result.offset).toBe(0);
      expect(res.result.next).toBeUndefined();
      expect(res.result.serviceids[0]?.apikey).toBeUndefined();
      const all = await identity.listServiceIds({ accountId: t.accountId });
      expect(all.result.serviceids.map((s) => s.id)).toContain(serviceId);
    });

    it('getServiceId with includeHistory', async () => {
      const res = await identity.getServiceId({ id: serviceId, includeHistory: true });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: serviceId, iam_id: serviceIamId, name, account_id: t.accountId, entity_tag: etag });
      expect(res.result.history?.length).toBeGreaterThanOrEqual(1);
    });

    it('updateServiceId with If-Match: 200 and a new tag; a stale tag: 409', async () => {
      const res = await identity.updateServiceId({ id: serviceId, ifMatch: etag, description: 'updated by the IBM SDK' });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: serviceId, name, description: 'updated by the IBM SDK' });
      expect(res.result.entity_tag).not.toBe(etag);
      const stale = await rejection(identity.updateServiceId({ id: serviceId, ifMatch: etag, name: 'lost update' }));
      expect(stale.status).toBe(409);
      expect(stale.message).toBe(stale.result?.errors?.[0]?.message);
      etag = res.result.entity_tag!;
      expect((await identity.getServiceId({ id: serviceId })).result.description).toBe('updated by the IBM SDK');
    });

    it('lockServiceId refuses delete until unlockServiceId; its key still authenticates', async () => {
      expect((await identity.lockServiceId({ id: serviceId })).status).toBe(204);
      expect((await identity.getServiceId({ id: serviceId })).result.locked).toBe(true);
      expect(await statusOf(clientsFor(keyValue).identity.getApiKeysDetails({ iamApiKey: keyValue }))).toBe(200);
      const refused = await rejection(identity.deleteServiceId({ id: serviceId }));
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect((await identity.unlockServiceId({ id: serviceId })).status).toBe(204);
      expect((await identity.getServiceId({ id: serviceId })).result.locked).toBe(false);
    });

    it("deleteServiceId: 204, the ID and its key are gone and the key's token is refused", async () => {
      const sdk = clientsFor(keyValue);
      expect((await sdk.identity.getApiKeysDetails({ iamApiKey: keyValue })).status).toBe(200);
      const res = await identity.deleteServiceId({ id: serviceId });
      expect(res.status).toBe(204);
      expect((await rejection(identity.getServiceId({ id: serviceId }))).status).toBe(404);
      expect((await rejection(identity.getApiKey({ id: keyId }))).status).toBe(404);
      const list = await identity.listServiceIds({ accountId: t.accountId, name });
      expect(list.result.serviceids).toEqual([]);
      const refused = await rejection(sdk.identity.getApiKeysDetails({ iamApiKey: keyValue }));
      expect(refused.status).toBe(401);
      const exchange = await rejection(clientsFor(keyValue).identity.listApiKeys({}));
      expect(exchange.status).toBe(400);
    });
  });
});
