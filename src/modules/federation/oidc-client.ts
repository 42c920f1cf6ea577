/**
 * Talks to external OpenID Connect providers: reads (and caches) their discovery documents,
 * redeems authorization codes, and verifies ID tokens against the provider's published keys.
 *
 * @remarks ID tokens are accepted only when signed with an asymmetric algorithm of
 * {@link ID_TOKEN_ALGORITHMS} (never `none`, never an HMAC keyed with a secret the client also
 * knows), issued by the provider's own issuer, for our client id (and, with several audiences,
 * authorized for it by `azp`), unexpired, at most ten minutes old, and carrying the nonce of the
 * sign-in it answers: a token captured from another sign-in is refused.
 */
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type FlattenedJWSInput, type JSONWebKeySet, type JWSHeaderParameters, type JWTPayload } from 'jose';
import { AppError } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { Clock } from '#src/platform/clock.js';
import { checkOutboundUrl, createOutboundFetch, OutboundRefused, type OutboundFetch } from './outbound.js';

export const ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const TIMEOUT_MS = 5000;
const DISCOVERY_TTL_MS = 3600_000;
/** A provider that failed is not asked again for this long: sign-in starts cannot turn into a flood of requests to it. */
const FAILURE_TTL_MS = 30_000;
/** A provider's key set is read again after this long, */
const KEYS_MAX_AGE_MS = 600_000;
/**
 * or at once when a token names a key it does not hold (the provider rotated its keys), but never sooner than this
 * after the last attempt: tokens with made-up key ids cannot make us hammer the provider.
 */
const KEYS_REFETCH_MS = 30_000;

export interface Discovery {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly token_endpoint_auth_methods_supported?: string[];
  readonly id_token_signing_alg_values_supported?: string[];
}

interface KeyCache {
  keys?: ReturnType<typeof createLocalJWKSet>;
  /** When the keys were last read, and when reading them was last tried (clock milliseconds). */
  fetchedAt: number;
  triedAt: number;
  error?: Error | undefined;
  pending?: Promise<void> | undefined;
}

export interface ProviderClient {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const failure = (message: string) => appError('identity_provider_error', message);

async function fetchJson(fetcher: OutboundFetch, url: string, init: { method?: string; headers?: Record<string, string>; body?: string }, what: string): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetcher(url, init);
  } catch (err) {
    throw failure(`the identity provider's ${what} could not be reached at ${url}: ${(err as Error).message}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok || typeof body !== 'object' || body === null) {
    const detail = typeof body === 'object' && body !== null ? ` (${String((body as Record<string, unknown>).error ?? '')} ${String((body as Record<string, unknown>).error_description ?? '')})`.trimEnd() : '';
    throw failure(`the identity provider's ${what} answered ${res.status}${detail}`);
  }
  return body as Record<string, unknown>;
}

const sameIssuer = (a: string, b: string) => a.replace(/\/$/, '') === b.replace(/\/$/, '');

