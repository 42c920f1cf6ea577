/**
 * ID token verification against a provider whose key set the test controls: audiences and `azp`, `nbf` and `iat`,
 * unknown key ids, and key rotation at the provider (a newly published key is picked up, re-reading the key set at
 * most every 30 s however many unknown key ids arrive).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcClient, type Discovery } from '#src/modules/federation/oidc-client.js';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const CLIENT = { clientId: 'qgate-client', clientSecret: 'unused here' };
const NONCE = 'the nonce of this sign-in';

/** A provider that serves only discovery and its key set; `published` is what its jwks_uri answers. */
async function startKeyServer() {
  const published: JWK[] = [];
  let jwksRequests = 0;
  const server = http.createServer((req, res) => {
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/.well-known/openid-configuration') {
      send({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] });
    } else if (req.url === '/jwks') {
      jwksRequests++;
      send({ keys: published });
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    published,
    jwksRequests: () => jwksRequests,
    async newKey(kid: string): Promise<{ kid: string; key: Key; publish: () => Promise<void> }> {
      const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
      return { kid, key: privateKey, publish: async () => void published.push({ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }) };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('ID token verification', () => {
  let idp: Awaited<ReturnType<typeof startKeyServer>>;
  let first: { kid: string; key: Key };
  const clock = { ms: Date.parse('2030-01-01T00:00:00Z'), now: () => new Date(clock.ms) };
  const seconds = () => Math.floor(clock.ms / 1000);

  beforeAll(async () => {
    idp = await startKeyServer();
    const k = await idp.newKey('key-1');
    await k.publish();
    first = k;
  });
  afterAll(async () => idp?.close());

  const sign = (claims: JWTPayload, key: { kid: string; key: Key } = first) =>
    new SignJWT({ iss: idp.issuer, aud: CLIENT.clientId, sub: 'fatima', nonce: NONCE, iat: seconds(), exp: seconds() + 300, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.key);

  /** A client of its own (its caches start empty) with the provider's discovery document. */
  async function client() {
    const oidc = createOidcClient({ clock, allowInsecure: true });
    const doc: Discovery = await oidc.discover(idp.issuer);
    return { verify: (token: string) => oidc.verifyIdToken({ issuer: idp.issuer, ...CLIENT }, doc, token, NONCE) };
  }
  const refusal = async (p: Promise<unknown>) => {
    const err = (await p.then(() => undefined, (e: unknown) => e)) as { code?: string; message?: string } | undefined;
    expect(err, 'the token was accepted').toBeDefined();
    return err!;
  };

  it('accepts several audiences only when ours is among them and azp names us', async () => {
    const { verify } = await client();
    expect((await verify(await sign({ aud: [CLIENT.clientId, 'another-api'], azp: CLIENT.clientId }))).sub).toBe('fatima');
    expect((await verify(await sign({ aud: CLIENT.clientId, azp: CLIENT.clientId }))).sub).toBe('fatima');

    for (const [what, claims, reason] of [
      ['several audiences without azp', { aud: [CLIENT.clientId, 'another-api'] }, /azp/],
      ['several audiences, azp another party', { aud: [CLIENT.clientId, 'another-api'], azp: 'another-api' }, /azp/],
      ['one audience (ours), azp another party', { azp: 'another-api' }, /azp/],
      ['several audiences, none ours, azp ours', { aud: ['another-api', 'a-third'], azp: CLIENT.clientId }, /aud/],
    ] as [string, JWTPayload, RegExp][]) {
      const err = await refusal(verify(await sign(claims)));
      expect(err.code, what).toBe('id_token_invalid');
      expect(err.message, what).toMatch(reason);
    }
  });

  it('refuses a token not valid before a future time, or issued too long ago', async () => {
    const { verify } = await client();
    // 60 s of leeway for clocks that differ a little.
    expect((await verify(await sign({ nbf: seconds() + 30 }))).sub).toBe('fatima');
    const future = await refusal(verify(await sign({ nbf: seconds() + 120 })));
    expect(future.code).toBe('id_token_invalid');
    expect(future.message).toMatch(/nbf/);

    const old = await refusal(verify(await sign({ iat: seconds() - 3600, exp: seconds() + 300 })));
    expect(old.code).toBe('id_token_invalid');
    expect(old.message).toMatch(/iat|too far in the past/);
    const issuedLater = await refusal(verify(await sign({ iat: seconds() + 600, exp: seconds() + 900 })));
    expect(issuedLater.code).toBe('id_token_invalid');
    expect(issuedLater.message).toMatch(/iat/);
  });

  it('refuses a key id the provider does not publish, asking the provider again at most every 30 s', async () => {
    const { verify } = await client();
    expect((await verify(await sign({}))).sub).toBe('fatima');
    clock.ms += 31_000;
    const stranger = await idp.newKey('not-published');
    const before = idp.jwksRequests();
    for (let i = 0; i < 20; i++) {
      const err = await refusal(verify(await sign({}, stranger)));
      expect(err.code).toBe('id_token_invalid');
      expect(err.message).toMatch(/no applicable key|JWKS/i);
    }
    // Twenty tokens naming an unknown key: one new request for the key set, not twenty.
    expect(idp.jwksRequests() - before).toBe(1);
    clock.ms += 31_000;
    await refusal(verify(await sign({}, stranger)));
    expect(idp.jwksRequests() - before).toBe(2);
  });

  it('picks up a key the provider publishes when it rotates, without waiting for the cached set to age', async () => {
    const { verify } = await client();
    expect((await verify(await sign({}))).sub).toBe('fatima');
    const before = idp.jwksRequests();

    // The provider publishes a new key and signs with it right away; our cached set predates it.
    clock.ms += 45_000;
    const second = await idp.newKey('key-2');
    await second.publish();
    expect((await verify(await sign({}, second))).sub).toBe('fatima');
    expect(idp.jwksRequests() - before).toBe(1);
    // Both keys now verify from the cache, without asking again.
    expect((await verify(await sign({}, first))).sub).toBe('fatima');
    expect((await verify(await sign({}, second))).sub).toBe('fatima');
    expect(idp.jwksRequests() - before).toBe(1);

    // The old key withdrawn: once the cached set ages (10 minutes) it is read again and the old key no longer verifies.
    const [old] = idp.published.splice(0, 1);
    clock.ms += 601_000;
    const withdrawn = await refusal(verify(await sign({}, first)));
    expect(withdrawn.code).toBe('id_token_invalid');
    expect((await verify(await sign({}, second))).sub).toBe('fatima');
    idp.published.unshift(old!);
  });

  it('a key used within 30 s of the last read is refused until the provider may be asked again', async () => {
    const { verify } = await client();
    expect((await verify(await sign({}))).sub).toBe('fatima');
    const third = await idp.newKey('key-3');
    await third.publish();
    clock.ms += 5_000;
    await refusal(verify(await sign({}, third)));
    clock.ms += 30_000;
    expect((await verify(await sign({}, third))).sub).toBe('fatima');
  });
});
