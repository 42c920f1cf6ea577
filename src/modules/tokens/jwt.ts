/**
 * Compact RS256 JWTs, signed off the event loop.
 * @remarks `crypto.sign` with a callback runs in libuv's thread pool, so token issuance uses every core
 * instead of serializing RSA on the main thread. Verification allows RS256 only: `none`, HMAC and any
 * other algorithm are refused before a key is even looked up.
 */
import crypto, { type KeyObject } from 'node:crypto';

export interface JwtHeader {
  alg: string;
  kid?: string;
  typ?: string;
}

export type JwtPayload = Record<string, unknown> & { iat?: number; exp?: number; nbf?: number; iss?: string };

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function signRs256(payload: object, key: KeyObject, kid: string): Promise<string> {
  const signingInput = `${b64url(JSON.stringify({ kid, alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return new Promise((resolve, reject) => {
    crypto.sign('sha256', Buffer.from(signingInput), key, (err, signature) => {
      if (err) reject(err);
      else resolve(`${signingInput}.${signature.toString('base64url')}`);
    });
  });
}

export class JwtError extends Error {
  constructor(readonly reason: 'malformed' | 'algorithm' | 'unknown_key' | 'signature' | 'expired' | 'not_yet_valid' | 'issuer', message: string) {
    super(message);
    this.name = 'JwtError';
  }
}

export interface DecodedJwt {
  header: JwtHeader;
  payload: JwtPayload;
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new JwtError('malformed', 'token is not a compact JWS');
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as JwtHeader;
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as JwtPayload;
    if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null) throw new Error('not objects');
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    throw new JwtError('malformed', 'token header or payload is not valid JSON');
  }
}

/** Verifies signature and time claims; `keyFor` resolves a `kid` to a public key. */
export function verifyRs256(
  decoded: DecodedJwt,
  key: KeyObject | undefined,
  options: { issuer: string; nowSeconds: number; maxSkewSeconds: number },
): JwtPayload {
  if (decoded.header.alg !== 'RS256') throw new JwtError('algorithm', `algorithm ${String(decoded.header.alg)} is not accepted; tokens must be RS256`);
  if (!key) throw new JwtError('unknown_key', 'token was signed by an unknown key');
  if (!crypto.verify('sha256', Buffer.from(decoded.signingInput), key, decoded.signature)) {
    throw new JwtError('signature', 'token signature is invalid');
  }
  const { payload } = decoded;
  if (payload.iss !== options.issuer) throw new JwtError('issuer', 'token was issued by another issuer');
  if (typeof payload.exp !== 'number' || payload.exp <= options.nowSeconds) throw new JwtError('expired', 'token has expired');
  if (typeof payload.iat !== 'number' || payload.iat > options.nowSeconds + options.maxSkewSeconds) {
    throw new JwtError('not_yet_valid', 'token is not valid yet');
  }
  if (typeof payload.nbf === 'number' && payload.nbf > options.nowSeconds + options.maxSkewSeconds) {
    throw new JwtError('not_yet_valid', 'token is not valid yet');
  }
  return payload;
}
