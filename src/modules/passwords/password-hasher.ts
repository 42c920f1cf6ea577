/**
 * argon2id password hashing (OWASP minimum: m=19 MiB, t=2, p=1), stored as PHC strings so that the
 * parameters can be raised later and old hashes still verify.
 */
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot import).
const ARGON2ID = 2;

const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification, so a missing account cannot be told by timing. */
  verifyDummy(password: string): Promise<void>;
}

export function createPasswordHasher(params: Partial<typeof PARAMS> = {}): PasswordHasher {
  const options = { ...PARAMS, ...params };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    async verify(phc, password) {
      try {
        return await verify(phc, password);
      } catch {
        return false;
      }
    },
    async verifyDummy(password) {
      dummy ??= hash('qgate-dummy-password-for-timing', options);
      await verify(await dummy, password).catch(() => false);
    },
  };
}
