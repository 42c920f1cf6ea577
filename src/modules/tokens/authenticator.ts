/**
 * Establishes the caller of every authenticated request from `Authorization: Bearer <JWT>` (or
 * `apikey <key>`, as older Qiskit clients send), and refuses tokens whose identity or API key has
 * since been removed, disabled or locked.
 */
import type { KeyObject } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '#src/authz/principal.js';
import { appError } from '#src/errors/registry.js';
import type { Authenticator } from '#src/http/server.js';
import type { Clock } from '#src/platform/clock.js';
import { sha256Hex } from '#src/platform/secrets.js';
import type { IdentityStates } from './identity-states.js';
import { decodeJwt, JwtError, verifyRs256, type JwtPayload } from './jwt.js';
import type { SigningKeys } from './signing-keys.js';

const MAX_SKEW_SECONDS = 60;
// About 1.5 kB a token: 10,000 of them stay within 15 MB.
const VERIFIED_CACHE_SIZE = 10_000;

export function createAuthenticator(deps: { clock: Clock; issuer: string; keys: SigningKeys; states: IdentityStates }): Authenticator & {
  principalFromToken(token: string): Promise<Principal>;
} {
  // Signature checks are pure functions of the token text: remember the good ones until they expire.
  const verified = new Map<string, JwtPayload>();

  const revoked = () => appError('token_revoked', 'the token is no longer valid: its identity or API key was removed, disabled or locked');

  async function verify(token: string): Promise<JwtPayload> {
    const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
    const cached = verified.get(token);
    if (cached) {
      if ((cached.exp ?? 0) > nowSeconds) return cached;
      verified.delete(token);
      throw appError('token_expired', 'the access token has expired; request a new one from /identity/token');
    }
    try {
      const decoded = decodeJwt(token);
      const key: KeyObject | undefined = typeof decoded.header.kid === 'string' && decoded.header.alg === 'RS256' ? await deps.keys.publicKey(decoded.header.kid) : undefined;
      const payload = verifyRs256(decoded, key, { issuer: deps.issuer, nowSeconds, maxSkewSeconds: MAX_SKEW_SECONDS });
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
      verified.set(token, payload);
      return payload;
    } catch (err) {
      if (err instanceof JwtError) {
        if (err.reason === 'expired') throw appError('token_expired', 'the access token has expired; request a new one from /identity/token');
        throw appError('invalid_token', `the access token is invalid: ${err.message}`);
      }
      throw err;
    }
  }

  async function principalFor(iamId: unknown, accountId: unknown, apiKeyId: string | undefined, iat: number | undefined): Promise<Principal> {
    if (typeof iamId !== 'string' || typeof accountId !== 'string') throw appError('invalid_token', 'the access token is invalid: it names no identity');
    if (apiKeyId !== undefined) {
      const key = await deps.states.apiKey(apiKeyId);
      const now = deps.clock.now().getTime();
      if (!key || key.locked || key.disabled || key.iamId !== iamId || (key.expiresAt !== undefined && key.expiresAt <= now)) throw revoked();
    }
    if (iamId.startsWith('iam-ServiceId-')) {
      const s = await deps.states.serviceId(iamId);
      if (!s || s.accountId !== accountId) throw revoked();
      return { iamId, accountId, kind: 'serviceid', name: s.name, email: undefined, isOwner: false, apiKeyId };
    }
    const u = await deps.states.user(iamId);
    if (!u || u.accountId !== accountId || u.state !== 'ACTIVE') throw revoked();
    if (iat !== undefined && iat <= Math.floor(u.tokensValidAfter / 1000)) throw revoked();
    return { iamId, accountId, kind: 'user', name: `${u.firstname} ${u.lastname}`.trim() || u.email, email: u.email, isOwner: u.isOwner, apiKeyId };
  }

  async function principalFromToken(token: string): Promise<Principal> {
    const payload = await verify(token);
    const account = payload.account as { bss?: unknown } | undefined;
    return principalFor(payload.iam_id, account?.bss, typeof payload.apikey_id === 'string' ? payload.apikey_id : undefined, payload.iat);
  }

  async function principalFromApiKey(apikey: string): Promise<Principal> {
    const id = await deps.states.apiKeyIdByDigest(sha256Hex(apikey));
    const key = id ? await deps.states.apiKey(id) : null;
    if (!key) throw appError('invalid_token', 'the API key is not valid');
    return principalFor(key.iamId, key.accountId, key.id, undefined);
  }

  return {
    principalFromToken,
    async authenticate(authorization: string | undefined, _req: FastifyRequest): Promise<Principal> {
      if (!authorization) throw appError('missing_token', 'authentication required: send Authorization: Bearer <access token>');
      const space = authorization.indexOf(' ');
      const scheme = space > 0 ? authorization.slice(0, space).toLowerCase() : '';
      const credential = space > 0 ? authorization.slice(space + 1).trim() : '';
      if (scheme === 'bearer' && credential) return principalFromToken(credential);
      if (scheme === 'apikey' && credential) return principalFromApiKey(credential);
      throw appError('invalid_token', 'the Authorization header must be "Bearer <access token>" or "apikey <API key>"');
    },
  };
}
