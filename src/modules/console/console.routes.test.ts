import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#src/http/server.js';
import { CONSOLE_CSP, consoleRoutes } from './console.routes.js';

describe('console routes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-console-'));
  const app = Fastify();
  beforeAll(async () => {
    consoleRoutes(app as unknown as App, { dir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with a page saying how to build the console while dist/console is missing', async () => {
    const res = await app.inject({ method: 'GET', url: '/iam/users' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('npm run build');
    expect((await app.inject({ method: 'GET', url: '/assets/index-abc.js' })).statusCode).toBe(404);
  });

  it('serves index.html for the console paths with a strict CSP and no-cache, and hashed assets for good', async () => {
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>qgate</title><script type="module" src="/assets/index-abc.js"></script>');
    fs.writeFileSync(path.join(dir, 'assets/index-abc.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);
    for (const url of ['/', '/signin', '/invite/abcdefghijklmnopqrstuvwxyz', '/iam', '/iam/users/QGid-1', '/resources/abc', '/quantum/abc/jobs/def']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.body).toContain('/assets/index-abc.js');
    }
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(asset.rawPayload).toString()).toContain('console.log');
    expect((await app.inject({ method: 'GET', url: '/assets/index-abc.js' })).headers['content-encoding']).toBeUndefined();
  });

  it("tells the caller its own address, and whether an allowed-addresses list lets it in", async () => {
    const own = await app.inject({ method: 'GET', url: '/console/address', remoteAddress: '192.0.2.7' });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('no-store');
    expect(own.json()).toEqual({ ip_address: '192.0.2.7' });
    const ask = (list: string) => app.inject({ method: 'GET', url: `/console/address?allowed_ip_addresses=${encodeURIComponent(list)}`, remoteAddress: '192.0.2.7' }).then((r) => r.json());
    expect(await ask('192.0.2.0/24, 2001:db8::/32')).toEqual({ ip_address: '192.0.2.7', allowed: true });
    expect(await ask('198.51.100.10')).toEqual({ ip_address: '192.0.2.7', allowed: false });
    expect(await ask('')).toEqual({ ip_address: '192.0.2.7', allowed: true });
    // A list the settings would refuse is refused here too, naming the bad entry.
    const bad = await app.inject({ method: 'GET', url: '/console/address?allowed_ip_addresses=10.0.0.0/99', remoteAddress: '192.0.2.7' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("'10.0.0.0/99' has a prefix length outside 0–32");
  });

  it('serves nothing outside the assets folder', async () => {
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'no');
    for (const url of ['/assets/..%2Fsecret.txt', '/assets/%2E%2E%2Findex.html', '/assets/nope.js']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});
