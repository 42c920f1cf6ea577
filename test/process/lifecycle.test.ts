/**
 * qgate as people run it: `npm start` on an empty data directory, restarts, SIGTERM and kill -9.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NPM_START, startChild } from '../helpers/child-server.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-proc-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const form = (apikey: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey }).toString(),
});

describe('lifecycle of a qgate process', () => {
  it('bootstraps an empty store once, printing generated secrets once and never logging them', async () => {
    const dataDir = tempDir();
    const first = await startChild({ QGATE_DATA_DIR: dataDir });
    const out = first.stdout();
    const apikey = /API key:\s+(\S+)/.exec(out)?.[1];
    const password = /password:\s+(\S+)/.exec(out)?.[1];
    expect(apikey).toBeTruthy();
    expect(password).toBeTruthy();
    expect(out.split('\n').filter((l) => l.startsWith('{')).join('\n')).not.toContain(apikey!);
    const token = await fetch(`${first.url}/identity/token`, form(apikey!));
    expect(token.status).toBe(200);
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startChild({ QGATE_DATA_DIR: dataDir, QGATE_ADMIN_PASSWORD: 'a different password entirely' });
    expect(second.stdout()).not.toMatch(/API key:/);
    expect((await fetch(`${second.url}/identity/token`, form(apikey!))).status).toBe(200);
    // A changed variable does not reset the password.
    const login = await fetch(`${second.url}/identity/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: 'admin@localhost', password: password! }).toString(),
    });
    expect(login.status).toBe(200);
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    const dataDir = tempDir();
    const apikey = 'lifecycle-admin-key-0123456789abcdefghij';
    const child = await startChild({ QGATE_DATA_DIR: dataDir, QGATE_ADMIN_APIKEY: apikey, QGATE_ADMIN_PASSWORD: 'lifecycle passphrase here', QGATE_LOG_LEVEL: 'debug' });
    // Requests fully written on open connections before the signal: these are in flight.
    const body = new URLSearchParams({ grant_type: 'password', username: 'admin@localhost', password: 'lifecycle passphrase here' }).toString();
    const written: Promise<void>[] = [];
    const inflight = Array.from({ length: 10 }, () =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${child.url}/identity/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        written.push(new Promise((r) => req.on('finish', () => r())));
        req.end(body);
      }),
    );
    await Promise.all(written);
    // Signal only once the server has received all ten (it logs each at debug level).
    const received = () => (child.stdout().match(/"url":"\/identity\/token","msg":"request received"/g) ?? []).length;
    for (let i = 0; i < 500 && received() < 10; i++) await new Promise((r) => setTimeout(r, 10));
    expect(received()).toBe(10);
    child.process.kill('SIGTERM');
    expect(await Promise.all(inflight)).toEqual(Array(10).fill(200));
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toMatch(/"msg":"stopped"/);
  });

  it('`npm start` stops when SIGTERM is sent to npm (the server is not left running without it)', async () => {
    const child = await startChild({ QGATE_DATA_DIR: tempDir() }, NPM_START);
    child.process.kill('SIGTERM');
    await child.exited;
    // npm is gone at once; the server behind it must have received the signal too and stopped gracefully.
    for (let i = 0; i < 100 && !/"msg":"stopped"/.test(child.stdout()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(child.stdout()).toMatch(/"msg":"stopped"/);
    await expect(fetch(`${child.url}/health`)).rejects.toThrow();
  });

  it('loses nothing it acknowledged when killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const apikey = 'crash-admin-key-0123456789abcdefghijklmn';
    // The issuer is the public URL: keep it across the restart, as a real deployment does.
    const publicUrl = 'http://qgate.test.example';
    const child = await startChild({ QGATE_DATA_DIR: dataDir, QGATE_ADMIN_APIKEY: apikey, QGATE_PUBLIC_URL: publicUrl });
    const token = ((await (await fetch(`${child.url}/identity/token`, form(apikey))).json()) as { access_token: string }).access_token;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const made: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${child.url}/v1/apikeys`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `k${i}`, iam_id: claims.iam_id }),
      });
      if (res.status === 201) made.push(((await res.json()) as { id: string }).id);
    }
    child.process.kill('SIGKILL');
    await child.exited;
    const again = await startChild({ QGATE_DATA_DIR: dataDir, QGATE_PUBLIC_URL: publicUrl });
    const token2 = ((await (await fetch(`${again.url}/identity/token`, form(apikey))).json()) as { access_token: string }).access_token;
    // The token signed before the crash still verifies: the signing key survived.
    expect((await fetch(`${again.url}/v1/apikeys?pagesize=100`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const listed = (await (await fetch(`${again.url}/v1/apikeys?pagesize=100`, { headers: { authorization: `Bearer ${token2}` } })).json()) as { apikeys: { id: string }[] };
    expect(made.length).toBeGreaterThan(0);
    for (const id of made) expect(listed.apikeys.map((k) => k.id)).toContain(id);
    again.process.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('refuses to start with a bad setting, naming the variable', async () => {
    await expect(startChild({ QGATE_DATA_DIR: tempDir(), QGATE_TOKEN_TTL: 'soon' })).rejects.toThrow(/QGATE_TOKEN_TTL: expected an integer/);
  });
});
