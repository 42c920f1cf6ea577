/**
 * Federated users end to end, with a real OpenID provider on loopback as the organization's IdP:
 * identity providers in an account, sign-in as the CLI does it (loopback redirect, PKCE), the seed
 * tutorial's two ID-provider variants (projects from a `project` claim through dynamic rules, or
 * assigned by the administrator after the first sign-in), expiry of dynamic memberships and the
 * per-identity group limit over them, claim changes at the IdP, and refusal of forged, expired,
 * wrong-audience and replayed ID tokens.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '#src/platform/clock.js';
import { createAccountWithOwner } from '#src/modules/accounts/create-account.js';
import { REFUSED_MESSAGE } from '#src/modules/federation/federated-users.js';
import { seedProjects } from '../helpers/access.js';
import { freePort } from '../helpers/child-server.js';
import { CookieJar } from '../helpers/cookie-jar.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';

const REALM = 'oidc-campus';
const OTHER_KEY = 'another account owner api key, long enough to pass';
const CLIENT_REDIRECT = 'http://127.0.0.1:53682/callback';

/** A clock that follows real time (the IdP's tokens are dated by it) from a movable offset. */
function offsetClock(): Clock & { offset: number } {
  const clock = { offset: 0, now: () => new Date(Date.now() + clock.offset) };
  return clock;
}

const b64url = (b: Buffer) => b.toString('base64url');

interface Outcome {
  code?: string;
  error?: string;
  error_description?: string;
  state?: string;
  verifier: string;
  redirectUri: string;
}

