import { describe, expect, it } from 'vitest';
import { entityTag, ifMatchSatisfied } from './etag.js';
import { InvalidatingCache } from './invalidating-cache.js';
import { decodePageToken, encodePageToken, isOffsetCursor, pageUrl } from './paging.js';
import { identityTime, parseIdentityTime } from './clock.js';
import { constantTimeEquals, randomSecret, sha256Hex } from './secrets.js';

describe('entity tags', () => {
  it('change with the version and match with *, quotes or W/', () => {
    const tag = entityTag('x', 1);
    expect(tag).toMatch(/^1-[0-9a-f]{32}$/);
    expect(entityTag('x', 2)).not.toBe(tag);
    for (const header of [tag, `"${tag}"`, `W/"${tag}"`, '*', `other, ${tag}`]) expect(ifMatchSatisfied(header, tag)).toBe(true);
    expect(ifMatchSatisfied(entityTag('x', 2), tag)).toBe(false);
  });
});

describe('page tokens', () => {
  it('round-trip and refuse forgeries with a 400 naming the field', () => {
    expect(decodePageToken(encodePageToken({ o: 40 }), 'pagetoken', isOffsetCursor)).toEqual({ o: 40 });
    expect(() => decodePageToken('junk', 'pagetoken', isOffsetCursor)).toThrow(/pagetoken/);
    expect(() => decodePageToken(encodePageToken({ o: -1 }), 'pagetoken', isOffsetCursor)).toThrow(/pagetoken/);
    expect(pageUrl('http://h', '/v1/x', { a: 'b', c: undefined }, { d: 1 })).toBe('http://h/v1/x?a=b&d=1');
  });
});

describe('InvalidatingCache', () => {
  it('does not keep a value loaded across an invalidation', async () => {
    const cache = new InvalidatingCache<number>(10);
    let release!: (v: number) => void;
    const pending = cache.get('k', () => new Promise<number>((r) => (release = r)));
    cache.invalidate('k');
    release(1);
    expect(await pending).toBe(1);
    expect(cache.size).toBe(0);
    expect(await cache.get('k', async () => 2)).toBe(2);
    expect(await cache.get('k', async () => 3)).toBe(2);
    expect(await cache.get('k', async () => 4, true)).toBe(4);
  });

  it('stays within its bound', async () => {
    const cache = new InvalidatingCache<number>(3);
    for (let i = 0; i < 10; i++) await cache.get(String(i), async () => i);
    expect(cache.size).toBe(3);
  });
});

describe('identity times and secrets', () => {
  it('formats and parses IAM Identity times', () => {
    expect(identityTime('2026-02-19T18:59:33.123Z')).toBe('2026-02-19T18:59+0000');
    expect(parseIdentityTime('2026-02-19T18:59+0000')?.toISOString()).toBe('2026-02-19T18:59:00.000Z');
    expect(parseIdentityTime('tomorrow')).toBeUndefined();
  });
  it('makes 256-bit secrets and compares in constant time', () => {
    expect(randomSecret().length).toBe(43);
    expect(randomSecret()).not.toBe(randomSecret());
    expect(sha256Hex('a')).toHaveLength(64);
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abd')).toBe(false);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
  });
});

describe('InvalidatingCache keep predicate', () => {
  it('does not remember values the predicate refuses, and re-reads them', async () => {
    const cache = new InvalidatingCache<string>(10);
    let reads = 0;
    const load = async () => (++reads > 2 ? 'ended' : 'running');
    const keepEnded = (v: string) => v === 'ended';
    expect(await cache.get('j', load, false, keepEnded)).toBe('running');
    expect(await cache.get('j', load, false, keepEnded)).toBe('running');
    expect(await cache.get('j', load, false, keepEnded)).toBe('ended');
    expect(await cache.get('j', load, false, keepEnded)).toBe('ended');
    expect(reads).toBe(3);
  });
});
