/**
 * Identity providers are chosen by account administrators, so qgate's requests to them must not reach
 * internal addresses (server-side request forgery): https only, no loopback, private or link-local
 * address, unless the operator sets QGATE_IDP_ALLOW_INSECURE. Clients learn only that the provider
 * could not be used; the details go to the audit trail.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundUrl, createOutboundFetch, isInternalAddress } from '#src/modules/federation/outbound.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';
import { availableStores } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('outbound address rules', () => {
  it('calls loopback, private, link-local, CGNAT, multicast and mapped addresses internal', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'nonsense']) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isInternalAddress(a), a).toBe(false);
  });

  it('refuses plain http and internal address literals unless insecure providers are allowed', () => {
    for (const u of ['http://idp.example.org/', 'https://127.0.0.1/', 'https://[::1]/', 'https://169.254.169.254/latest/meta-data', 'https://[::ffff:10.0.0.1]/']) {
      expect(() => checkOutboundUrl(new URL(u), false), u).toThrow();
      expect(() => checkOutboundUrl(new URL(u), true), u).not.toThrow();
    }
    expect(() => checkOutboundUrl(new URL('https://idp.example.org/'), false)).not.toThrow();
  });

  it('refuses a name that resolves to an internal address where the connection is made', async () => {
    const fetcher = createOutboundFetch({ allowInsecure: false, timeoutMs: 2000 });
    await expect(fetcher('https://localhost:1/')).rejects.toThrow(/internal address/);
  });
});

describe.each(await availableStores())('%s: identity providers on internal addresses', (store) => {
  let t: TestServer;
  let idp: TestIdp;
  let admin: string;

  beforeAll(async () => {
    idp = await startTestIdp({ redirectUris: ['http://127.0.0.1:1/login/oidc-inside/callback'] });
    t = await startTestServer({ store, env: { QGATE_IDP_ALLOW_INSECURE: 'false' } });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('refuses a discovery URL on plain http or an internal address (400, nothing made)', async () => {
    const base = `/v1/accounts/${t.accountId}/identity_providers`;
    for (const discovery_url of [idp.issuer, 'https://localhost/', 'https://10.0.0.5/', 'https://169.254.169.254/', 'https://[::1]:8443/', 'https://[fd00::1]/']) {
      const res = await t.request('POST', base, { token: admin, body: { name: 'Inside', discovery_url, client_id: 'c', client_secret: 's' } });
      expect(res.status, discovery_url).toBe(400);
      expect(res.body.errors[0].message).toContain('discovery_url');
    }
    expect((await t.request('GET', base, { token: admin })).body.identity_providers).toEqual([]);
  });

  it('does not reach a provider stored with an internal issuer, and tells the client only that it is unavailable', async () => {
    const now = new Date().toISOString();
    // As if stored before the rule (or by an operator allowing it then): the sign-in itself still refuses.
    await t.qgate.database.db.insertInto('identity_providers').values({
      id: `IdP-${crypto.randomUUID()}`, account_id: t.accountId, realm_id: 'oidc-inside', name: 'Inside', type: 'oidc', issuer: idp.issuer, client_id: idp.clientId,
      client_secret_encrypted: 'unused', scopes: 'openid email', first_sign_in: 'create_user', enabled: 1, version: 1, created_at: now, created_by: 'x', modified_at: now, modified_by: 'x',
    }).execute();
    const params = new URLSearchParams({ redirect_uri: 'http://127.0.0.1:53682/cb', state: 's', code_challenge: crypto.randomBytes(32).toString('base64url'), code_challenge_method: 'S256' });
    const res = await fetch(`${t.url}/login/oidc-inside?${params}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin).toBe('http://127.0.0.1:53682');
    expect(back.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(back.searchParams.get('error_description')).not.toContain('127.0.0.1');
    await t.qgate.services.audit.flush();
    const row = await t.qgate.database.db.selectFrom('audit_events').select('details').where('action', '=', 'iam-identity.federated-sign-in').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(row.details).message).toMatch(/https|internal/);
  });
});
