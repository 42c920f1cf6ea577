/**
 * Encrypts secrets qgate must use again later (an identity provider's client secret, the PKCE
 * verifier of a sign-in in progress), so that they are never stored in the clear.
 *
 * @remarks AES-256-GCM; the stored form is `v1.<iv>.<ciphertext>.<tag>` (base64url), and the
 * ciphertext is bound to what it belongs to (`context`, e.g. the provider id), so a value copied
 * to another row does not decrypt. The key is derived (HKDF-SHA-256) from QGATE_SECRETS_KEY when it
 * is set, which every node sharing a store must then share; otherwise it is a random key kept in
 * `<dataDir>/keys/secrets.key` (mode 0600), which suits a single node.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Throws when the value was sealed with another key or for another context. */
  open(sealed: string, context: string): string;
}

function loadKey(options: { secretsKey: string | undefined; dataDir: string }): Buffer {
  if (options.secretsKey) return Buffer.from(crypto.hkdfSync('sha256', options.secretsKey, 'qgate', 'qgate secrets v1', 32));
  const dir = path.join(options.dataDir, 'keys');
  const file = path.join(dir, 'secrets.key');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: of two processes starting at once, one writes and the other reads what it wrote.
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key; remove it to make a new one (identity provider secrets must then be entered again)`);
  return key;
}

export function createSecretBox(options: { secretsKey: string | undefined; dataDir: string }): SecretBox {
  const key = loadKey(options);
  return {
    seal(plaintext, context) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed, context) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || body === undefined || !tag) throw new Error('not a sealed value');
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      // A short tag would be accepted by GCM and weaken authentication: exactly 12-byte IVs and 16-byte tags.
      if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new Error('not a sealed value');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: 16 });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
