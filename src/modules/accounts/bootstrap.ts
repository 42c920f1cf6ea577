/**
 * First start: an empty store gets its account, the account's default resource group and the
 * owner (with a password and an API key). Later starts change nothing, whatever the environment says.
 */
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '#src/db/schema.js';
import { dialectOf } from '#src/db/dialect.js';
import type { Clock } from '#src/platform/clock.js';
import { randomSecret } from '#src/platform/secrets.js';
import type { PasswordHasher } from '#src/modules/passwords/password-hasher.js';
import { createAccountWithOwner } from './create-account.js';

export interface BootstrapResult {
  accountId: string;
  ownerIamId: string;
  /** Present only when bootstrap ran and generated it: shown once, never stored in clear. */
  generatedPassword?: string;
  generatedApiKey?: string;
}

// An arbitrary constant shared by all qgate nodes: the PostgreSQL advisory lock that serializes bootstrap.
const BOOTSTRAP_LOCK = 748_213_001;

export async function bootstrap(deps: {
  db: Kysely<DB>;
  clock: Clock;
  log: Logger;
  hasher: PasswordHasher;
  adminEmail: string;
  adminPassword: string | undefined;
  adminApiKey: string | undefined;
  accountName?: string;
}): Promise<BootstrapResult | undefined> {
  const hasAccount = async (executor: Kysely<DB>) => !!(await executor.selectFrom('accounts').select('id').limit(1).executeTakeFirst());
  if (await hasAccount(deps.db)) return undefined;
  const password = deps.adminPassword ?? randomSecret(18);
  const passwordHash = await deps.hasher.hash(password);
  return deps.db.transaction().execute(async (trx) => {
    if (dialectOf(deps.db) === 'postgres') await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`.execute(trx);
    // Another node may have bootstrapped while we hashed.
    if (await hasAccount(trx)) return undefined;
    const apikey = deps.adminApiKey ?? randomSecret(33);
    const { accountId, ownerIamId } = await createAccountWithOwner(trx, {
      name: deps.accountName ?? 'qgate', ownerEmail: deps.adminEmail, ownerPasswordHash: passwordHash, ownerApiKey: apikey, now: deps.clock.now(),
    });
    deps.log.info({ accountId, owner: deps.adminEmail }, 'bootstrapped an empty store');
    return {
      accountId,
      ownerIamId,
      ...(deps.adminPassword ? {} : { generatedPassword: password }),
      ...(deps.adminApiKey ? {} : { generatedApiKey: apikey }),
    };
  });
}
