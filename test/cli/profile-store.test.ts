/**
 * The profile store on disk: created as a 0700 folder holding a 0600 file, a file loosened by hand is tightened on
 * the next write, and a broken file is reported rather than silently replaced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore, type Profile } from '#src/cli/profile-store.js';

const profile: Profile = { endpoint: 'http://127.0.0.1:1', accountId: 'a1', iamId: 'QGid-1', name: 'admin@localhost', credentials: { kind: 'apikey', apikey: 'secret-key-value' } };
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('ProfileStore', () => {
  it('creates $QGATE_HOME as 0700 and config.json as 0600, and tightens a loosened file', () => {
    const home = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-store-')), 'nested', '.qgate');
    const store = new ProfileStore(home);
    store.save(profile);
    expect(mode(home)).toBe(0o700);
    expect(mode(store.file)).toBe(0o600);
    fs.chmodSync(store.file, 0o644);
    store.update((p) => ({ ...p, instance: 'crn:x' }));
    expect(mode(store.file)).toBe(0o600);
    expect(store.get()?.instance).toBe('crn:x');
    expect(fs.readdirSync(home)).toEqual(['config.json']);
  });

  it('reports a broken file instead of replacing it', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-store-'));
    fs.writeFileSync(path.join(home, 'config.json'), '{not json');
    expect(() => new ProfileStore(home).get()).toThrow(/config\.json is not valid JSON/);
  });
});
