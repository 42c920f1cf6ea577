/**
 * Token sources: where a client gets the IAM access token it sends as `Authorization: Bearer`.
 * Works in Node and in browsers (only fetch and URLSearchParams).
 */
import { apiErrorOf } from './errors.js';

/** The body of a successful `POST /identity/token`. */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  expiration: number;
}

export interface TokenSource {
  /** A token valid for at least the next minute. */
  accessToken(): Promise<string>;
}

/** Calls the token endpoint with a form-encoded grant. */
export async function requestToken(baseUrl: string, grant: Record<string, string>, fetchImpl: typeof fetch = fetch): Promise<TokenResponse> {
  const res = await fetchImpl(new URL('/identity/token', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(grant).toString(),
  });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw apiErrorOf(res.status, body);
  return body as TokenResponse;
}

export const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey';

/** Seconds of validity a cached token must still have to be reused. */
const MARGIN_SECONDS = 60;

/**
 * Holds a token pair and renews it: with the refresh token when there is one, otherwise with `renew`
 * (an API key grant, for instance). `onChange` sees every new pair, so that it can be persisted.
 */
export function refreshingTokenSource(options: {
  baseUrl: string;
  initial?: TokenResponse | undefined;
  renew?: () => Promise<TokenResponse>;
  onChange?: (tokens: TokenResponse) => void;
  fetchImpl?: typeof fetch;
  now?: () => number;
}): TokenSource & { current(): TokenResponse | undefined } {
  let tokens = options.initial;
  let pending: Promise<TokenResponse> | undefined;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const obtain = async (): Promise<TokenResponse> => {
    if (tokens?.refresh_token) {
      try {
        return await requestToken(options.baseUrl, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, options.fetchImpl);
      } catch (err) {
        if (!options.renew) throw err;
      }
    }
    if (!options.renew) throw new Error('the session has expired; sign in again');
    return options.renew();
  };
  return {
    current: () => tokens,
    async accessToken() {
      if (tokens && tokens.expiration - MARGIN_SECONDS > now()) return tokens.access_token;
      pending ??= obtain().finally(() => { pending = undefined; });
      tokens = await pending;
      options.onChange?.(tokens);
      return tokens.access_token;
    },
  };
}

/** A token source for an API key (the usual way for scripts and the CLI). */
export function apiKeyTokenSource(baseUrl: string, apikey: string, fetchImpl?: typeof fetch) {
  return refreshingTokenSource({ baseUrl, fetchImpl, renew: () => requestToken(baseUrl, { grant_type: APIKEY_GRANT, apikey }, fetchImpl) });
}
