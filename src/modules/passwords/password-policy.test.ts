import { describe, expect, it } from 'vitest';
import { assertAcceptablePassword, isCommonPassword } from './password-policy.js';

describe('password policy', () => {
  it.each(['correct horse battery staple', 'Tr0ub4dor&3-extended', 'zebra-quantum-kettle-91', 'ünïcødé pässwörd ok'])('accepts %s', (p) => {
    expect(() => assertAcceptablePassword(p)).not.toThrow();
  });

  it.each([
    ['short', 'password_too_short'],
    ['elevenchars', 'password_too_short'],
    ['qwerty123456', 'password_too_common'],
    ['1qaz2wsx3edc', 'password_too_common'],
    ['Password1234!', 'password_too_common'],
    ['aaaaaaaaaaaa', 'password_too_common'],
    ['abcabcabcabc', 'password_too_common'],
    ['123456789012', 'password_too_common'],
    ['x'.repeat(257), 'password_too_long'],
  ])('refuses %s (%s)', (p, code) => {
    expect(() => assertAcceptablePassword(p)).toThrow(expect.objectContaining({ code, status: 400 }));
  });

  it('counts characters, not bytes', () => {
    expect(() => assertAcceptablePassword('ééééééééééé')).toThrow(expect.objectContaining({ code: 'password_too_short' }));
  });

  it('refuses a password containing the name or email', () => {
    expect(() => assertAcceptablePassword('fatima-loves-quantum', 'password', ['fatima'])).toThrow(expect.objectContaining({ code: 'password_too_common' }));
  });

  it('knows the breach corpus', () => {
    expect(isCommonPassword('letmein')).toBe(true);
    expect(isCommonPassword('purple-ocelot-tuesday')).toBe(false);
  });
});
