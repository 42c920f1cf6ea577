/**
 * Identifier formats, after IBM Cloud's: opaque, prefixed, never reused.
 */
import crypto from 'node:crypto';

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function randomAlnum(length: number): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

export const ids = {
  account: () => crypto.randomBytes(16).toString('hex'),
  /** A person's IAM id in qgate's own realm. */
  user: () => `QGid-${randomAlnum(10)}`,
  apiKey: () => `ApiKey-${crypto.randomUUID()}`,
  serviceId: () => `ServiceId-${crypto.randomUUID()}`,
  invitation: () => `Invitation-${crypto.randomUUID()}`,
  refreshToken: () => crypto.randomUUID(),
  event: () => crypto.randomUUID(),
  request: () => crypto.randomUUID(),
  signingKey: () => `qgate-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${crypto.randomBytes(4).toString('hex')}`,
  resourceGroup: () => crypto.randomBytes(16).toString('hex'),
} as const;

/** The IAM id of a service ID (`iam-ServiceId-…`). */
export function serviceIdIamId(serviceId: string): string {
  return `iam-${serviceId}`;
}

export const USER_REALM = 'qgate';
