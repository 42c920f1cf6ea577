/**
 * Random secrets and their digests.
 * @remarks API keys, invitation and refresh tokens are 256-bit random values, so a fast digest is
 * enough to store them (a slow KDF protects low-entropy passwords, which these are not).
 */
import crypto from 'node:crypto';

/** A URL-safe random secret of `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two strings in time independent of where they differ (digests first, so lengths match). */
export function constantTimeEquals(a: string, b: string): boolean {
  const da = crypto.createHash('sha256').update(a, 'utf8').digest();
  const db = crypto.createHash('sha256').update(b, 'utf8').digest();
  return crypto.timingSafeEqual(da, db);
}
