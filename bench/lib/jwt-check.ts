/**
 * Confirms that a token really is a compact RS256 JWS whose signature a published JWKS verifies, so a
 * benchmark never compares token issuers that do different work.
 */
import crypto from 'node:crypto';

export interface CheckedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly bytes: number;
}

export async function checkRs256Jwt(token: unknown, jwksUrl: string): Promise<CheckedJwt> {
  if (typeof token !== 'string') throw new Error('no access_token string in the response');
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`access token is not a compact JWS (${parts.length} parts)`);
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  const header = decode(parts[0]!);
  const payload = decode(parts[1]!);
  if (header.alg !== 'RS256') throw new Error(`access token alg is ${String(header.alg)}, not RS256`);
  const res = await fetch(jwksUrl, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET ${jwksUrl}: ${res.status}`);
  const { keys } = (await res.json()) as { keys: (crypto.JsonWebKey & { kid?: string })[] };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key ${String(header.kid)} in ${jwksUrl}`);
  const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error('signing key is not RSA >= 2048 bits');
  const ok = crypto.verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2]!, 'base64url'));
  if (!ok) throw new Error('access token signature does not verify against the published JWKS');
  return { header, payload, bytes: token.length };
}
