/**
 * Rotating QGATE_SECRETS_KEY: a node started with a new key and the old one as QGATE_SECRETS_KEY_PREVIOUS seals every
 * stored client secret again with the new key (those sealed before key ids existed too), so that the old key can
 * then be dropped; the providers' entity tags do not change.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '#src/modules/federation/secret-box.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';
import { availableStores, createTestDatabase } from '../helpers/stores.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { sealV1 } from '../helpers/sealed-v1.js';

const OLD = 'the secrets key before the rotation, 32+ characters';
const NEW = 'the secrets key after the rotation, also 32+ characters';


describe.each(await availableStores())('%s: rotating the secrets key', (store) => {
  let idp: TestIdp;
  let dataDir: string;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  const servers: TestServer[] = [];
  const start = async (env: Record<string, string>) => {
    const t = await startTestServer({ store, dataDir, ...(database ? { databaseUrl: database.url } : {}), env });
    servers.push(t);
    return t;
  };
  /** Stops a node without removing its store (the next node opens the same one). */
  const stop = (t: TestServer) => t.qgate.close();

  beforeAll(async () => {
    idp = await startTestIdp({ redirectUris: ['http://127.0.0.1:1/login/oidc-any/callback'] });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-rotation-'));
    database = store === 'postgres' ? await createTestDatabase() : undefined;
  });
  afterAll(async () => {
    for (const t of servers) await t.qgate.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await idp?.close();
  });

  it('a new key seals the stored secrets again at start; the old key is then no longer needed', async () => {
    const first = await start({ QGATE_SECRETS_KEY: OLD });
    const admin = await first.adminToken();
    const base = `/v1/accounts/${first.accountId}/identity_providers`;
    const made: { id: string; entity_tag: string }[] = [];
    for (const name of ['Campus', 'Legacy']) {
      const res = await first.request('POST', base, { token: admin, body: { name, discovery_url: idp.issuer, client_id: idp.clientId, client_secret: `${name} secret` } });
      expect(res.status, res.text).toBe(201);
      made.push(res.body);
    }
    // The second as stored by a qgate from before key ids.
    await first.qgate.database.db.updateTable('identity_providers').set({ client_secret_encrypted: sealV1(OLD, 'Legacy secret', made[1]!.id) }).where('id', '=', made[1]!.id).execute();
    await stop(first);

    const stored = async (t: TestServer) => new Map((await t.qgate.database.db.selectFrom('identity_providers').select(['id', 'client_secret_encrypted']).execute()).map((r) => [r.id, r.client_secret_encrypted]));
    const newBox = createSecretBox({ secretsKey: NEW, dataDir: '/nonexistent' });

    const rotating = await start({ QGATE_SECRETS_KEY: NEW, QGATE_SECRETS_KEY_PREVIOUS: OLD });
    const sealed = await stored(rotating);
    for (const [i, name] of ['Campus', 'Legacy'].entries()) {
      const value = sealed.get(made[i]!.id)!;
      expect(value.startsWith(`v2.${newBox.keyId}.`), name).toBe(true);
      expect(newBox.open(value, made[i]!.id)).toBe(`${name} secret`);
      // The same secret: the provider's entity tag is unchanged.
      const got = await rotating.request('GET', `${base}/${made[i]!.id}`, { token: await rotating.adminToken() });
      expect(got.body.entity_tag).toBe(made[i]!.entity_tag);
    }
    await stop(rotating);

    // Started again, nothing is left to seal: the values stay as they are.
    const after = await start({ QGATE_SECRETS_KEY: NEW });
    expect(await stored(after)).toEqual(sealed);
    await stop(after);
  });

  it('a node that holds neither key leaves the secrets as they are (they are entered again, or the key is given back)', async () => {
    const stranger = await start({ QGATE_SECRETS_KEY: 'a key that sealed nothing here, 32+ characters' });
    const values = await stranger.qgate.database.db.selectFrom('identity_providers').select('client_secret_encrypted').execute();
    const newBox = createSecretBox({ secretsKey: NEW, dataDir: '/nonexistent' });
    for (const v of values) expect(v.client_secret_encrypted.startsWith(`v2.${newBox.keyId}.`)).toBe(true);
    await stop(stranger);
  });
});
