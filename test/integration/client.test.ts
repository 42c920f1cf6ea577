/**
 * The typed client the CLI and the console share: generated from the server's own OpenAPI document (and kept
 * current), authenticated by token sources, with the server's error message on every failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ok } from '#src/client/client.js';
import { ApiError } from '#src/client/errors.js';
import { apiKeyTokenSource, refreshingTokenSource, requestToken } from '#src/client/tokens.js';
import { renderApiTypes } from '../../scripts/render-api-types.js';
import { ADMIN_APIKEY, ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('generated API types', () => {
  it('match the routes the server serves (run `npm run generate:client` after changing a route)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-openapi-'));
    try {
      const fresh = await renderApiTypes(dataDir);
      const committed = fs.readFileSync(new URL('../../src/client/api-types.ts', import.meta.url), 'utf8');
      expect(committed === fresh, 'src/client/api-types.ts is out of date: run `npm run generate:client`').toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('typed client against a real server', () => {
  let t: TestServer;
  beforeAll(async () => { t = await startTestServer({ store: 'sqlite' }); });
  afterAll(() => t.close());

  it('calls an authenticated route with an API key token source', async () => {
    const client = createClient({ baseUrl: t.url, tokens: apiKeyTokenSource(t.url, ADMIN_APIKEY) });
    const users = await ok(client.GET('/v2/accounts/{account_id}/users', { params: { path: { account_id: t.accountId } } }));
    expect(users.resources.map((u) => u.email)).toContain(ADMIN_EMAIL);
  });

  it('turns a refusal into an ApiError carrying the code, the message and the request id', async () => {
    const client = createClient({ baseUrl: t.url, tokens: apiKeyTokenSource(t.url, ADMIN_APIKEY) });
    const error = await ok(client.GET('/v1/apikeys/{id}', { params: { path: { id: 'ApiKey-00000000-0000-4000-8000-000000000000' } } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'apikey_not_found_by_id' });
    expect((error as ApiError).message).toContain('ApiKey-00000000');
    expect((error as ApiError).trace).toBeTruthy();
  });

  it('refuses anonymous calls to authenticated routes', async () => {
    const client = createClient({ baseUrl: t.url });
    const error = await ok(client.GET('/v2/accounts/{account_id}/users', { params: { path: { account_id: t.accountId } } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
  });

  it('reports wrong credentials with the token service message', async () => {
    const error = await requestToken(t.url, { grant_type: 'password', username: ADMIN_EMAIL, password: 'not the password at all' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toMatch(/password|credentials/i);
  });

  it('renews an expiring token with its refresh token and reports each new pair', async () => {
    const initial = await requestToken(t.url, { grant_type: 'password', username: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const seen: string[] = [];
    const source = refreshingTokenSource({ baseUrl: t.url, initial: { ...initial, expiration: 0 }, onChange: (p) => seen.push(p.refresh_token) });
    const token = await source.accessToken();
    expect(token).not.toBe(initial.access_token);
    expect(seen).toHaveLength(1);
    expect(await source.accessToken()).toBe(token);
  });
});
