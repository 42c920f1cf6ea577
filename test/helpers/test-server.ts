/**
 * Starts a real qgate on loopback (in this process) on a real store, and talks to it over HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createQgate, type Qgate } from '#src/app.js';
import { loadConfig } from '#src/config/config.js';
import { createLogger } from '#src/platform/logger.js';
import type { Clock } from '#src/platform/clock.js';
import { createTestDatabase, type StoreName } from './stores.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery staple';
export const ADMIN_APIKEY = 'qgate-test-admin-key-0123456789abcdefghij';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  rawBody?: string;
}

export interface TestServer {
  readonly qgate: Qgate;
  readonly url: string;
  readonly dataDir: string;
  readonly store: StoreName;
  readonly accountId: string;
  readonly databaseUrl: string | undefined;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>;
  /** An access token for an API key (apikey grant). */
  tokenFor(apikey: string): Promise<string>;
  adminToken(): Promise<string>;
  /** The newest invitation link mailed to `email` (read from the outbox). */
  invitationToken(email: string): string;
  /** Invites, accepts and returns a signed-in user with an API key of their own. */
  addUser(email: string, options?: { password?: string; firstname?: string }): Promise<{ iamId: string; token: string; apikey: string; password: string }>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(options: { store: StoreName; env?: Record<string, string>; clock?: Clock; databaseUrl?: string; dataDir?: string }): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-test-'));
  const database = options.store === 'postgres' && !options.databaseUrl ? await createTestDatabase() : undefined;
  const databaseUrl = options.databaseUrl ?? database?.url;
  const env = {
    QGATE_PORT: '0',
    QGATE_DATA_DIR: dataDir,
    QGATE_ADMIN_EMAIL: ADMIN_EMAIL,
    QGATE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    QGATE_ADMIN_APIKEY: ADMIN_APIKEY,
    QGATE_LOG_LEVEL: process.env.QGATE_TEST_LOG_LEVEL ?? 'silent',
    // Test identity providers run on loopback over plain http.
    QGATE_IDP_ALLOW_INSECURE: 'true',
    ...(databaseUrl ? { QGATE_DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  };
  let qgate: Qgate;
  let url = '';
  const start = async () => {
    const base = loadConfig(env);
    qgate = await createQgate(base, { log: createLogger({ level: env.QGATE_LOG_LEVEL }), ...(options.clock ? { clock: options.clock } : {}) });
    url = await qgate.listen();
  };
  await start();
  // QGATE_PUBLIC_URL defaults to the configured port (0); links in mail use it, which tests read but do not follow.
  const accountId = (await qgate!.database.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()).id;
  const tokens = new Map<string, string>();

  const server: TestServer = {
    get qgate() {
      return qgate;
    },
    get url() {
      return url;
    },
    dataDir,
    store: options.store,
    accountId,
    databaseUrl,
    async request(method, p, o = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...(o.headers ?? {}) };
      let body: string | undefined;
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(o.form).toString();
      } else if (o.rawBody !== undefined) {
        body = o.rawBody;
      } else if (o.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(o.body);
      }
      const res = await fetch(`${url}${p}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: res.status, headers: res.headers, body: parsed as any, text };
    },
    async tokenFor(apikey) {
      const res = await server.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey } });
      if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${res.text}`);
      return res.body.access_token as string;
    },
    async adminToken() {
      let t = tokens.get('admin');
      if (!t) {
        t = await server.tokenFor(ADMIN_APIKEY);
        tokens.set('admin', t);
      }
      return t;
    },
    invitationToken(email) {
      const outbox = path.join(dataDir, 'outbox');
      const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml') && f.includes(email)).sort() : [];
      const last = files[files.length - 1];
      if (!last) throw new Error(`no invitation mailed to ${email}`);
      const message = fs.readFileSync(path.join(outbox, last), 'utf8').replace(/=\r?\n/g, '');
      const match = /\/invite\/([A-Za-z0-9_-]{20,})/.exec(message);
      if (!match?.[1]) throw new Error(`no invitation link in ${last}`);
      return match[1];
    },
    async addUser(email, o = {}) {
      const admin = await server.adminToken();
      const invite = await server.request('POST', `/v2/accounts/${accountId}/users`, { token: admin, body: { users: [{ email, account_role: 'Member' }] } });
      if (invite.status !== 202) throw new Error(`invite failed: ${invite.status} ${invite.text}`);
      const password = o.password ?? `violet harbor ${Math.random().toString(36).slice(2)} lantern`;
      const accepted = await server.request('POST', `/v2/invitations/${server.invitationToken(email)}/accept`, { body: { password, firstname: o.firstname ?? email.split('@')[0] } });
      if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
      const iamId = invite.body.resources[0].id as string;
      const login = await server.request('POST', '/identity/token', { form: { grant_type: 'password', username: email, password } });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
      const key = await server.request('POST', '/v1/apikeys', { token: login.body.access_token, body: { name: 'own', iam_id: iamId } });
      if (key.status !== 201) throw new Error(`API key failed: ${key.status} ${key.text}`);
      return { iamId, token: login.body.access_token as string, apikey: key.body.apikey as string, password };
    },
    async restart() {
      await qgate.close();
      tokens.clear();
      await start();
    },
    async close() {
      await qgate.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
