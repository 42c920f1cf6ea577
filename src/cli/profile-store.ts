/**
 * Where the CLI keeps who it is signed in as: `$QGATE_HOME/config.json` (default `~/.qgate`), readable only by
 * its owner (0600, in a 0700 directory), because it holds an API key or a refresh token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TokenResponse } from '#src/client/tokens.js';
import { writeWhole } from './files.js';

/** How a profile gets new tokens: by its API key, or by the refresh token of a password or single sign-on. */
export type Credentials = { kind: 'apikey'; apikey: string } | { kind: 'password' | 'sso'; tokens: TokenResponse };

export interface Profile {
  endpoint: string;
  accountId: string;
  iamId: string;
  /** The email or service ID name signed in, for `qgate target`. */
  name: string;
  credentials: Credentials;
  /** The last access token, reused while it is valid. */
  tokens?: TokenResponse | undefined;
  /** Default instance of `qgate runtime` commands (name, GUID or CRN), set by `qgate target --instance`. */
  instance?: string | undefined;
}

interface StoreFile {
  current?: string;
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = 'default';

export function qgateHome(env: Record<string, string | undefined>): string {
  return env.QGATE_HOME && env.QGATE_HOME.length > 0 ? env.QGATE_HOME : path.join(env.HOME ?? os.homedir(), '.qgate');
}

export class ProfileStore {
  readonly file: string;
  constructor(readonly home: string) {
    this.file = path.join(home, 'config.json');
  }

  private read(): StoreFile {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
      throw err;
    }
    try {
      const parsed = JSON.parse(text) as StoreFile;
      return { ...parsed, profiles: parsed.profiles ?? {} };
    } catch {
      throw new Error(`${this.file} is not valid JSON; remove it and sign in again`);
    }
  }

  private write(data: StoreFile): void {
    fs.mkdirSync(this.home, { recursive: true, mode: 0o700 });
    writeWhole(this.file, JSON.stringify(data, null, 2) + '\n', 0o600);
  }

  currentName(): string {
    return this.read().current ?? DEFAULT_PROFILE;
  }

  get(name = this.currentName()): Profile | undefined {
    return this.read().profiles[name];
  }

  save(profile: Profile, name = this.currentName()): void {
    const data = this.read();
    data.profiles[name] = profile;
    data.current = name;
    this.write(data);
  }

  update(change: (p: Profile) => Profile, name = this.currentName()): void {
    const data = this.read();
    const existing = data.profiles[name];
    if (!existing) return;
    data.profiles[name] = change(existing);
    this.write(data);
  }

  remove(name = this.currentName()): boolean {
    const data = this.read();
    if (!data.profiles[name]) return false;
    delete data.profiles[name];
    this.write(data);
    return true;
  }
}
