/**
 * Values sealed the way qgate sealed secrets before key ids existed, for tests that read old stores.
 */
import crypto from 'node:crypto';

/** `v1.<iv>.<ciphertext>.<tag>`: AES-256-GCM under a key derived from the passphrase, `context` as associated data. */
export function sealV1(passphrase: string, plaintext: string, context: string): string {
  const key = Buffer.from(crypto.hkdfSync('sha256', passphrase, 'qgate', 'qgate secrets v1', 32));
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}
