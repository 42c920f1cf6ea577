/**
 * `qgate login --sso`: sign-in through the account's identity provider as a native app (RFC 8252 with PKCE):
 * a one-request listener on 127.0.0.1, the browser sent to `/login/<realm>`, and the one-time code it brings back
 * redeemed at `/identity/token` with the verifier (docs/federation.md, "Sign-in, for clients").
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestToken, type TokenResponse } from '#src/client/tokens.js';
import { CliError, type CliIo } from './io.js';

export interface SsoOptions {
  realm?: string | undefined;
  loginHint?: string | undefined;
  openBrowser: boolean;
  timeoutMs?: number;
}

interface Provider {
  realm_id: string;
  name: string;
  login_url: string;
}

/** The realm to sign in with: the one asked for, or the deployment's only provider. */
async function chooseRealm(endpoint: string, realm: string | undefined): Promise<string> {
  if (realm) return realm;
  const res = await fetch(new URL('/login', endpoint), { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { providers?: Provider[] };
  const providers = body.providers ?? [];
  if (!res.ok || providers.length === 0) throw new CliError(`${endpoint} offers no identity provider to sign in with; use --apikey or -u <email>, or name one with --realm`);
  if (providers.length > 1) {
    throw new CliError(`${endpoint} offers several identity providers; choose one with --realm:\n${providers.map((p) => `  ${p.realm_id}  (${p.name})`).join('\n')}`);
  }
  return providers[0]!.realm_id;
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser here: the address printed above is enough.
  }
}

const PAGE = (message: string) => `<!doctype html><meta charset="utf-8"><title>qgate</title><p>${message}</p>`;

export async function ssoSignIn(io: CliIo, endpoint: string, options: SsoOptions): Promise<TokenResponse> {
  const realm = await chooseRealm(endpoint, options.realm);
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const state = crypto.randomBytes(16).toString('base64url');

  let settle!: { resolve: (code: string) => void; reject: (err: Error) => void };
  const answered = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    const q = url.searchParams;
    // Anything not carrying our state is not the answer to this sign-in: ignore it and keep waiting.
    if (q.get('state') !== state) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('This is not the sign-in qgate is waiting for.'));
      return;
    }
    if (q.get('error')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('Sign-in failed; see the terminal.'));
      // What the identity provider wrote is printed to a terminal: no control characters (escape sequences).
      const printable = (value: string | null) => (value ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 500);
      settle.reject(new CliError(`sign-in failed: ${printable(q.get('error'))}${q.get('error_description') ? `: ${printable(q.get('error_description'))}` : ''}`));
      return;
    }
    const code = q.get('code');
    if (!code) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('The answer carried no code.'));
      settle.reject(new CliError('the sign-in answer carried no code'));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('Signed in to qgate. You may close this window.'));
    settle.resolve(code);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const timeout = setTimeout(() => settle.reject(new CliError('no sign-in within 5 minutes; run qgate login --sso again')), options.timeoutMs ?? 300_000);
  try {
    const params = new URLSearchParams({ redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256', ...(options.loginHint ? { login_hint: options.loginHint } : {}) });
    const start = `${endpoint}/login/${encodeURIComponent(realm)}?${params}`;
    io.stderr.write(`Sign in with your identity provider in a browser${options.openBrowser ? ' (opening it now)' : ''}:\n  ${start}\n`);
    if (options.openBrowser) openInBrowser(start);
    const code = await answered;
    return await requestToken(endpoint, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri });
  } finally {
    clearTimeout(timeout);
    server.closeAllConnections();
    server.close();
  }
}
