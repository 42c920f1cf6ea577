/**
 * What a password must be (NIST SP 800-63B / OWASP ASVS V6.2): long enough, not too long to hash,
 * and not one that attackers try first. No composition rules.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { appError } from '#src/errors/registry.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;

/** The breached-password corpus of zxcvbn (about 49,000 entries), loaded on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).filter((p) => p.length >= 4).map((p) => p.toLowerCase()));
  return common;
}

/** True for a password found in breach corpora, or such a password dressed up with digits and symbols. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (core.length >= 4 && core.length < lower.length && list.has(core)) return true;
  // One short unit repeated (aaaaaaaaaaaa, abcabcabcabc, 121212121212).
  if (/^(.{1,4})\1+$/u.test(lower)) return true;
  return isRun(lower);
}

/** Ascending or descending runs of characters such as 123456789012 or abcdefghijkl. */
function isRun(value: string): boolean {
  if (value.length < 6) return false;
  let up = true;
  let down = true;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if (step !== 1 && !(value[i] === '0' && value[i - 1] === '9')) up = false;
    if (step !== -1 && !(value[i] === '9' && value[i - 1] === '0')) down = false;
  }
  return up || down;
}

/** Throws a 400 naming the rule the password breaks; `field` names the request field. */
export function assertAcceptablePassword(password: string, field = 'password', context: string[] = []): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw appError('password_too_short', `field '${field}' must be at least ${MIN_PASSWORD_LENGTH} characters (a passphrase of a few words is easiest to remember)`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw appError('password_too_long', `field '${field}' must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  const lower = password.toLowerCase();
  if (isCommonPassword(password) || context.some((c) => c.length >= 4 && lower.includes(c.toLowerCase()))) {
    throw appError('password_too_common', `field '${field}' is a commonly used password or contains your name or email; choose another`);
  }
}
