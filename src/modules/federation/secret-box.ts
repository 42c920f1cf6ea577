/**
 * Encrypts secrets qgate must use again later (an identity provider's client secret, the PKCE
 * verifier of a sign-in in progress), so that they are never stored in the clear.
 *
 * @remarks AES-256-GCM; the stored form is `v2.<key id>.<iv>.<ciphertext>.<tag>` (base64url), and the
 * ciphertext is bound to what it belongs to (`context`, e.g. the provider id), so a value copied
 * to another row does not decrypt. The key is derived (HKDF-SHA-256) from QGATE_SECRETS_KEY when it
 * is set, which every node sharing a store must then share; otherwise it is a random key kept in
 * `<dataDir>/keys/secrets.key` (mode 0600), which suits a single node.
 *
 * Keys rotate: the current key seals, and values sealed with an older key (QGATE_SECRETS_KEY_PREVIOUS, or
 * the `secrets.key` file a node used before QGATE_SECRETS_KEY was set) still open. The key id (a digest
 * of the key, revealing nothing of it) says which key to use; values sealed before key ids existed
 * (`v1.<iv>.<ciphertext>.<tag>`) are tried with every key. See docs/operations.md, "Secrets key".
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  /** The id of the key that seals (the one in every value sealed now). */
  readonly keyId: string;
  seal(plaintext: string, context: string): string;
  /** Throws when the value was sealed with a key this box does not hold, or for another context. */
  open(sealed: string, context: string): string;
  /** Whether a sealed value already uses the current key (else it is worth sealing again). */
  isCurrent(sealed: string): boolean;
}

export interface SecretBoxOptions {
  secretsKey: string | undefined;
  /** An older QGATE_SECRETS_KEY whose values must still open during a rotation. */
  previousSecretsKey?: string | undefined;
  dataDir: string;
}

interface BoxKey {
  readonly id: string;
  readonly key: Buffer;
}

const fromPassphrase = (secret: string) => Buffer.from(crypto.hkdfSync('sha256', secret, 'qgate', 'qgate secrets v1', 32));
const boxKey = (key: Buffer): BoxKey => ({ id: crypto.createHmac('sha256', key).update('qgate secrets key id').digest().subarray(0, 6).toString('base64url'), key });

function readKeyFile(file: string): Buffer {
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key; remove it to make a new one (identity provider secrets must then be entered again)`);
  return key;
}

/** The node's own random key, made at its first start when no QGATE_SECRETS_KEY is set. */
function fileKey(dataDir: string): Buffer {
  const dir = path.join(dataDir, 'keys');
  const file = path.join(dir, 'secrets.key');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: of two processes starting at once, one writes and the other reads what it wrote.
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readKeyFile(file);
}

/** The current key first, then the older ones that still open values. */
function loadKeys(options: SecretBoxOptions): BoxKey[] {
  const keys: BoxKey[] = [];
  if (options.secretsKey) {
    keys.push(boxKey(fromPassphrase(options.secretsKey)));
    // A node that ran without QGATE_SECRETS_KEY sealed with its own file key: keep opening those values.
    const file = path.join(options.dataDir, 'keys', 'secrets.key');
    if (fs.existsSync(file)) keys.push(boxKey(readKeyFile(file)));
  } else {
    keys.push(boxKey(fileKey(options.dataDir)));
  }
  if (options.previousSecretsKey) keys.push(boxKey(fromPassphrase(options.previousSecretsKey)));
  return keys.filter((k, i) => keys.findIndex((other) => other.id === k.id) === i);
}

function decrypt(key: Buffer, parts: { iv: string; body: string; tag: string }, context: string): string {
  const iv = Buffer.from(parts.iv, 'base64url');
  const tag = Buffer.from(parts.tag, 'base64url');
  // A short tag would be accepted by GCM and weaken authentication: exactly 12-byte IVs and 16-byte tags.
  if (iv.length !== 12 || tag.length !== 16) throw new Error('not a sealed value');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(parts.body, 'base64url')), decipher.final()]).toString('utf8');
}

export function createSecretBox(options: SecretBoxOptions): SecretBox {
  const keys = loadKeys(options);
  const current = keys[0]!;
  return {
    keyId: current.id,
    seal(plaintext, context) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: 16 });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v2', current.id, ...[iv, body, cipher.getAuthTag()].map((p) => p.toString('base64url'))].join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts[0] === 'v2' && parts.length === 5) {
        const [, id, iv, body, tag] = parts as [string, string, string, string, string];
        const key = keys.find((k) => k.id === id);
        if (!key) throw new Error(`sealed with a key this server does not hold (key id ${id})`);
        return decrypt(key.key, { iv, body, tag }, context);
      }
      if (parts[0] === 'v1' && parts.length === 4) {
        // Sealed before key ids: whichever key opens it (GCM refuses every other one).
        const [, iv, body, tag] = parts as [string, string, string, string];
        let failure: unknown;
        for (const k of keys) {
          try {
            return decrypt(k.key, { iv, body, tag }, context);
          } catch (err) {
            failure = err;
          }
        }
        throw failure as Error;
      }
      throw new Error('not a sealed value');
    },
    isCurrent: (sealed) => sealed.startsWith(`v2.${current.id}.`),
  };
}
