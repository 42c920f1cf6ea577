/**
 * `qgate login --sso` against a real server federated with a real OpenID Connect provider on loopback: the CLI
 * listens on 127.0.0.1, prints the address to open, and redeems the code the browser brings back with its PKCE
 * verifier; the session then refreshes itself. The "browser" here follows the redirects with fetch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '#src/cli/run.js';
import { freePort } from '../helpers/child-server.js';
import { CookieJar } from '../helpers/cookie-jar.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { createCli } from './cli-harness.js';

const REALM = 'oidc-cli';

/** What a browser does with the sign-in address: follow redirects (keeping cookies) until the loopback callback. */
async function browse(start: string): Promise<string> {
  const jar = new CookieJar();
  let url = start;
  for (let hop = 0; hop < 20; hop++) {
    const res = await jar.fetch(url);
    const location = res.headers.get('location');
    if (!location) return `${res.status} ${await res.text()}`;
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}

describe('qgate login --sso', () => {
  let t: TestServer;
  let idp: TestIdp;
  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    idp = await startTestIdp({ redirectUris: [`${publicUrl}/login/${REALM}/callback`] });
    idp.people.set('fatima', { email: 'fatima@campus.example', email_verified: true, given_name: 'Fatima' });
    t = await startTestServer({ store: 'sqlite', env: { QGATE_PORT: String(port), QGATE_PUBLIC_URL: publicUrl } });
    const created = await t.request('POST', `/v1/accounts/${t.accountId}/identity_providers`, {
      token: await t.adminToken(),
      body: { name: 'Campus SSO', realm_id: REALM, discovery_url: idp.issuer, client_id: idp.clientId, client_secret: idp.clientSecret },
    });
    expect(created.status, created.text).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('signs in through the identity provider with a loopback redirect, then refreshes its session', async () => {
    const cli = createCli();
    const stderr = new PassThrough();
    const stdout = new PassThrough();
    let err = '';
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const address = new Promise<string>((resolve) => {
      stderr.on('data', (c: Buffer) => {
        err += c.toString();
        const m = /(http:\/\/\S+\/login\/\S+)/.exec(err);
        if (m) resolve(m[1]!);
      });
    });
    const running = runCli(['login', '-a', t.url, '--sso', '-u', 'fatima', '--no-browser'], { stdout, stderr, stdin: Readable.from([]), env: { QGATE_HOME: cli.home, HOME: cli.home }, cwd: cli.cwd });
    const start = await address;
    expect(new URL(start).searchParams.get('code_challenge_method')).toBe('S256');
    expect(new URL(start).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const page = await browse(start);
    expect(page).toMatch(/^200 .*You may close this window/);
    expect(await running, err).toBe(0);
    expect(out).toContain('as fatima@campus.example');
    const target = await cli.json('target');
    expect(target.user).toBe('fatima@campus.example');
    // An expired access token is renewed with the stored refresh token, and the new pair is saved.
    const file = path.join(cli.home, 'config.json');
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    const profile = saved.profiles.default;
    profile.tokens.expiration = 0;
    fs.writeFileSync(file, JSON.stringify(saved));
    await cli.ok('iam api-keys');
    const after = JSON.parse(fs.readFileSync(file, 'utf8')).profiles.default;
    expect(after.credentials.kind).toBe('sso');
    expect(after.tokens.refresh_token).not.toBe(profile.tokens.refresh_token);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('prints the provider\'s refusal without its control characters (no terminal escape sequences)', async () => {
    const cli = createCli();
    const stderr = new PassThrough();
    let err = '';
    const address = new Promise<string>((resolve) => {
      stderr.on('data', (c: Buffer) => {
        err += c.toString();
        const m = /(http:\/\/\S+\/login\/\S+)/.exec(err);
        if (m) resolve(m[1]!);
      });
    });
    const running = runCli(['login', '-a', t.url, '--sso', '--realm', REALM, '--no-browser'], { stdout: new PassThrough(), stderr, stdin: Readable.from([]), env: { QGATE_HOME: cli.home, HOME: cli.home }, cwd: cli.cwd });
    const start = new URL(await address);
    // What a hostile or broken provider could put in the answer: a screen clear, a title change, a bell, a fake line.
    const description = 'denied\u001b[2J\u001b]0;owned\u0007\r\nOK signed in as admin\u009b31m';
    const back = new URL(start.searchParams.get('redirect_uri')!);
    back.search = new URLSearchParams({ state: start.searchParams.get('state')!, error: 'access_denied\u001b[5m', error_description: description }).toString();
    const page = await fetch(back);
    expect(page.status).toBe(200);
    expect(await running).toBe(1);
    const printed = err.slice(err.indexOf('sign-in failed'));
    expect(printed).toContain('sign-in failed: access_denied');
    expect(printed).toContain('OK signed in as admin');
    // Only the message's own final newline is left; no escape, bell, carriage return or C1 control.
    expect(printed.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('says when the server offers no identity provider, and refuses --sso with --apikey', async () => {
    const cli = createCli();
    expect((await cli.run(['login', '-a', t.url, '--sso', '--apikey', ADMIN_APIKEY])).code).toBe(2);
    expect((await cli.run(['login', '-a', t.url, '--realm', REALM, '--apikey', ADMIN_APIKEY])).code).toBe(2);
    const plain = await startTestServer({ store: 'sqlite' });
    try {
      const res = await cli.run(['login', '-a', plain.url, '--sso', '--no-browser']);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('offers no identity provider');
    } finally {
      await plain.close();
    }
  });
});
