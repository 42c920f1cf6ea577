import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the defaults of CONTRACT.md', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, databaseUrl: undefined, publicUrl: 'http://127.0.0.1:8080', adminEmail: 'admin@localhost', smtpUrl: undefined, tokenTtl: 3600 });
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      QGATE_HOST: '0.0.0.0', QGATE_PORT: '9000', QGATE_DATA_DIR: '/tmp/q', QGATE_DATABASE_URL: 'postgres://u@h/db', QGATE_PUBLIC_URL: 'https://qgate.example.org/',
      QGATE_ADMIN_EMAIL: 'Root@Example.org', QGATE_ADMIN_PASSWORD: 'twelve chars!', QGATE_ADMIN_APIKEY: 'k'.repeat(32), QGATE_SMTP_URL: 'smtp://mail:25', QGATE_TOKEN_TTL: '600',
    });
    expect(c).toMatchObject({ host: '0.0.0.0', port: 9000, dataDir: '/tmp/q', databaseUrl: 'postgres://u@h/db', publicUrl: 'https://qgate.example.org', adminEmail: 'root@example.org', smtpUrl: 'smtp://mail:25', tokenTtl: 600 });
  });

  it.each([
    ['QGATE_PORT', 'eighty', /QGATE_PORT: expected an integer from 0 to 65535/],
    ['QGATE_PORT', '70000', /QGATE_PORT/],
    ['QGATE_TOKEN_TTL', '10', /QGATE_TOKEN_TTL: expected an integer from 60/],
    ['QGATE_DATABASE_URL', 'mysql://x', /QGATE_DATABASE_URL: expected a URL \(postgres:, postgresql:\)/],
    ['QGATE_PUBLIC_URL', 'not a url', /QGATE_PUBLIC_URL/],
    ['QGATE_ADMIN_EMAIL', 'nobody', /QGATE_ADMIN_EMAIL: expected an email address/],
    ['QGATE_ADMIN_APIKEY', 'short', /at least 32 characters/],
    ['QGATE_ADMIN_PASSWORD', 'short', /at least 12 characters/],
    ['QGATE_SECRETS_KEY_PREVIOUS', 'short', /QGATE_SECRETS_KEY_PREVIOUS: expected at least 32 characters/],
    ['QGATE_TRUST_PROXY', 'maybe', /true or false, a number of proxy hops/],
    ['QGATE_TRUST_PROXY', '10.0.0.0/33', /QGATE_TRUST_PROXY/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('QGATE_TRUST_PROXY trusts counted hops or named proxies, never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ QGATE_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ QGATE_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ QGATE_TRUST_PROXY: '10.0.0.0/8, 2001:db8::1' }).trustProxy).toEqual(['10.0.0.0/8', '2001:db8::1']);
  });

  it('never echoes a secret in its error', () => {
    expect(() => loadConfig({ QGATE_ADMIN_APIKEY: 'secret-ish' })).toThrow(/<redacted>/);
  });
});
