/**
 * Password guessing is slowed per name and address, and cannot lock the real person out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '#src/platform/clock.js';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server.js';

describe.each(await availableStores())('%s: sign-in throttling', (store) => {
  let t: TestServer;
  const clock = createManualClock(new Date());
  const attempt = (password: string, ip: string, username = ADMIN_EMAIL) =>
    t.request('POST', '/identity/token', { form: { grant_type: 'password', username, password }, headers: { 'x-forwarded-for': ip } });

  beforeAll(async () => {
    t = await startTestServer({ store, clock, env: { QGATE_TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it('backs off exponentially per name and address after 5 failures, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password guess', '203.0.113.9')).status).toBe(400);
    expect((await attempt('wrong password guess', '203.0.113.9')).status).toBe(400);
    const blocked = await attempt(ADMIN_PASSWORD, '203.0.113.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(blocked.body.errorMessage).toMatch(/try again/);
    clock.advance(2_000);
    expect((await attempt(ADMIN_PASSWORD, '203.0.113.9')).status).toBe(200);
  });

  it("an attacker elsewhere cannot lock the owner out of their usual address", async () => {
    // The owner signs in from their address first: it becomes known.
    expect((await attempt(ADMIN_PASSWORD, '198.51.100.7')).status).toBe(200);
    // An attacker spreads 40 guesses across many addresses.
    for (let i = 0; i < 40; i++) await attempt(`guess number ${i} for you`, `192.0.2.${i % 8}`);
    // A new address is now slowed down for this name...
    expect((await attempt(ADMIN_PASSWORD, '192.0.2.200')).status).toBe(429);
    // ...but the owner's usual address is not.
    expect((await attempt(ADMIN_PASSWORD, '198.51.100.7')).status).toBe(200);
    clock.advance(16 * 60_000);
    expect((await attempt(ADMIN_PASSWORD, '192.0.2.200')).status).toBe(200);
  });

  it('throttles names that do not exist exactly like names that do (no enumeration)', async () => {
    for (let i = 0; i < 6; i++) await attempt('nope nope nope nope', '203.0.113.50', 'ghost@example.com');
    const ghost = await attempt('nope nope nope nope', '203.0.113.50', 'ghost@example.com');
    for (let i = 0; i < 6; i++) await attempt('nope nope nope nope', '203.0.113.51');
    const real = await attempt('nope nope nope nope', '203.0.113.51');
    expect(ghost.status).toBe(429);
    expect(real.status).toBe(429);
    expect(ghost.body.errorCode).toBe(real.body.errorCode);
  });

  it('blocks an address that sprays many names, for API keys too', async () => {
    for (let i = 0; i < 50; i++) await attempt('spray spray spray', '203.0.113.77', `victim${i}@example.com`);
    expect((await attempt(ADMIN_PASSWORD, '203.0.113.77')).status).toBe(429);
    const exchange = await t.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: ADMIN_APIKEY }, headers: { 'x-forwarded-for': '203.0.113.77' } });
    expect(exchange.status).toBe(429);
  });

  it('blocks an address that guesses API keys or invitation links, not other addresses', async () => {
    const guess = (ip: string, i: number) =>
      t.request('POST', '/identity/token', { form: { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: `guessed-key-${i}-0123456789abcdefghijkl` }, headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 30; i++) expect((await guess('203.0.113.90', i)).status).toBe(400);
    for (let i = 0; i < 20; i++) await t.request('GET', `/v2/invitations/${'g'.repeat(40)}${i}`, { headers: { 'x-forwarded-for': '203.0.113.90' } });
    const blocked = await guess('203.0.113.90', 99);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect((await t.request('GET', `/v2/invitations/${'g'.repeat(43)}`, { headers: { 'x-forwarded-for': '203.0.113.90' } })).status).toBe(429);
    expect((await guess('203.0.113.91', 1)).status).toBe(400);
  });

  it('counts failures that arrive at the same moment, every one of them', async () => {
    // 50 guesses at once from one address, each at another name: none may be lost to a race
    // between reading and writing the counter, so the address is blocked afterwards.
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt('parallel guess', '203.0.113.120', `parallel${i}@example.com`)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(400));
    expect((await attempt(ADMIN_PASSWORD, '203.0.113.120')).status).toBe(429);
  });

  it('lets through no more guesses at one name sent at once than one after another', async () => {
    // One after another: 5 free failures, a 6th that starts the back-off, then 429 (the clock stands still).
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(`burst guess ${i}`, '203.0.113.150', 'burst@example.com')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(6).fill(400), ...Array(24).fill(429)]);
  });

  it('counts IPv6 addresses by their /64: rotating within it does not escape the address block', async () => {
    for (let i = 0; i < 50; i++) await attempt('v6 spray', `2001:db8:77:1::${(i + 1).toString(16)}`, `v6victim${i}@example.com`);
    expect((await attempt(ADMIN_PASSWORD, '2001:db8:77:1:ffff:1:2:3')).status).toBe(429);
    expect((await attempt(ADMIN_PASSWORD, '2001:db8:77:2::1')).status).toBe(200);
  });

  it('forgets counters whose window has passed', async () => {
    await attempt('stale guess', '203.0.113.130', 'stale@example.com');
    const keys = async () => (await t.qgate.database.db.selectFrom('throttle').select('key').execute()).map((r) => r.key).filter((k) => k.includes('203.0.113.130'));
    expect(await keys()).not.toEqual([]);
    clock.advance(61 * 60_000);
    await attempt('fresh guess', '203.0.113.131', 'fresh@example.com');
    expect(await keys()).toEqual([]);
  });
});
