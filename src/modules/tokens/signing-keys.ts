/**
 * RS256 signing keys: made on first start, rotated, published.
 *
 * @remarks A node's private keys live only in its data directory (`<data>/keys`, mode 0600); their
 * public halves go to the shared store, so every node verifies every node's tokens and `/identity/keys`
 * lists them all. A key stops signing after the rotation period and stays in the JWKS until the last
 * token it signed has expired.
 */
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '#src/db/schema.js';
import type { Clock } from '#src/platform/clock.js';
import { ids } from '#src/platform/ids.js';

export interface PublicJwk {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  retireAt: number;
}

export interface SigningKeys {
  /** The key new tokens are signed with (rotated when due). */
  current(): Promise<{ kid: string; privateKey: KeyObject }>;
  /** A public key by id; reloads from the store (at most ten times a second) when the id is new. */
  publicKey(kid: string): Promise<KeyObject | undefined>;
  jwks(): Promise<{ keys: PublicJwk[] }>;
  /** Makes a new signing key now, keeping the old ones published. */
  rotate(): Promise<string>;
}

const RELOAD_INTERVAL_MS = 100;

export function createSigningKeys(deps: { db: Kysely<DB>; dataDir: string; clock: Clock; log: Logger; rotationSeconds: number; tokenTtlSeconds: number }): SigningKeys {
  const dir = path.join(deps.dataDir, 'keys');
  let signing: SigningKey | undefined;
  let rotating: Promise<SigningKey> | undefined;
  const publicKeys = new Map<string, KeyObject>();
  let published: PublicJwk[] = [];
  let lastLoad = 0;
  let reloading: Promise<void> | undefined;

  const loadLocal = (): SigningKey | undefined => {
    if (!fs.existsSync(dir)) return undefined;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    let newest: SigningKey | undefined;
    for (const file of files) {
      const meta = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { kid: string; retireAt: string; privateKeyPem: string };
      const key = { kid: meta.kid, privateKey: crypto.createPrivateKey(meta.privateKeyPem), retireAt: Date.parse(meta.retireAt) };
      if (!newest || key.retireAt > newest.retireAt) newest = key;
    }
    return newest;
  };

  const refreshPublished = async (): Promise<void> => {
    const now = deps.clock.now().toISOString();
    const rows = await deps.db.selectFrom('signing_keys').selectAll().where('expires_at', '>', now).orderBy('created_at', 'desc').execute();
    published = rows.map((r) => JSON.parse(r.public_jwk) as PublicJwk);
    for (const jwk of published) {
      if (!publicKeys.has(jwk.kid)) publicKeys.set(jwk.kid, crypto.createPublicKey({ key: jwk as unknown as crypto.JsonWebKey, format: 'jwk' }));
    }
    lastLoad = Date.now();
  };

  const create = async (): Promise<SigningKey> => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = ids.signingKey();
    const now = deps.clock.now();
    const retireAt = new Date(now.getTime() + deps.rotationSeconds * 1000);
    // Refresh tokens are opaque, so only access tokens outlive the key's signing period.
    const expiresAt = new Date(retireAt.getTime() + (deps.tokenTtlSeconds + 300) * 1000);
    const jwk = { ...(publicKey.export({ format: 'jwk' }) as { n: string; e: string }), kty: 'RSA', kid, alg: 'RS256', use: 'sig' } as PublicJwk;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, `${now.toISOString().replace(/[:.]/g, '-')}-${kid}.json`);
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    fs.writeFileSync(file, JSON.stringify({ kid, retireAt: retireAt.toISOString(), privateKeyPem: pem }), { mode: 0o600 });
    await deps.db
      .insertInto('signing_keys')
      .values({ kid, public_jwk: JSON.stringify(jwk), created_at: now.toISOString(), retire_at: retireAt.toISOString(), expires_at: expiresAt.toISOString() })
      .execute();
    deps.log.info({ kid }, 'made a new token signing key');
    await refreshPublished();
    return { kid, privateKey, retireAt: retireAt.getTime() };
  };

  const ensurePublished = async (key: SigningKey): Promise<void> => {
    // A key file copied from elsewhere, or a store that was reset, must still be verifiable.
    const row = await deps.db.selectFrom('signing_keys').select('kid').where('kid', '=', key.kid).executeTakeFirst();
    if (!row) {
      const jwk = { ...(crypto.createPublicKey(key.privateKey).export({ format: 'jwk' }) as { n: string; e: string }), kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' };
      const now = deps.clock.now();
      await deps.db
        .insertInto('signing_keys')
        .values({ kid: key.kid, public_jwk: JSON.stringify(jwk), created_at: now.toISOString(), retire_at: new Date(key.retireAt).toISOString(), expires_at: new Date(key.retireAt + (deps.tokenTtlSeconds + 300) * 1000).toISOString() })
        .execute();
    }
  };

  const current = async (): Promise<SigningKey> => {
    const now = deps.clock.now().getTime();
    if (signing && signing.retireAt > now) return signing;
    rotating ??= (async () => {
      const local = signing ?? loadLocal();
      let key: SigningKey;
      if (local && local.retireAt > now) {
        await ensurePublished(local);
        await refreshPublished();
        key = local;
      } else {
        key = await create();
      }
      signing = key;
      return key;
    })().finally(() => {
      rotating = undefined;
    });
    return rotating;
  };

  return {
    current,
    async publicKey(kid) {
      const known = publicKeys.get(kid);
      if (known) return known;
      // A key another node just made, or a forged kid: look again, but at most ten times a second
      // however many unknown kids arrive, with concurrent callers sharing one read.
      reloading ??= (async () => {
        const wait = lastLoad + RELOAD_INTERVAL_MS - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await refreshPublished();
      })().finally(() => {
        reloading = undefined;
      });
      await reloading;
      return publicKeys.get(kid);
    },
    async jwks() {
      if (Date.now() - lastLoad > 5000) await refreshPublished();
      return { keys: published };
    },
    async rotate() {
      signing = await create();
      return signing.kid;
    },
  };
}
