/**
 * The signed-in session: the token pair lives in sessionStorage (gone when the tab closes, never in a cookie) and
 * is renewed with the refresh token before the access token expires. Every call goes through the typed client.
 */
import { createClient, type QgateClient } from '@client/client.js';
import { ApiError } from '@client/errors.js';
import { refreshingTokenSource, requestToken, type TokenResponse } from '@client/tokens.js';

const KEY = 'qgate.session';
const baseUrl = window.location.origin;

export interface Me {
  iamId: string;
  accountId: string;
  email: string;
  name: string;
}

export interface Session {
  me: Me;
  client: QgateClient;
}

function claimsOf(accessToken: string): Me {
  const payload = accessToken.split('.')[1] ?? '';
  const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const json = JSON.parse(new TextDecoder().decode(bytes)) as {
    iam_id: string; email?: string; name?: string; account?: { bss?: string };
  };
  return { iamId: json.iam_id, accountId: json.account?.bss ?? '', email: json.email ?? '', name: json.name ?? json.email ?? '' };
}

function stored(): TokenResponse | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as TokenResponse) : undefined;
  } catch {
    return undefined;
  }
}

let current: Session | undefined;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

function open(tokens: TokenResponse): Session {
  sessionStorage.setItem(KEY, JSON.stringify(tokens));
  const source = refreshingTokenSource({
    baseUrl,
    initial: tokens,
    onChange: (next) => sessionStorage.setItem(KEY, JSON.stringify(next)),
  });
  const client = createClient({
    baseUrl,
    tokens: {
      async accessToken() {
        try {
          return await source.accessToken();
        } catch (err) {
          // The refresh token was refused (expired, used, or the user removed): back to the sign-in page.
          signOut();
          throw err;
        }
      },
    },
  });
  // A 401 means the session is over (the user was removed or disabled): sign out rather than show errors.
  client.use({
    onResponse({ response }) {
      if (response.status === 401) queueMicrotask(signOut);
      return response;
    },
  });
  return { me: claimsOf(tokens.access_token), client };
}

export function session(): Session | undefined {
  if (current) return current;
  const tokens = stored();
  if (tokens) current = open(tokens);
  return current;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function signIn(email: string, password: string): Promise<Session> {
  return startSession(await requestToken(baseUrl, { grant_type: 'password', username: email, password }));
}

/** Starts a session from a token response (a password sign-in, or a federated one redeemed at the callback). */
export function startSession(tokens: TokenResponse): Session {
  current = open(tokens);
  changed();
  return current;
}

/** Forgets the tokens (the API has no revocation endpoint yet; the refresh token lapses on its own). */
export function signOut(): void {
  sessionStorage.removeItem(KEY);
  if (!current) return;
  current = undefined;
  changed();
}

/** A client for the Qiskit Runtime API of one instance (it needs the instance's CRN in every call). */
export function runtimeHeaders(crn: string) {
  return { 'Service-CRN': crn, 'IBM-API-Version': '2025-05-01' };
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

export { ApiError };
