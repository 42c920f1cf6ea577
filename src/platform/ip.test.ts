import { describe, expect, it } from 'vitest';
import { rateLimitKey } from './ip.js';

describe('rateLimitKey', () => {
  it('keeps IPv4 addresses, also IPv6-mapped ones', () => {
    expect(rateLimitKey('203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const forms = ['2001:db8:0:0:a:b:c:d', '2001:db8::a:b:c:d', '2001:0DB8:0000:0000:000a:b:c:d', '2001:db8::1', '2001:db8::', '2001:db8:0:0:ffff:ffff:ffff:ffff%eth0'];
    for (const form of forms) expect(rateLimitKey(form), form).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
    expect(rateLimitKey('1:2:3:4:5:6:7::')).toBe('1:2:3:4::/64');
  });

  it('leaves anything else as it is', () => {
    expect(rateLimitKey('not an address')).toBe('not an address');
  });
});