/** Signs in as the CLI does: opens /login/<realm> with PKCE and a loopback redirect, follows the browser's redirects. */
async function signIn(t: TestServer, who: string, o: { realm?: string; redirectUri?: string; atCallback?: (url: string, jar: CookieJar) => void } = {}): Promise<Outcome> {
  const verifier = b64url(crypto.randomBytes(32));
  const redirectUri = o.redirectUri ?? CLIENT_REDIRECT;
  const state = b64url(crypto.randomBytes(12));
  const params = new URLSearchParams({ redirect_uri: redirectUri, state, code_challenge: b64url(crypto.createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256', login_hint: who });
  let url = `${t.url}/login/${o.realm ?? REALM}?${params}`;
  const jar = new CookieJar();
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(redirectUri)) {
      const back = Object.fromEntries(new URL(url).searchParams) as Record<string, string>;
      expect(back.state).toBe(state);
      return { ...back, verifier, redirectUri };
    }
    if (url.startsWith(`${t.url}/login/`) && url.includes('/callback?')) o.atCallback?.(url, jar);
    const res = await jar.fetch(url);
    const location = res.headers.get('location');
    if (!location) throw new Error(`sign-in stopped at ${url.split('?')[0]}: ${res.status} ${await res.text()}`);
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}

const redeem = (t: TestServer, o: Outcome, overrides: Record<string, string> = {}) =>
  t.request('POST', '/identity/token', { form: { grant_type: 'authorization_code', code: o.code ?? '', code_verifier: o.verifier, redirect_uri: o.redirectUri, ...overrides } });

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, any>;

describe.each(await availableStores())('%s: federated users', (store) => {
  let t: TestServer;
  let idp: TestIdp;
  let admin: string;
  let providerId: string;
  const clock = offsetClock();
  const inst: Record<string, { guid: string; crn: string }> = {};
  const groups: Record<string, string> = {};
  const people: Record<string, { iamId: string; token: string }> = {};

  const visible = async (token: string) => (await t.request('GET', '/v2/resource_instances', { token })).body.resources.map((r: any) => r.name).sort();
  const backends = (token: string, instance: string) => t.request('GET', '/api/v1/backends', { token, headers: { 'service-crn': inst[instance]!.crn } });
  /** Signs in through the IdP and redeems the code: the token response. */
  const federated = async (who: string) => {
    const outcome = await signIn(t, who);
    expect(outcome.error, outcome.error_description).toBeUndefined();
    const res = await redeem(t, outcome);
    expect(res.status, res.text).toBe(200);
    return res.body as { access_token: string; refresh_token: string };
  };
  /** The reason the last refused federated sign-in was recorded with (the person is told only a generic refusal). */
  const lastRefusal = async () => {
    await t.qgate.services.audit.flush();
    const row = await t.qgate.database.db.selectFrom('audit_events').select('details').where('action', '=', 'iam-identity.federated-sign-in').where('outcome', '=', 'denied').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    return JSON.parse(row.details) as { reason: string; realm_id: string };
  };
  const provider = () => t.request('GET', `/v1/accounts/${t.accountId}/identity_providers/${providerId}`, { token: admin });
  const updateProvider = async (body: Record<string, unknown>) => {
    const res = await t.request('PUT', `/v1/accounts/${t.accountId}/identity_providers/${providerId}`, { token: admin, body, headers: { 'if-match': (await provider()).body.entity_tag } });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    idp = await startTestIdp({ redirectUris: [`${publicUrl}/login/${REALM}/callback`] });
    idp.people.set('fatima', { email: 'fatima@campus.example', email_verified: true, given_name: 'Fatima', family_name: 'Haddad', project: 'ml' });
    idp.people.set('ravi', { email: 'ravi@campus.example', email_verified: true, given_name: 'Ravi', project: 'finance' });
    idp.people.set('amyra', { email: 'amyra@campus.example', email_verified: true, given_name: 'Amyra', project: 'ml finance' });
    idp.people.set('yuki', { email: 'yuki@campus.example', email_verified: true, given_name: 'Yuki' });
    t = await startTestServer({ store, clock, env: { QGATE_PORT: String(port), QGATE_PUBLIC_URL: publicUrl } });
    admin = await t.adminToken();

    // The seed's setup: three instances, a job-deleting custom role, projects ml and finance.
    await seedProjects(t, admin, { inst, groups });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('adds an identity provider to the account; its secret is write-only and only those granted it may manage it', async () => {
    const base = `/v1/accounts/${t.accountId}/identity_providers`;
    const created = await t.request('POST', base, {
      token: admin,
      body: { name: 'Campus SSO', realm_id: REALM, discovery_url: `${idp.issuer}/.well-known/openid-configuration`, client_id: idp.clientId, client_secret: idp.clientSecret, scopes: 'openid email profile project' },
    });
    expect(created.status, created.text).toBe(201);
    providerId = created.body.id;
    expect(created.body).toMatchObject({ realm_id: REALM, issuer: idp.issuer, enabled: true, first_sign_in: 'create_user', login_url: `${t.url}/login/${REALM}`, redirect_uri: `${t.url}/login/${REALM}/callback` });
    expect(created.headers.get('etag')).toBe(created.body.entity_tag);
    const listed = await t.request('GET', base, { token: admin });
    expect(listed.body.identity_providers.map((p: any) => p.id)).toEqual([providerId]);
    for (const res of [created, listed]) expect(res.text).not.toContain(idp.clientSecret);
    const row = await t.qgate.database.db.selectFrom('identity_providers').selectAll().where('id', '=', providerId).executeTakeFirstOrThrow();
    expect(row.client_secret_encrypted).not.toContain(idp.clientSecret);

    // Bad input: 400 naming the field, nothing made.
    for (const [body, field] of [
      [{ name: 'x', discovery_url: 'ftp://idp.example.org', client_id: 'c', client_secret: 's' }, 'discovery_url'],
      [{ name: 'x', discovery_url: 'not a url', client_id: 'c', client_secret: 's' }, 'discovery_url'],
      [{ name: 'x', discovery_url: 'https://idp.example.org', client_id: 'c', client_secret: 's', scopes: 'email' }, 'scopes'],
      [{ name: 'x', discovery_url: 'https://idp.example.org', client_id: 'c' }, 'client_secret'],
      [{ name: 'x', realm_id: 'Campus!', discovery_url: 'https://idp.example.org', client_id: 'c', client_secret: 's' }, 'realm_id'],
    ] as const) {
      const res = await t.request('POST', base, { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].message).toContain(field);
    }
    const clash = await t.request('POST', base, { token: admin, body: { name: 'Again', realm_id: REALM, discovery_url: 'https://idp.example.org', client_id: 'c', client_secret: 's' } });
    expect(clash.status).toBe(409);
    expect((await t.request('GET', base, { token: admin })).body.identity_providers).toHaveLength(1);

    // Updates need the current entity tag; a member without a role on IAM Identity may do nothing.
    expect((await t.request('PUT', `${base}/${providerId}`, { token: admin, body: { name: 'Campus' } })).status).toBe(428);
    expect((await t.request('PUT', `${base}/${providerId}`, { token: admin, body: { name: 'Campus' }, headers: { 'if-match': '1-0' } })).status).toBe(409);
    const member = await t.addUser('local@campus.example');
    expect((await t.request('GET', base, { token: member.token })).status).toBe(403);
    expect((await t.request('POST', base, { token: member.token, body: { name: 'Mine', discovery_url: 'https://idp.example.org', client_id: 'c', client_secret: 's' } })).status).toBe(403);
    expect((await t.request('DELETE', `${base}/${providerId}`, { token: member.token })).status).toBe(403);

    // The public sign-in list names enabled providers only by realm and name.
    const publicList = await t.request('GET', `/login?account_id=${t.accountId}`);
    expect(publicList.body).toEqual({ providers: [{ realm_id: REALM, name: 'Campus SSO', login_url: `${t.url}/login/${REALM}` }] });
    expect((await t.request('GET', '/login')).body).toEqual(publicList.body);
  });

  it('dynamic rules match the project claim (EQUALS, CONTAINS, IN)', async () => {
    const rule = (group: string, conditions: unknown[]) => t.request('POST', `/v2/groups/${groups[group]}/rules`, { token: admin, body: { name: `${group} from IdP`, expiration: 2, realm_name: REALM, conditions } });
    expect((await rule('ml', [{ claim: 'project', operator: 'CONTAINS', value: '"ml"' }])).status).toBe(201);
    expect((await rule('finance', [{ claim: 'project', operator: 'CONTAINS', value: 'finance' }])).status).toBe(201);
  });

  it('variant 1: Fatima, Ravi and Amyra sign in through the IdP and land in the groups their project claim names', async () => {
    for (const who of ['fatima', 'ravi', 'amyra']) {
      const tokens = await federated(who);
      const claims = claimsOf(tokens.access_token);
      expect(claims.realmid).toBe(REALM);
      expect(claims.email).toBe(`${who}@campus.example`);
      expect(claims.amr).toEqual(['ext']);
      people[who] = { iamId: claims.iam_id, token: tokens.access_token };
    }
    expect(await visible(people.fatima!.token)).toEqual(['QR-common', 'QR-ml']);
    expect(await visible(people.ravi!.token)).toEqual(['QR-common', 'QR-finance']);
    expect(await visible(people.amyra!.token)).toEqual(['QR-common', 'QR-finance', 'QR-ml']);
    expect((await backends(people.fatima!.token, 'QR-ml')).status).toBe(200);
    expect((await backends(people.fatima!.token, 'QR-finance')).status).toBe(403);
    expect((await backends(people.ravi!.token, 'QR-ml')).status).toBe(403);

    // The users carry the realm and the IdP's subject; group listings say the memberships are dynamic.
    const fatima = await t.request('GET', `/v2/accounts/${t.accountId}/users/${people.fatima!.iamId}`, { token: admin });
    expect(fatima.body).toMatchObject({ realm: REALM, email: 'fatima@campus.example', firstname: 'Fatima', lastname: 'Haddad', state: 'ACTIVE' });
    const members = await t.request('GET', `/v2/groups/${groups.ml}/members`, { token: admin });
    expect(members.body.members.map((m: any) => [m.iam_id, m.membership_type]).sort()).toEqual([[people.amyra!.iamId, 'dynamic'], [people.fatima!.iamId, 'dynamic']].sort());
    expect((await t.request('GET', `/v2/groups/${groups.ml}/members?membership_type=static`, { token: admin })).body.members).toEqual([]);
    expect((await t.request('HEAD', `/v2/groups/${groups.ml}/members/${people.fatima!.iamId}`, { token: admin })).status).toBe(204);
    expect((await t.request('HEAD', `/v2/groups/${groups.finance}/members/${people.fatima!.iamId}`, { token: admin })).status).toBe(404);
    const decision = await t.request('POST', '/v2/authz', {
      token: admin,
      body: [{ subject: { attributes: { id: people.amyra!.iamId } }, action: 'quantum-computing.job.create', resource: { crn: inst['QR-finance']!.crn } }],
    });
    expect(decision.body.decisions[0].permitted).toBe(true);
  });

  it('federated users create API keys like anyone else, and those keys reach only their instances', async () => {
    const key = await t.request('POST', '/v1/apikeys', { token: people.ravi!.token, body: { name: 'qiskit', iam_id: people.ravi!.iamId } });
    expect(key.status).toBe(201);
    const token = await t.tokenFor(key.body.apikey);
    expect(claimsOf(token).realmid).toBe(REALM);
    expect(await visible(token)).toEqual(['QR-common', 'QR-finance']);
    const job = await t.request('POST', '/api/v1/jobs', {
      token, headers: { 'service-crn': inst['QR-finance']!.crn },
      body: { program_id: 'sampler', params: { pubs: [['OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nbit[1] c;\nh q[0];\nc[0] = measure q[0];\n', null, 10]] } },
    });
    expect(job.status).toBe(200);
    expect((await t.request('GET', `/api/v1/jobs/${job.body.id}`, { token: people.fatima!.token, headers: { 'service-crn': inst['QR-finance']!.crn } })).status).toBe(403);
  });

  it('a change of claims at the IdP changes access at the next sign-in', async () => {
    idp.people.get('ravi')!.project = 'ml';
    // Until Ravi signs in again, the membership granted at the last sign-in holds.
    expect(await visible(people.ravi!.token)).toEqual(['QR-common', 'QR-finance']);
    const again = await federated('ravi');
    expect(claimsOf(again.access_token).iam_id).toBe(people.ravi!.iamId);
    expect(await visible(again.access_token)).toEqual(['QR-common', 'QR-ml']);
    // Access follows the identity, so tokens issued earlier obey the change too.
    expect((await backends(people.ravi!.token, 'QR-finance')).status).toBe(403);
    expect((await t.request('HEAD', `/v2/groups/${groups.finance}/members/${people.ravi!.iamId}`, { token: admin })).status).toBe(404);
    idp.people.get('ravi')!.project = 'finance';
    await federated('ravi');
    expect(await visible(people.ravi!.token)).toEqual(['QR-common', 'QR-finance']);
  });

  it('deleting a rule removes the dynamic memberships it granted at once', async () => {
    const extra = await t.request('POST', `/v2/groups/${groups.finance}/rules`, { token: admin, body: { name: 'ml people in finance', expiration: 3, realm_name: REALM, conditions: [{ claim: 'project', operator: 'EQUALS', value: 'ml' }] } });
    expect(extra.status).toBe(201);
    await federated('fatima');
    const member = () => t.request('HEAD', `/v2/groups/${groups.finance}/members/${people.fatima!.iamId}`, { token: admin });
    expect((await member()).status).toBe(204);
    expect((await t.request('DELETE', `/v2/groups/${groups.finance}/rules/${extra.body.id}`, { token: admin })).status).toBe(204);
    expect((await member()).status).toBe(404);
    expect(await visible(people.fatima!.token)).toEqual(['QR-common', 'QR-ml']);
  });

  it('the account\'s allowed addresses cover the callback and the authorization_code grant', async () => {
    const restrict = async (list: string) => {
      const row = { account_id: t.accountId, settings: JSON.stringify({ allowed_ip_addresses: list }), version: 99, modified_at: new Date().toISOString(), modified_by: 'test' };
      await t.qgate.database.db.deleteFrom('account_identity_settings').where('account_id', '=', t.accountId).execute();
      if (list) await t.qgate.database.db.insertInto('account_identity_settings').values(row).execute();
      t.qgate.services.feed.emitLocal([{ topic: 'account-settings', key: t.accountId }]);
    };
    const issued = await signIn(t, 'ravi');
    // (Set in the store: through the API an administrator cannot exclude their own address.)
    await restrict('192.0.2.0/24');
    try {
      const res = await redeem(t, issued);
      expect(res.status).toBe(403);
      expect(res.body.errorCode).toBe('ip_address_not_allowed');
      const refused = await signIn(t, 'ravi');
      expect(refused.error).toBe('access_denied');
      expect(refused.code).toBeUndefined();
      expect((await lastRefusal()).reason).toBe('ip_address_not_allowed');
    } finally {
      await restrict('');
    }
    expect((await signIn(t, 'ravi')).code).toBeTruthy();
  });

  it('variant 2: a person without a project claim signs in, and the administrator assigns their groups afterwards', async () => {
    const yuki = await federated('yuki');
    const iamId = claimsOf(yuki.access_token).iam_id as string;
    expect(await visible(yuki.access_token)).toEqual([]);
    const found = await t.request('GET', `/v2/accounts/${t.accountId}/users?search=${encodeURIComponent(`realm:${REALM}`)}`, { token: admin });
    expect(found.body.resources.map((u: any) => u.email)).toContain('yuki@campus.example');
    const added = await t.request('PUT', `/v2/groups/${groups.finance}/members`, { token: admin, body: { members: [{ iam_id: iamId, type: 'user' }] } });
    expect(added.status).toBe(207);
    expect(await visible(yuki.access_token)).toEqual(['QR-common', 'QR-finance']);
    // The next sign-in re-evaluates rules only: the administrator's static assignment stays.
    const again = await federated('yuki');
    expect(await visible(again.access_token)).toEqual(['QR-common', 'QR-finance']);
    const members = await t.request('GET', `/v2/groups/${groups.finance}/members?membership_type=static`, { token: admin });
    expect(members.body.members.map((m: any) => m.iam_id)).toEqual([iamId]);
  });

  it('refuses ID tokens that are forged, expired, not yet valid, too old, for another audience, unsigned, HMAC-signed, replayed or signed by an unknown key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: idp.issuer, aud: idp.clientId, sub: 'fatima', email: 'fatima@campus.example', iat: now, exp: now + 300 };
    const { privateKey: otherKey } = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    let captured = '';
    idp.interceptNextToken((body) => {
      captured = body.id_token as string;
      return body;
    });
    await federated('fatima');
    const nonceOf = (token: string) => claimsOf(token).nonce as string;
    const unsigned = (claims: object) => `${b64url(Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })))}.${b64url(Buffer.from(JSON.stringify(claims)))}.`;

    const attempts: [string, (nonce: string) => Promise<string>, RegExp][] = [
      ['forged (another key, same kid)', (nonce) => idp.sign({ ...base, nonce }, { key: otherKey }), /signature/i],
      ['expired', (nonce) => idp.sign({ ...base, nonce, iat: now - 4000, exp: now - 3600 }), /exp|age/i],
      ['for another audience', (nonce) => idp.sign({ ...base, nonce, aud: 'someone-else' }), /aud/i],
      ['from another issuer', (nonce) => idp.sign({ ...base, nonce, iss: 'https://evil.example' }), /iss/i],
      ['unsigned (alg none)', async (nonce) => unsigned({ ...base, nonce }), /alg|JWS|Unsupported/i],
      ['HMAC-signed with the client secret', (nonce) => idp.sign({ ...base, nonce }, { alg: 'HS256', key: new TextEncoder().encode(idp.clientSecret) }), /alg/i],
      ['replayed from an earlier sign-in', async () => captured, /nonce/i],
      ['for us and another audience, without azp', (nonce) => idp.sign({ ...base, nonce, aud: [idp.clientId, 'another-api'] }), /azp/],
      ['for us and another audience, azp the other', (nonce) => idp.sign({ ...base, nonce, aud: [idp.clientId, 'another-api'], azp: 'another-api' }), /azp/],
      ['not valid before a future time', (nonce) => idp.sign({ ...base, nonce, nbf: now + 600 }), /nbf/],
      ['issued an hour ago', (nonce) => idp.sign({ ...base, nonce, iat: now - 3600 }), /iat|past/],
      ['signed with a key id the IdP does not publish', (nonce) => idp.sign({ ...base, nonce }, { kid: 'idp-key-unknown' }), /key/i],
    ];
    for (const [what, make, reason] of attempts) {
      let injected = '';
      idp.interceptNextToken((body) => {
        return { ...body, id_token: injected };
      });
      // The nonce of this sign-in is only known once qgate has sent the person to the IdP: read it there.
      const outcome = await signInWith(async (authorizeUrl) => {
        injected = await make(new URL(authorizeUrl).searchParams.get('nonce')!);
      });
      expect(outcome.error, what).toBe('access_denied');
      expect(outcome.error_description, what).toMatch(reason);
      expect(outcome.code, what).toBeUndefined();
    }
    expect(nonceOf(captured)).toBeTruthy();

    async function signInWith(onAuthorize: (url: string) => Promise<void>): Promise<Outcome> {
      const original = globalThis.fetch;
      globalThis.fetch = (async (input: any, init?: any) => {
        const url = String(input);
        if (url.startsWith(`${idp.issuer}/auth?`)) await onAuthorize(url);
        return original(input, init);
      }) as typeof fetch;
      try {
        return await signIn(t, 'fatima');
      } finally {
        globalThis.fetch = original;
      }
    }
  });

  it('codes are single use, expire, and are bound to the redirect URI and the PKCE verifier', async () => {
    const outcome = await signIn(t, 'amyra');
    expect((await redeem(t, outcome, { code_verifier: b64url(crypto.randomBytes(32)) })).status).toBe(400);
    // A refused attempt consumed the code: it is single-use whatever the outcome.
    expect((await redeem(t, outcome)).status).toBe(400);

    // RFC 7636: a verifier outside 43–128 unreserved characters is refused as a malformed request.
    const shortVerifier = await signIn(t, 'amyra');
    const bad = await redeem(t, shortVerifier, { code_verifier: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('code_verifier');

    const second = await signIn(t, 'amyra');
    expect((await redeem(t, second, { redirect_uri: 'http://127.0.0.1:1/other' })).status).toBe(400);
    const third = await signIn(t, 'amyra');
    expect((await redeem(t, third)).status).toBe(200);
    const replay = await redeem(t, third);
    expect(replay.status).toBe(400);
    expect(replay.body.errorCode).toBe('invalid_authorization_code');

    const late = await signIn(t, 'amyra');
    clock.offset += 61_000;
    try {
      expect((await redeem(t, late)).status).toBe(400);
    } finally {
      clock.offset -= 61_000;
    }
  });

  it('refuses untrusted redirect URIs without redirecting, and an unknown or reused state', async () => {
    const pkce = { state: 's', code_challenge: b64url(crypto.randomBytes(32)), code_challenge_method: 'S256' };
    for (const redirect_uri of ['https://evil.example/callback', 'http://192.0.2.1:8000/cb', 'javascript:alert(1)', '']) {
      const res = await fetch(`${t.url}/login/${REALM}?${new URLSearchParams({ ...pkce, redirect_uri })}`, { redirect: 'manual' });
      expect(res.status, redirect_uri).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    const plain = await fetch(`${t.url}/login/${REALM}?${new URLSearchParams({ ...pkce, redirect_uri: CLIENT_REDIRECT, code_challenge_method: 'plain' })}`, { redirect: 'manual' });
    expect(plain.status).toBe(400);
    // Of the server's own pages only the console's callback is allowed: never /login/* or /identity/*
    // (a code sent to another realm's callback would be handed to that realm's provider).
    for (const redirect_uri of [
      `${t.url}/login/oidc-other/callback`, `${t.url}/login/${REALM}/callback`, `${t.url}/identity/token`, `${t.url}/console/callback`, `${t.url}/signin/callback/../../login/x/callback`,
      `${t.url}/signin/callback?next=/login/x/callback`, 'http://localhost.evil.com/cb', 'https://127.0.0.1:9/cb', 'http://127.0.0.1.evil.example/cb', 'http://user@127.0.0.1:9/cb',
    ]) {
      const res = await fetch(`${t.url}/login/${REALM}?${new URLSearchParams({ ...pkce, redirect_uri })}`, { redirect: 'manual' });
      expect(res.status, redirect_uri).toBe(400);
      expect(res.headers.get('location'), redirect_uri).toBeNull();
    }
    const own = await fetch(`${t.url}/login/${REALM}?${new URLSearchParams({ ...pkce, redirect_uri: `${t.url}/signin/callback` })}`, { redirect: 'manual' });
    expect(own.status).toBe(302);
    expect(own.headers.get('location')!.startsWith(`${idp.issuer}/auth?`)).toBe(true);
    expect(own.headers.get('set-cookie')).toMatch(/^qgate-signin=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const unknown = await t.request('GET', `/login/${REALM}/callback?code=abc&state=never-issued`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].code).toBe('federation_state_invalid');

    // A state is single use: the provider's answer replayed (same browser) is refused.
    let callbackUrl = '';
    let cookieHeader = '';
    expect((await signIn(t, 'fatima', { atCallback: (url, jar) => {
      callbackUrl = url;
      cookieHeader = jar.header();
    } })).code).toBeTruthy();
    const replayed = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: cookieHeader } });
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get('location')).toBeNull();
  });

  it('a sign-in returns only to the browser that started it (binding cookie)', async () => {
    // Someone starts a sign-in and sends its provider URL to another person: that browser lacks the binding.
    const stolen = await signIn(t, 'fatima', { atCallback: (_url, jar) => jar.cookies.delete('qgate-signin') }).catch((err: Error) => err);
    expect(String(stolen)).toMatch(/sign-in stopped at .*\/callback: 400 .*another browser/);
    const forged = await signIn(t, 'fatima', { atCallback: (_url, jar) => jar.cookies.set('qgate-signin', b64url(crypto.randomBytes(32))) }).catch((err: Error) => err);
    expect(String(forged)).toMatch(/400 .*federation_state_invalid/);
    // The browser that started it completes it.
    expect((await signIn(t, 'fatima')).code).toBeTruthy();
  });

  it('refuses the chained-redirect takeover: a victim realm\'s code sent to another realm\'s callback', async () => {
    const verifier = b64url(crypto.randomBytes(32));
    const attack = new URLSearchParams({
      redirect_uri: `${t.url}/login/oidc-evil/callback`, state: b64url(crypto.randomBytes(32)),
      code_challenge: b64url(crypto.createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256', login_hint: 'fatima',
    });
    const res = await fetch(`${t.url}/login/${REALM}?${attack}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(((await res.json()) as any).errors[0].code).toBe('federation_request_invalid');
  });

  it('a disabled provider refuses sign-in and ends its people\'s sessions; enabled again, it admits people again', async () => {
    const session = await federated('fatima');
    const pending = await signIn(t, 'fatima');
    await updateProvider({ enabled: false });
    expect((await t.request('POST', '/identity/token', { form: { grant_type: 'refresh_token', refresh_token: session.refresh_token } })).status).toBe(400);
    // A code issued just before is not redeemed either.
    expect((await redeem(t, pending)).status).toBe(400);
    const refused = await signIn(t, 'fatima');
    expect(refused.error).toBe('access_denied');
    expect(refused.error_description).toMatch(/disabled/);
    expect((await t.request('GET', `/login?account_id=${t.accountId}`)).body.providers).toEqual([]);
    await updateProvider({ enabled: true });
    expect((await signIn(t, 'fatima')).code).toBeTruthy();
  });

  it('with require_invitation, only people invited by email (verified at the IdP) may enter', async () => {
    await updateProvider({ first_sign_in: 'require_invitation' });
    idp.people.set('noor', { email: 'noor@campus.example', email_verified: true, given_name: 'Noor', project: 'ml' });
    idp.people.set('omar', { email: 'omar@campus.example', email_verified: false, given_name: 'Omar' });
    const uninvited = await signIn(t, 'noor');
    expect(uninvited.error).toBe('access_denied');
    expect(uninvited.error_description).toBe(REFUSED_MESSAGE);
    expect((await lastRefusal()).reason).toBe('not_invited');
    for (const email of ['noor@campus.example', 'omar@campus.example']) {
      expect((await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email }] } })).status).toBe(202);
    }
    const noor = await federated('noor');
    expect(claimsOf(noor.access_token).realmid).toBe(REALM);
    expect(await visible(noor.access_token)).toEqual(['QR-common', 'QR-ml']);
    const user = await t.request('GET', `/v2/accounts/${t.accountId}/users/${claimsOf(noor.access_token).iam_id}`, { token: admin });
    expect(user.body).toMatchObject({ state: 'ACTIVE', realm: REALM });
    const unverified = await signIn(t, 'omar');
    expect(unverified.error).toBe('access_denied');
    // One message for every refusal: whether omar@ is invited is not revealed; the audit trail says why.
    expect(unverified.error_description).toBe(REFUSED_MESSAGE);
    expect((await lastRefusal()).reason).toBe('email_not_verified');
    // An active local user is never taken over by an IdP claiming their email.
    const local = await t.qgate.database.db.selectFrom('users').selectAll().where('account_id', '=', t.accountId).where('email', '=', 'local@campus.example').executeTakeFirstOrThrow();
    idp.people.set('impostor', { email: 'local@campus.example', email_verified: true });
    const impostor = await signIn(t, 'impostor');
    expect(impostor.error).toBe('access_denied');
    expect(impostor.error_description).toBe(REFUSED_MESSAGE);
    expect((await lastRefusal()).reason).toBe('email_belongs_to_another_user');
    const row = await t.qgate.database.db.selectFrom('users').selectAll().where('iam_id', '=', local.iam_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ realm: local.realm, idp_subject: null, idp_issuer: null, state: 'ACTIVE' });
    await updateProvider({ first_sign_in: 'create_user' });
    // With create_user, a pending invitation is not bound by the provider: the account did not allow that explicitly.
    expect((await t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: admin, body: { users: [{ email: 'lina@campus.example' }] } })).status).toBe(202);
    idp.people.set('lina', { email: 'lina@campus.example', email_verified: true });
    expect((await signIn(t, 'lina')).error_description).toBe(REFUSED_MESSAGE);
    expect((await lastRefusal()).reason).toBe('invitation_not_bindable_by_this_provider');
  });

  it('a disabled federated user cannot sign in; a refresh token of their session works until then', async () => {
    const session = await federated('amyra');
    const refreshed = await t.request('POST', '/identity/token', { form: { grant_type: 'refresh_token', refresh_token: session.refresh_token } });
    expect(refreshed.status).toBe(200);
    expect(claimsOf(refreshed.body.access_token).realmid).toBe(REALM);
    expect((await t.request('PATCH', `/v2/accounts/${t.accountId}/users/${people.amyra!.iamId}`, { token: admin, body: { state: 'DISABLED' } })).status).toBe(204);
    const refused = await signIn(t, 'amyra');
    expect(refused.error).toBe('access_denied');
    expect(refused.error_description).toBe(REFUSED_MESSAGE);
    expect((await lastRefusal()).reason).toBe('user_disabled');
    expect((await t.request('PATCH', `/v2/accounts/${t.accountId}/users/${people.amyra!.iamId}`, { token: admin, body: { state: 'ACTIVE' } })).status).toBe(204);
  });

  it('a dynamic membership lapses after the rule\'s expiration, and the next sign-in renews it', async () => {
    await federated('fatima');
    const key = await t.request('POST', '/v1/apikeys', { token: (await federated('fatima')).access_token, body: { name: 'expiry', iam_id: people.fatima!.iamId } });
    expect(await visible(await t.tokenFor(key.body.apikey))).toEqual(['QR-common', 'QR-ml']);
    // The rules say 2 hours. The decision point re-reads a group when its earliest membership
    // lapses, by a timer in real time; the clock jumped instead, so the test delivers that re-read.
    clock.offset += 2 * 3600_000 + 1000;
    try {
      t.qgate.services.feed.emitLocal([{ topic: 'group-members', key: groups.ml! }]);
      expect((await t.request('HEAD', `/v2/groups/${groups.ml}/members/${people.fatima!.iamId}`, { token: await t.tokenFor(ADMIN_APIKEY) })).status).toBe(404);
      expect(await visible(await t.tokenFor(key.body.apikey))).toEqual([]);
    } finally {
      clock.offset = 0;
    }
    await federated('fatima');
    expect(await visible(await t.tokenFor(key.body.apikey))).toEqual(['QR-common', 'QR-ml']);
  });

  it('only Administrators of IAM Identity manage identity providers; Operators read them, Viewers not even that', async () => {
    const base = `/v1/accounts/${t.accountId}/identity_providers`;
    const withRole = async (email: string, role: string) => {
      const user = await t.addUser(email);
      const policy = await t.request('POST', '/v1/policies', {
        token: admin,
        body: {
          type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: user.iamId }] }], roles: [{ role_id: `crn:v1:bluemix:public:iam::::role:${role}` }],
          resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'iam-identity' }] }],
        },
      });
      expect(policy.status).toBe(201);
      return user.token;
    };
    const operator = await withRole('operator@campus.example', 'Operator');
    const viewer = await withRole('viewer@campus.example', 'Viewer');
    expect((await t.request('GET', base, { token: operator })).status).toBe(200);
    expect((await t.request('GET', `${base}/${providerId}`, { token: operator })).status).toBe(200);
    const body = { name: 'Operator SSO', discovery_url: 'https://idp.example.org', client_id: 'c', client_secret: 's' };
    for (const [method, url, payload] of [['POST', base, body], ['PUT', `${base}/${providerId}`, { enabled: false }], ['DELETE', `${base}/${providerId}`, undefined]] as const) {
      const res = await t.request(method, url, { token: operator, body: payload, headers: { 'if-match': '*' } });
      expect(res.status, `${method} as Operator`).toBe(403);
    }
    expect((await t.request('GET', base, { token: viewer })).status).toBe(403);
    expect((await provider()).body.enabled).toBe(true);
  });

  it('an unverified email claim never changes a user\'s address; a verified one does', async () => {
    idp.people.get('yuki')!.email = 'ceo@campus.example';
    idp.people.get('yuki')!.email_verified = false;
    try {
      const session = await federated('yuki');
      const iamId = claimsOf(session.access_token).iam_id as string;
      expect((await t.request('GET', `/v2/accounts/${t.accountId}/users/${iamId}`, { token: admin })).body.email).toBe('yuki@campus.example');
      idp.people.get('yuki')!.email_verified = true;
      await federated('yuki');
      expect((await t.request('GET', `/v2/accounts/${t.accountId}/users/${iamId}`, { token: admin })).body.email).toBe('ceo@campus.example');
      const changes = await t.qgate.database.db.selectFrom('audit_events').select('details').where('action', '=', 'user-management.user.update').where('target_id', '=', iamId).execute();
      expect(changes.map((r) => JSON.parse(r.details).email)).toEqual([{ from: 'yuki@campus.example', to: 'ceo@campus.example' }]);
    } finally {
      Object.assign(idp.people.get('yuki')!, { email: 'yuki@campus.example', email_verified: true });
      await federated('yuki');
    }
    // A person the account does not know yet is not made a user on an unverified address.
    idp.people.set('zed', { email: 'zed@campus.example', email_verified: false });
    const zed = await signIn(t, 'zed');
    expect(zed.error_description).toBe(REFUSED_MESSAGE);
    expect((await lastRefusal()).reason).toBe('email_not_verified');
  });

  it('a provider cannot switch to another issuer while users are bound to its current one; the change is audited', async () => {
    const idp2 = await startTestIdp({ redirectUris: [`${t.url}/login/${REALM}/callback`] });
    try {
      const res = await t.request('PUT', `/v1/accounts/${t.accountId}/identity_providers/${providerId}`, { token: admin, body: { discovery_url: idp2.issuer }, headers: { 'if-match': '*' } });
      expect(res.status).toBe(409);
      expect(res.body.errors[0].message).toContain('discovery_url');
      expect((await provider()).body.issuer).toBe(idp.issuer);
      // A provider nobody signed in through yet may change; the audit trail keeps both issuers.
      const spare = await t.request('POST', `/v1/accounts/${t.accountId}/identity_providers`, { token: admin, body: { name: 'Spare', discovery_url: idp.issuer, client_id: 'c', client_secret: 's' } });
      expect(spare.status).toBe(201);
      const moved = await t.request('PUT', `/v1/accounts/${t.accountId}/identity_providers/${spare.body.id}`, { token: admin, body: { discovery_url: idp2.issuer }, headers: { 'if-match': '*' } });
      expect(moved.status).toBe(200);
      const event = await t.qgate.database.db.selectFrom('audit_events').select('details').where('action', '=', 'iam-identity.identity-provider.update').where('target_id', '=', spare.body.id).executeTakeFirstOrThrow();
      expect(JSON.parse(event.details)).toMatchObject({ old_issuer: idp.issuer, new_issuer: idp2.issuer });
      expect((await t.request('DELETE', `/v1/accounts/${t.accountId}/identity_providers/${spare.body.id}`, { token: admin })).status).toBe(204);
    } finally {
      await idp2.close();
    }
  });

  it('deleting the provider ends sign-in through it; its users stay', async () => {
    expect((await t.request('DELETE', `/v1/accounts/${t.accountId}/identity_providers/${providerId}`, { token: admin })).status).toBe(204);
    const outcome = await signIn(t, 'fatima');
    expect(outcome.error).toBe('access_denied');
    expect((await t.request('GET', `/v2/accounts/${t.accountId}/users/${people.fatima!.iamId}`, { token: admin })).body.state).toBe('ACTIVE');
  });

  it('re-creating the realm for another issuer does not hand its users to that issuer', async () => {
    const idp2 = await startTestIdp({ redirectUris: [`${t.url}/login/${REALM}/callback`] });
    try {
      idp2.people.set('fatima', { email: 'fatima@campus.example', email_verified: true });
      const again = await t.request('POST', `/v1/accounts/${t.accountId}/identity_providers`, { token: admin, body: { name: 'Impostor', realm_id: REALM, discovery_url: idp2.issuer, client_id: idp2.clientId, client_secret: idp2.clientSecret } });
      expect(again.status).toBe(201);
      const outcome = await signIn(t, 'fatima');
      expect(outcome.error).toBe('access_denied');
      expect(outcome.code).toBeUndefined();
      expect((await lastRefusal()).reason).toMatch(/^subject_bound_to_another_issuer/);
      expect((await t.request('DELETE', `/v1/accounts/${t.accountId}/identity_providers/${again.body.id}`, { token: admin })).status).toBe(204);
    } finally {
      await idp2.close();
    }
  });

  it('a provider of one account never produces or signs in a user of another', async () => {
    await t.qgate.database.db.transaction().execute((trx) =>
      createAccountWithOwner(trx, { name: 'other', ownerEmail: 'owner@other.example', ownerPasswordHash: 'x', ownerApiKey: OTHER_KEY, now: new Date() }));
    const other = await t.tokenFor(OTHER_KEY);
    const otherAccount = claimsOf(other).account.bss as string;
    const idpB = await startTestIdp({ redirectUris: [`${t.url}/login/oidc-other/callback`] });
    try {
      idpB.people.set('fatima', { email: 'fatima@campus.example', email_verified: true });
      const created = await t.request('POST', `/v1/accounts/${otherAccount}/identity_providers`, { token: other, body: { name: 'Other', realm_id: 'oidc-other', discovery_url: idpB.issuer, client_id: idpB.clientId, client_secret: idpB.clientSecret } });
      expect(created.status, created.text).toBe(201);
      // The other account may not touch this account's providers.
      expect([403, 404]).toContain((await t.request('GET', `/v1/accounts/${t.accountId}/identity_providers`, { token: other })).status);
      const outcome = await signIn(t, 'fatima', { realm: 'oidc-other' });
      const claims = claimsOf((await redeem(t, outcome)).body.access_token);
      expect(claims.account.bss).toBe(otherAccount);
      expect(claims.iam_id).not.toBe(people.fatima!.iamId);
      const mine = await t.qgate.database.db.selectFrom('users').selectAll().where('iam_id', '=', people.fatima!.iamId).executeTakeFirstOrThrow();
      expect(mine).toMatchObject({ account_id: t.accountId, realm: REALM, idp_issuer: idp.issuer });
    } finally {
      await idpB.close();
    }
  });

  it('refuses more than 120 sign-ins started from one address in a minute (429)', async () => {
    const start = () => fetch(`${t.url}/login/${REALM}?${new URLSearchParams({ redirect_uri: CLIENT_REDIRECT, state: 's', code_challenge: b64url(crypto.randomBytes(32)), code_challenge_method: 'S256' })}`, { redirect: 'manual' });
    let refused: Response | undefined;
    for (let i = 0; i < 130 && !refused; i++) {
      const res = await start();
      if (res.status === 429) refused = res;
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe.each(await availableStores())('%s: dynamic memberships under the per-identity group limit', (store) => {
  const LIMIT = 3;
  let t: TestServer;
  let idp: TestIdp;
  let admin: string;
  const clock = offsetClock();
  /** Groups with a rule matching project p1…p4, oldest first. */
  const oldestFirst: string[] = [];

  const federated = async (who: string) => {
    const outcome = await signIn(t, who);
    expect(outcome.error, outcome.error_description).toBeUndefined();
    const res = await redeem(t, outcome);
    expect(res.status, res.text).toBe(200);
    return claimsOf(res.body.access_token).iam_id as string;
  };
  const dynamicRows = (iamId: string) =>
    t.qgate.database.db.selectFrom('access_group_members').select(['group_id', 'expires_at']).where('iam_id', '=', iamId).where('membership_type', '=', 'dynamic').orderBy('group_id').execute();
  const lastDynamicEvent = async (iamId: string) => {
    const row = await t.qgate.database.db.selectFrom('audit_events').select('details').where('action', '=', 'iam-groups.members.dynamic').where('target_id', '=', iamId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    return JSON.parse(row.details) as { joined: string[]; left: string[]; skipped?: string[]; group_limit?: number };
  };

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    idp = await startTestIdp({ redirectUris: [`${publicUrl}/login/${REALM}/callback`] });
    idp.people.set('noor', { email: 'noor@campus.example', email_verified: true, given_name: 'Noor' });
    t = await startTestServer({ store, clock, env: { QGATE_PORT: String(port), QGATE_PUBLIC_URL: publicUrl, QGATE_LIMIT_GROUPS_PER_IDENTITY: String(LIMIT) } });
    admin = await t.adminToken();
    const created = await t.request('POST', `/v1/accounts/${t.accountId}/identity_providers`, {
      token: admin,
      body: { name: 'Campus SSO', realm_id: REALM, discovery_url: `${idp.issuer}/.well-known/openid-configuration`, client_id: idp.clientId, client_secret: idp.clientSecret, scopes: 'openid email profile project' },
    });
    expect(created.status, created.text).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('a sign-in adds only the dynamic memberships the limit leaves room for (oldest groups first), renews the ones held, and records the rest', async () => {
    const iamId = await federated('noor');
    const staff = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: 'staff' } });
    const added = await t.request('PUT', `/v2/groups/${staff.body.id}/members`, { token: admin, body: { members: [{ iam_id: iamId, type: 'user' }] } });
    expect(added.body.members[0].status_code).toBe(200);
    // Four groups whose rules all match, made one after another and named against that order.
    for (const project of ['p4', 'p3', 'p2', 'p1']) {
      clock.offset += 10;
      const group = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: `project ${project}` } });
      expect(group.status, group.text).toBe(201);
      oldestFirst.push(group.body.id);
      const rule = await t.request('POST', `/v2/groups/${group.body.id}/rules`, { token: admin, body: { name: project, expiration: 2, realm_name: REALM, conditions: [{ claim: 'project', operator: 'CONTAINS', value: project }] } });
      expect(rule.status, rule.text).toBe(201);
    }
    idp.people.get('noor')!.project = 'p1 p2 p3 p4';

    // One static group leaves room for LIMIT - 1 dynamic ones: the two oldest groups; the sign-in still succeeds.
    await federated('noor');
    const first = await dynamicRows(iamId);
    expect(first.map((r) => r.group_id)).toEqual(oldestFirst.slice(0, LIMIT - 1).sort());
    const listed = await t.request('GET', `/v2/groups?account_id=${t.accountId}&iam_id=${iamId}&hide_public_access=true`, { token: admin });
    expect(listed.body.groups).toHaveLength(LIMIT);
    expect(await lastDynamicEvent(iamId)).toEqual({ joined: oldestFirst.slice(0, 2), left: [], skipped: oldestFirst.slice(2), group_limit: LIMIT });

    // With a minute left on both, the next sign-in renews them for the rules' two hours, and adds nothing.
    const soon = new Date(clock.now().getTime() + 60_000).toISOString();
    await t.qgate.database.db.updateTable('access_group_members').set({ expires_at: soon }).where('iam_id', '=', iamId).where('membership_type', '=', 'dynamic').execute();
    await federated('noor');
    const second = await dynamicRows(iamId);
    expect(second.map((r) => r.group_id)).toEqual(first.map((r) => r.group_id));
    for (const r of second) expect(Date.parse(r.expires_at!) - clock.now().getTime()).toBeGreaterThan(3600_000);
    expect(await lastDynamicEvent(iamId)).toEqual({ joined: oldestFirst.slice(0, 2), left: [], skipped: oldestFirst.slice(2), group_limit: LIMIT });

    // A full identity is still refused a static group; removing the static one makes room for the next-oldest group.
    const extra = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name: 'extra' } });
    const refused = await t.request('PUT', `/v2/groups/${extra.body.id}/members`, { token: admin, body: { members: [{ iam_id: iamId, type: 'user' }] } });
    expect(refused.body.members[0].errors[0].code).toBe('group_limit_reached');
    expect((await t.request('DELETE', `/v2/groups/${staff.body.id}/members/${iamId}`, { token: admin })).status).toBe(204);
    await federated('noor');
    expect((await dynamicRows(iamId)).map((r) => r.group_id)).toEqual(oldestFirst.slice(0, 3).sort());
    expect(await lastDynamicEvent(iamId)).toEqual({ joined: oldestFirst.slice(0, 3), left: [], skipped: oldestFirst.slice(3), group_limit: LIMIT });
  });

  it.skipIf(store !== 'postgres')('a sign-in counts under the lock static adds take, so together they stay within the limit', async () => {
    const db = t.qgate.database.db;
    const statics: string[] = [];
    for (const name of ['s1', 's2']) statics.push((await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: admin, body: { name } })).body.id);
    idp.people.set('lena', { email: 'lena@campus.example', email_verified: true });
    const iamId = await federated('lena');
    idp.people.get('lena')!.project = 'p1 p2 p3 p4';
    // A static add of two groups, as addMembers makes it: the lock, then the rows, committed when released.
    let release!: () => void;
    let holding!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const held = new Promise<void>((resolve) => { holding = resolve; });
    const adding = db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`memberships-in:${t.accountId}`}, 0))`.execute(trx);
      const at = new Date().toISOString();
      for (const g of statics) await trx.insertInto('access_group_members').values({ group_id: g, account_id: t.accountId, iam_id: iamId, type: 'user', membership_type: 'static', expires_at: null, created_at: at, created_by_id: 'test' }).execute();
      holding();
      await released;
    });
    await held;
    let finished = false;
    const signingIn = federated('lena');
    void signingIn.then(() => { finished = true; }, () => { finished = true; });
    // The sign-in goes as far as it can: to the lock (it waits there), or to its end if it took none.
    const waiting = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db)).rows[0]!.n) > 0;
    for (const deadline = Date.now() + 10_000; !finished && !(await waiting()) && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await adding;
    await signingIn;
    const listed = await t.request('GET', `/v2/groups?account_id=${t.accountId}&iam_id=${iamId}&hide_public_access=true`, { token: admin });
    expect(listed.body.groups.map((g: { id: string }) => g.id).sort()).toEqual([...statics, oldestFirst[0]!].sort());
  });

  it.skipIf(store !== 'postgres')('a sign-in into an account with no rules for its provider waits for no lock', async () => {
    for (const group of oldestFirst) {
      const rules = await t.request('GET', `/v2/groups/${group}/rules`, { token: admin });
      for (const rule of rules.body.rules) expect((await t.request('DELETE', `/v2/groups/${group}/rules/${rule.id}`, { token: admin })).status).toBe(204);
    }
    // A long bulk add holds the memberships lock; a sign-in that cannot join any group must not queue behind it.
    let release!: () => void;
    let holding!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const held = new Promise<void>((resolve) => { holding = resolve; });
    const adding = t.qgate.database.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`memberships-in:${t.accountId}`}, 0))`.execute(trx);
      holding();
      await released;
    });
    await held;
    try {
      const started = Date.now();
      await federated('noor');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      release();
      await adding;
    }
  });
});

describe('logged URLs', () => {
  it('hide code and state query values on every path (the console callback too)', async () => {
    const { redactUrl } = await import('#src/http/server.js');
    expect(redactUrl('/signin/callback?code=secret1&state=secret2')).toBe('/signin/callback?code=[Redacted]&state=[Redacted]');
    expect(redactUrl('/login/oidc-x/callback?state=s&code=c&iss=x')).toBe('/login/oidc-x/callback?state=[Redacted]&code=[Redacted]&iss=x');
    expect(redactUrl('/v2/groups?account_id=a&codeword=x')).toBe('/v2/groups?account_id=a&codeword=x');
  });
});
