import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJwt, JwtError, signRs256, verifyRs256 } from './jwt.js';

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const now = 1_800_000_000;
const opts = { issuer: 'https://q/identity', nowSeconds: now, maxSkewSeconds: 60 };
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof JwtError ? err.reason : 'other';
  }
  return 'none';
};

describe('RS256 JWTs', () => {
  it('round-trips, with kid and alg in the header', async () => {
    const token = await signRs256({ sub: 'x', iss: opts.issuer, iat: now, exp: now + 60 }, privateKey, 'k1');
    const decoded = decodeJwt(token);
    expect(decoded.header).toEqual({ kid: 'k1', alg: 'RS256', typ: 'JWT' });
    expect(verifyRs256(decoded, publicKey, opts).sub).toBe('x');
  });

  it('refuses every malformed, forged, expired or foreign token', async () => {
    const good = await signRs256({ iss: opts.issuer, iat: now, exp: now + 60 }, privateKey, 'k1');
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const [h, p] = good.split('.');
    expect(reason(() => decodeJwt('a.b'))).toBe('malformed');
    expect(reason(() => decodeJwt('a.b.c'))).toBe('malformed');
    expect(reason(() => verifyRs256({ ...decodeJwt(good), header: { alg: 'none' } }, publicKey, opts))).toBe('algorithm');
    expect(reason(() => verifyRs256({ ...decodeJwt(good), header: { alg: 'HS256' } }, publicKey, opts))).toBe('algorithm');
    expect(reason(() => verifyRs256(decodeJwt(good), undefined, opts))).toBe('unknown_key');
    expect(reason(() => verifyRs256(decodeJwt(good), other.publicKey, opts))).toBe('signature');
    expect(reason(() => verifyRs256(decodeJwt(`${h}.${p}x.${good.split('.')[2]}`), publicKey, opts))).not.toBe('none');
    expect(reason(() => verifyRs256(decodeJwt(good), publicKey, { ...opts, issuer: 'https://elsewhere' }))).toBe('issuer');
    expect(reason(() => verifyRs256(decodeJwt(good), publicKey, { ...opts, nowSeconds: now + 60 }))).toBe('expired');
    expect(reason(() => verifyRs256(decodeJwt(good), publicKey, { ...opts, nowSeconds: now - 61 }))).toBe('not_yet_valid');
    const noExp = await signRs256({ iss: opts.issuer, iat: now }, privateKey, 'k1');
    expect(reason(() => verifyRs256(decodeJwt(noExp), publicKey, opts))).toBe('expired');
  });

  it('signs off the main thread: the event loop runs while a signature is computed', async () => {
    const order: string[] = [];
    const signed = signRs256({ a: 1 }, privateKey, 'k').then(() => order.push('signed'));
    setImmediate(() => order.push('loop'));
    await signed;
    expect(order[0]).toBe('loop');
  });
});
