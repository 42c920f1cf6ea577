/**
 * Federated sign-in from the console (docs/federation.md): the account's identity providers, and the PKCE
 * exchange with qgate itself. The browser goes to `/login/<realm>`, the provider, and back to `/signin/callback`
 * with a one-time code that only this tab (which holds the verifier and the state) can redeem.
 */
import { requestToken, type TokenResponse } from '@client/tokens.js';

export interface Provider { realm_id: string; name: string; login_url: string }

const KEY = 'qgate.federated-sign-in';
export const CALLBACK_PATH = '/signin/callback';
const callbackUrl = () => `${window.location.origin}${CALLBACK_PATH}`;

function randomText(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The enabled providers of a single-account deployment (an empty list when there are none or it cannot tell). */
export async function listProviders(): Promise<Provider[]> {
  const res = await fetch('/login', { headers: { accept: 'application/json' } });
  if (!res.ok) return [];
  return ((await res.json()) as { providers?: Provider[] }).providers ?? [];
}

/** SHA-256 needs a secure context (https, or http on a loopback address). */
export const canSignInFederated = () => typeof crypto !== 'undefined' && typeof crypto.subtle !== 'undefined';

export async function startFederatedSignIn(realm: string, options: { loginHint?: string; next: string }): Promise<void> {
  const verifier = randomText(32);
  const state = randomText(32);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(KEY, JSON.stringify({ verifier, state, next: options.next }));
  const params = new URLSearchParams({ redirect_uri: callbackUrl(), state, code_challenge: challenge, code_challenge_method: 'S256' });
  if (options.loginHint) params.set('login_hint', options.loginHint);
  // A top-level navigation, so that the cookie binding the sign-in to this browser is set and sent back.
  window.location.assign(`/login/${encodeURIComponent(realm)}?${params.toString()}`);
}

/**
 * Redeems the callback's code: the state must be the one this tab started with. The code and state leave the
 * address bar at once. Answers the tokens and where to go next, or throws with what went wrong.
 */
export async function finishFederatedSignIn(query: URLSearchParams): Promise<{ tokens: TokenResponse; next: string }> {
  window.history.replaceState(null, '', CALLBACK_PATH);
  const pending = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { verifier: string; state: string; next: string } | null;
  sessionStorage.removeItem(KEY);
  const error = query.get('error');
  if (error) throw new Error(query.get('error_description') || `the identity provider refused the sign-in (${error})`);
  const code = query.get('code');
  if (!pending || !code || query.get('state') !== pending.state) {
    throw new Error('this sign-in was not started in this browser tab, or it was already used; start again from the sign-in page');
  }
  const tokens = await requestToken(window.location.origin, { grant_type: 'authorization_code', code, code_verifier: pending.verifier, redirect_uri: callbackUrl() });
  return { tokens, next: pending.next };
}
