/**
 * The token service over real HTTP: grants, claims, JWKS, rotation, refusal of bad tokens.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server.js';

const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, any>;

describe.each(await availableStores())('%s: tokens', (store) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ store });
  });
  afterAll(() => t.close());

  it('exchanges an API key for an RS256 JWT with IBM claims, verifiable with the JWKS', async () => {
    const res = await t.request('POST', '/identity/token', { form: { grant_type: APIKEY_GRANT, apikey: ADMIN_APIKEY, response_type: 'cloud_iam' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, refresh_token: 'not_supported', scope: 'ibm openid' });
    const [h, p, s] = (res.body.access_token as string).split('.');
    const header = JSON.parse(Buffer.from(h!, 'base64url').toString());
    expect(header.alg).toBe('RS256');
    const payload = claims(res.body.access_token);
    expect(payload).toMatchObject({ iam_id: expect.stringMatching(/^QGid-/), sub: ADMIN_EMAIL, email: ADMIN_EMAIL, account: { bss: t.accountId, valid: true }, grant_type: APIKEY_GRANT });
    expect(payload.id).toBe(payload.iam_id);
    expect(payload.exp - payload.iat).toBe(3600);
    expect(res.body.expiration).toBe(payload.exp);
    const jwks = await t.request('GET', '/identity/keys');
    const jwk = jwks.body.keys.find((k: any) => k.kid === header.kid);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
    expect(crypto.verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s!, 'base64url'))).toBe(true);
  });

  it('serves OpenID discovery naming the token endpoint and JWKS', async () => {
    const res = await t.request('GET', '/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(res.body.jwks_uri).toMatch(/\/identity\/keys$/);
    expect(res.body.id_token_signing_alg_values_supported).toEqual(['RS256']);
  });

  it('answers an unknown API key with 400 BXNIM0415E in both IBM shapes', async () => {
    const res = await t.request('POST', '/identity/token', { form: { grant_type: APIKEY_GRANT, apikey: 'x'.repeat(44) } });
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('BXNIM0415E');
    expect(res.body.errorMessage).toBe('Provided API key could not be found.');
    expect(res.body.errors[0].code).toBe('apikey_not_found');
  });

  it('refuses missing fields and unknown grants with a message naming the field', async () => {
    const noKey = await t.request('POST', '/identity/token', { form: { grant_type: APIKEY_GRANT } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.errorMessage).toMatch(/apikey/);
    const noGrant = await t.request('POST', '/identity/token', { form: { apikey: ADMIN_APIKEY } });
    expect(noGrant.status).toBe(400);
    expect(noGrant.body.errorMessage).toMatch(/grant_type/);
    const bad = await t.request('POST', '/identity/token', { form: { grant_type: 'client_credentials' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('BXNIM0109E');
    const unknown = await t.request('POST', '/identity/token', { form: { grant_type: APIKEY_GRANT, apikey: ADMIN_APIKEY, extra: '1' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errorMessage).toMatch(/extra/);
  });

  it('signs in with a password, and rotates refresh tokens with reuse detection', async () => {
    const login = await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.refresh_token).not.toBe('not_supported');
    const first = login.body.refresh_token as string;
    const refreshed = await t.request('POST', '/identity/token', { form: { grant_type: 'refresh_token', refresh_token: first } });
    expect(refreshed.status).toBe(200);
    expect(claims(refreshed.body.access_token).grant_type).toBe('refresh_token');
    const second = refreshed.body.refresh_token as string;
    // Replaying the first token ends the whole family, including the second.
    const replay = await t.request('POST', '/identity/token', { form: { grant_type: 'refresh_token', refresh_token: first } });
    expect(replay.status).toBe(400);
    const after = await t.request('POST', '/identity/token', { form: { grant_type: 'refresh_token', refresh_token: second } });
    expect(after.status).toBe(400);
  });

  it('records each rotation, and a replay that ends the session with the ending itself', async () => {
    const email = `rotating-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const person = await t.addUser(email);
    const admin = await t.adminToken();
    const events = async (outcome: string) =>
      (await t.request('GET', `/v1/audit/events?action=iam-identity.token.refresh&actor=${person.iamId}&outcome=${outcome}`, { token: admin })).body.events as any[];
    const login = await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: email, password: person.password } });
    expect(login.status).toBe(200);
    const first = login.body.refresh_token as string;
    const refreshed = await t.request('POST', '/identity/token', { form: { grant_type: 'refresh_token', refresh_token: first } });
    expect(refreshed.status).toBe(200);
    await t.qgate.services.audit.flush();
    expect(await events('success')).toMatchObject([{ actor: { iam_id: person.iamId }, target: { type: 'user', id: person.iamId } }]);
    // The replay deletes the session's tokens; its event is written with that deletion, not buffered.
    const replay = await t.request('POST', '/identity/token', { form: { grant_type: 'refresh_token', refresh_token: first } });
    expect(replay.status).toBe(400);
    expect(replay.body.errorMessage).toMatch(/already used/);
    const denied = await events('denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ account_id: t.accountId, details: { reason: 'refresh_token_reused', session_ended: true } });
    expect(JSON.stringify(denied)).not.toContain(first);
  });

  it('answers a wrong password and an unknown user alike (no account enumeration)', async () => {
    const wrong = await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: ADMIN_EMAIL, password: 'not the password at all' } });
    const nobody = await t.request('POST', '/identity/token', { form: { grant_type: 'password', username: 'nobody@example.com', password: 'not the password at all' } });
    expect(wrong.status).toBe(400);
    expect(nobody.status).toBe(400);
    expect(wrong.body.errorMessage).toBe(nobody.body.errorMessage);
    expect(wrong.body.errorCode).toBe(nobody.body.errorCode);
  });

  describe('refuses bad access tokens on authenticated routes', () => {
    const call = (token: string) => t.request('GET', '/v1/apikeys', { headers: { authorization: `Bearer ${token}` } });

    it('no token at all', async () => {
      const res = await t.request('GET', '/v1/apikeys');
      expect(res.status).toBe(401);
      expect(res.body.errors[0].code).toBe('missing_token');
    });
    it('garbage', async () => {
      expect((await call('not-a-jwt')).status).toBe(401);
    });
    it('alg none', async () => {
      const good = claims(await t.adminToken());
      const res = await call(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.`);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].message).toMatch(/algorithm/);
    });
    it('HS256 signed with the public key (key confusion)', async () => {
      const jwks = (await t.request('GET', '/identity/keys')).body.keys;
      const pem = crypto.createPublicKey({ key: jwks[0], format: 'jwk' }).export({ format: 'pem', type: 'spki' });
      const input = `${b64({ alg: 'HS256', kid: jwks[0].kid })}.${b64(claims(await t.adminToken()))}`;
      const sig = crypto.createHmac('sha256', pem).update(input).digest('base64url');
      expect((await call(`${input}.${sig}`)).status).toBe(401);
    });
    it('signed by another key with a known kid', async () => {
      const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = (await t.request('GET', '/identity/keys')).body.keys[0].kid;
      const input = `${b64({ alg: 'RS256', kid })}.${b64(claims(await t.adminToken()))}`;
      const sig = crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url');
      const res = await call(`${input}.${sig}`);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].message).toMatch(/signature/);
    });
    it('tampered payload', async () => {
      const [h, , s] = (await t.adminToken()).split('.');
      const forged = { ...claims(await t.adminToken()), iam_id: 'QGid-SOMEONEELS' };
      expect((await call(`${h}.${b64(forged)}.${s}`)).status).toBe(401);
    });
    it('unknown kid', async () => {
      const [, p, s] = (await t.adminToken()).split('.');
      expect((await call(`${b64({ alg: 'RS256', kid: 'no-such-key' })}.${p}.${s}`)).status).toBe(401);
    });
    it('an apikey Authorization header works like a token', async () => {
      const res = await t.request('GET', '/v1/apikeys', { headers: { authorization: `apikey ${ADMIN_APIKEY}` } });
      expect(res.status).toBe(200);
    });
  });

  it('keeps verifying tokens of a rotated-out key, signs new ones with the new key', async () => {
    const before = await t.adminToken();
    const oldKid = JSON.parse(Buffer.from(before.split('.')[0]!, 'base64url').toString()).kid;
    const newKid = await t.qgate.services.keys.rotate();
    expect(newKid).not.toBe(oldKid);
    expect((await t.request('GET', '/v1/apikeys', { token: before })).status).toBe(200);
    const after = await t.tokenFor(ADMIN_APIKEY);
    expect(JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid).toBe(newKid);
    const kids = (await t.request('GET', '/identity/keys')).body.keys.map((k: any) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));
  });
});
