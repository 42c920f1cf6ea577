import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.js';
import { sealV1 } from '../../../test/helpers/sealed-v1.js';

const OLD = 'the secrets key before the rotation, 32+ characters';
const NEW = 'the secrets key after the rotation, also 32+ characters';
const noDir = '/nonexistent';


describe('secret box', () => {
  it('prefixes every sealed value with the id of the key that sealed it', () => {
    const box = createSecretBox({ secretsKey: NEW, dataDir: noDir });
    const sealed = box.seal('client secret', 'IdP-1');
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed.startsWith(`v2.${box.keyId}.`)).toBe(true);
    expect(box.keyId).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(box.isCurrent(sealed)).toBe(true);
    expect(box.open(sealed, 'IdP-1')).toBe('client secret');
    // The id names the key without revealing it: another key, another id; the same key, the same id.
    expect(createSecretBox({ secretsKey: OLD, dataDir: noDir }).keyId).not.toBe(box.keyId);
    expect(createSecretBox({ secretsKey: NEW, dataDir: noDir }).keyId).toBe(box.keyId);
  });

  it('rotates: the new key seals, values of the previous key still open and are not current', () => {
    const before = createSecretBox({ secretsKey: OLD, dataDir: noDir });
    const oldValue = before.seal('client secret', 'IdP-1');
    const during = createSecretBox({ secretsKey: NEW, previousSecretsKey: OLD, dataDir: noDir });
    expect(during.open(oldValue, 'IdP-1')).toBe('client secret');
    expect(during.isCurrent(oldValue)).toBe(false);
    const newValue = during.seal('client secret', 'IdP-1');
    expect(newValue.startsWith(`v2.${during.keyId}.`)).toBe(true);
    // A node still on the old key holds the new one as its previous key (the first step of a rolling rotation).
    expect(createSecretBox({ secretsKey: OLD, previousSecretsKey: NEW, dataDir: noDir }).open(newValue, 'IdP-1')).toBe('client secret');

    const after = createSecretBox({ secretsKey: NEW, dataDir: noDir });
    expect(after.open(newValue, 'IdP-1')).toBe('client secret');
    expect(() => after.open(oldValue, 'IdP-1')).toThrow(/key this server does not hold/);
    expect(() => during.open(newValue, 'IdP-2')).toThrow();
  });

  it('opens values sealed before key ids existed, with whichever key sealed them', () => {
    const legacy = sealV1(OLD, 'client secret', 'IdP-1');
    const box = createSecretBox({ secretsKey: OLD, dataDir: noDir });
    expect(box.open(legacy, 'IdP-1')).toBe('client secret');
    expect(box.isCurrent(legacy)).toBe(false);
    expect(createSecretBox({ secretsKey: NEW, previousSecretsKey: OLD, dataDir: noDir }).open(legacy, 'IdP-1')).toBe('client secret');
    expect(() => createSecretBox({ secretsKey: NEW, dataDir: noDir }).open(legacy, 'IdP-1')).toThrow();
    expect(() => box.open(legacy, 'IdP-2')).toThrow();
  });

  it('keeps opening what the node\'s own key file sealed once QGATE_SECRETS_KEY is set', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-box-'));
    try {
      const own = createSecretBox({ secretsKey: undefined, dataDir });
      const sealed = own.seal('client secret', 'IdP-1');
      expect(fs.statSync(path.join(dataDir, 'keys', 'secrets.key')).mode & 0o777).toBe(0o600);
      const shared = createSecretBox({ secretsKey: NEW, dataDir });
      expect(shared.open(sealed, 'IdP-1')).toBe('client secret');
      expect(shared.isCurrent(sealed)).toBe(false);
      expect(shared.keyId).toBe(createSecretBox({ secretsKey: NEW, dataDir: noDir }).keyId);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a shortened authentication tag, an IV of another length and a foreign format', () => {
    const box = createSecretBox({ secretsKey: NEW, dataDir: noDir });
    const [v, id, iv, body, tag] = box.seal('client secret', 'IdP-1').split('.');
    const short = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => box.open([v, id, iv, body, short].join('.'), 'IdP-1')).toThrow();
    expect(() => box.open([v, id, Buffer.alloc(16).toString('base64url'), body, tag].join('.'), 'IdP-1')).toThrow();
    expect(() => box.open('client secret', 'IdP-1')).toThrow(/not a sealed value/);
    expect(() => box.open(['v1', iv, body, short].join('.'), 'IdP-1')).toThrow();
  });
});