export function createOidcClient(deps: { clock: Clock; allowInsecure: boolean }) {
  const fetcher = createOutboundFetch({ allowInsecure: deps.allowInsecure, timeoutMs: TIMEOUT_MS });
  const discoveries = new Map<string, { doc?: Discovery; error?: Error; at: number }>();
  const keySets = new Map<string, KeyCache>();
  const now = () => deps.clock.now().getTime();

  /** Checks that a provider URL may be requested (https, not an internal address); throws identity_provider_error. */
  const checkUrl = (value: string, field: string) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw failure(`the identity provider's ${field} is not a URL`);
    }
    try {
      checkOutboundUrl(url, deps.allowInsecure);
    } catch (err) {
      if (err instanceof OutboundRefused) throw failure(`the identity provider's ${field} is refused: ${err.message} (QGATE_IDP_ALLOW_INSECURE)`);
      throw err;
    }
  };

  async function load(issuer: string): Promise<Discovery> {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    checkUrl(url, 'discovery URL');
    const body = await fetchJson(fetcher, url, { headers: { accept: 'application/json' } }, 'discovery document');
    for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof body[field] !== 'string') throw failure(`the identity provider's discovery document has no ${field}`);
    }
    // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
    if (!sameIssuer(body.issuer as string, issuer)) throw failure(`the discovery document names issuer ${String(body.issuer)}, not ${issuer}`);
    // Every endpoint the document names obeys the same rules as the discovery URL (the account chose only that one).
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) checkUrl(body[field] as string, field);
    return body as unknown as Discovery;
  }

  async function discover(issuer: string): Promise<Discovery> {
    const cached = discoveries.get(issuer);
    if (cached?.doc && now() - cached.at < DISCOVERY_TTL_MS) return cached.doc;
    if (cached?.error && now() - cached.at < FAILURE_TTL_MS) throw cached.error;
    try {
      const doc = await load(issuer);
      discoveries.set(issuer, { doc, at: now() });
      return doc;
    } catch (err) {
      discoveries.set(issuer, { error: err as Error, at: now() });
      throw err;
    }
  }

  /** Fetches a provider's key set; one request at a time per provider, its failure kept until the next attempt. */
  function refreshKeys(jwksUri: string, cache: KeyCache): Promise<void> {
    cache.pending ??= (async () => {
      cache.triedAt = now();
      try {
        const body = await fetchJson(fetcher, jwksUri, { headers: { accept: 'application/json' } }, 'key set (jwks_uri)');
        if (!Array.isArray(body.keys)) throw failure('the identity provider\'s key set (jwks_uri) has no keys');
        cache.keys = createLocalJWKSet(body as unknown as JSONWebKeySet);
        cache.fetchedAt = now();
        cache.error = undefined;
      } catch (err) {
        cache.error = err as Error;
      } finally {
        cache.pending = undefined;
      }
    })();
    return cache.pending;
  }

  /** The key a token names, from the provider's key set; timed by the injected clock (as the tokens themselves are). */
  function keysOf(jwksUri: string) {
    let cache = keySets.get(jwksUri);
    if (!cache) {
      cache = { fetchedAt: -Infinity, triedAt: -Infinity };
      keySets.set(jwksUri, cache);
    }
    const c = cache;
    const mayFetch = () => now() - c.triedAt >= KEYS_REFETCH_MS;
    return async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
      if ((!c.keys || now() - c.fetchedAt >= KEYS_MAX_AGE_MS) && mayFetch()) await refreshKeys(jwksUri, c);
      if (!c.keys) throw c.error ?? failure('the identity provider\'s key set (jwks_uri) could not be read');
      try {
        return await c.keys(header, token);
      } catch (err) {
        // A key id we do not know: the provider may have published a new key since we last looked.
        if (!(err instanceof joseErrors.JWKSNoMatchingKey) || !mayFetch()) throw err;
        await refreshKeys(jwksUri, c);
        return c.keys(header, token);
      }
    };
  }

  /** The asymmetric algorithms both we and the provider accept (all of ours when it does not say). */
  const algorithmsOf = (doc: Discovery) => {
    const offered = doc.id_token_signing_alg_values_supported;
    return Array.isArray(offered) ? ID_TOKEN_ALGORITHMS.filter((alg) => offered.includes(alg)) : ID_TOKEN_ALGORITHMS;
  };

  return {
    discover,

    /** Redeems the provider's authorization code; returns its raw ID token. */
    async redeemCode(client: ProviderClient, doc: Discovery, params: { code: string; redirectUri: string; codeVerifier: string }): Promise<string> {
      const form = new URLSearchParams({ grant_type: 'authorization_code', code: params.code, redirect_uri: params.redirectUri, code_verifier: params.codeVerifier });
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      const methods = doc.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
      if (methods.includes('client_secret_basic')) {
        // RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding.
        const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
        headers.authorization = `Basic ${Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`).toString('base64')}`;
      } else {
        form.set('client_id', client.clientId);
        form.set('client_secret', client.clientSecret);
      }
      const body = await fetchJson(fetcher, doc.token_endpoint, { method: 'POST', headers, body: form.toString() }, 'token endpoint');
      if (typeof body.id_token !== 'string') throw failure('the identity provider answered without an ID token; is the openid scope configured?');
      return body.id_token;
    },

    /** Verifies an ID token for this client and sign-in; returns its claims. */
    async verifyIdToken(client: ProviderClient, doc: Discovery, idToken: string, nonce: string): Promise<JWTPayload> {
      try {
        const { payload } = await jwtVerify(idToken, keysOf(doc.jwks_uri), {
          issuer: doc.issuer, audience: client.clientId, algorithms: algorithmsOf(doc), clockTolerance: 60, maxTokenAge: 600,
          currentDate: deps.clock.now(), requiredClaims: ['sub', 'iat', 'exp'],
        });
        if (payload.nonce !== nonce) throw new Error('its nonce is not the one of this sign-in (a replayed or injected token)');
        const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
        if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== client.clientId) throw new Error('it was issued to another party (azp)');
        return payload;
      } catch (err) {
        // The provider's key set could not be read: the provider failed, not the person's token.
        if (err instanceof AppError && err.code === 'identity_provider_error') throw err;
        const reason = err instanceof joseErrors.JOSEError ? `${err.code}: ${err.message}` : (err as Error).message;
        throw appError('id_token_invalid', `the identity provider's ID token was refused: ${reason}`);
      }
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
