/**
 * First start: an empty store gets its account, the account's default resource group and the
 * owner (with a password and an API key). Later starts change nothing, whatever the environment says.
 */
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '#src/db/schema.js';
import { dialectOf } from '#src/db/dialect.js';
import type { Clock } from '#src/platform/clock.js';
import { ids, USER_REALM } from '#src/platform/ids.js';
import { randomSecret, sha256Hex } from '#src/platform/secrets.js';
import type { PasswordHasher } from '#src/modules/passwords/password-hasher.js';
import { DEFAULT_SETTINGS } from '#src/modules/invitations/invitations.service.js';

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
  const password = deps.adminPassword ?? randomSecret(18);
  const passwordHash = await deps.hasher.hash(password);
  return deps.db.transaction().execute(async (trx) => {
    if (dialectOf(deps.db) === 'postgres') await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`.execute(trx);
    const existing = await trx.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
    if (existing) return undefined;
    const now = deps.clock.now().toISOString();
    const accountId = ids.account();
    const ownerIamId = ids.user();
    const apikey = deps.adminApiKey ?? randomSecret(33);
    await trx.insertInto('accounts').values({ id: accountId, name: deps.accountName ?? 'qgate', owner_iam_id: ownerIamId, state: 'ACTIVE', created_at: now, updated_at: now }).execute();
    await trx.insertInto('resource_groups').values({ id: ids.resourceGroup(), account_id: accountId, name: 'Default', state: 'ACTIVE', is_default: 1, created_at: now, updated_at: now }).execute();
    await trx.insertInto('users').values({
      iam_id: ownerIamId, account_id: accountId, email: deps.adminEmail, user_id: deps.adminEmail, realm: USER_REALM, firstname: 'Account', lastname: 'Owner',
      phonenumber: '', altphonenumber: '', photo: '', state: 'ACTIVE', password_hash: passwordHash, settings: JSON.stringify(DEFAULT_SETTINGS),
      invited_by: null, added_on: now, updated_at: now, last_login_at: null, tokens_valid_after: null,
    }).execute();
    await trx.insertInto('api_keys').values({
      id: ids.apiKey(), account_id: accountId, iam_id: ownerIamId, name: 'bootstrap', description: 'Made when qgate first started', digest: sha256Hex(apikey),
      locked: 0, disabled: 0, expires_at: null, support_sessions: 0, action_when_leaked: 'none', version: 1, created_at: now, created_by: ownerIamId, modified_at: now,
      last_authn_at: null, authn_count: 0,
    }).execute();
    await trx.insertInto('audit_events').values({
      id: ids.event(), at: now, account_id: accountId, actor_iam_id: null, actor_type: 'system', action: 'qgate.account.bootstrap', target_type: 'account', target_id: accountId,
      outcome: 'success', status: 201, request_id: null, ip: null, details: JSON.stringify({ owner: deps.adminEmail }),
    }).execute();
    deps.log.info({ accountId, owner: deps.adminEmail }, 'bootstrapped an empty store');
    return {
      accountId,
      ownerIamId,
      ...(deps.adminPassword ? {} : { generatedPassword: password }),
      ...(deps.adminApiKey ? {} : { generatedApiKey: apikey }),
    };
  });
}
