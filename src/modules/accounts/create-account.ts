/**
 * Makes an account with its default resource group and its owner (ACTIVE, with a password and an
 * API key). Used by bootstrap, and by tests that need a second account.
 */
import type { Transaction } from 'kysely';
import type { DB } from '#src/db/schema.js';
import { ids, USER_REALM } from '#src/platform/ids.js';
import { sha256Hex } from '#src/platform/secrets.js';
import { DEFAULT_SETTINGS } from '#src/modules/invitations/invitations.service.js';

export interface NewAccount {
  name: string;
  ownerEmail: string;
  ownerPasswordHash: string;
  /** The owner's first API key, in clear (only its digest is stored). */
  ownerApiKey: string;
  now: Date;
}

export async function createAccountWithOwner(trx: Transaction<DB>, input: NewAccount): Promise<{ accountId: string; ownerIamId: string }> {
  const now = input.now.toISOString();
  const accountId = ids.account();
  const ownerIamId = ids.user();
  await trx.insertInto('accounts').values({ id: accountId, name: input.name, owner_iam_id: ownerIamId, state: 'ACTIVE', created_at: now, updated_at: now }).execute();
  await trx.insertInto('resource_groups').values({ id: ids.resourceGroup(), account_id: accountId, name: 'Default', state: 'ACTIVE', is_default: 1, created_at: now, updated_at: now }).execute();
  await trx.insertInto('users').values({
    iam_id: ownerIamId, account_id: accountId, email: input.ownerEmail, user_id: input.ownerEmail, realm: USER_REALM, firstname: 'Account', lastname: 'Owner',
    phonenumber: '', altphonenumber: '', photo: '', state: 'ACTIVE', password_hash: input.ownerPasswordHash, settings: JSON.stringify(DEFAULT_SETTINGS),
    invited_by: null, added_on: now, updated_at: now, last_login_at: null, tokens_valid_after: null,
  }).execute();
  await trx.insertInto('api_keys').values({
    id: ids.apiKey(), account_id: accountId, iam_id: ownerIamId, name: 'bootstrap', description: 'Made with the account', digest: sha256Hex(input.ownerApiKey),
    locked: 0, disabled: 0, expires_at: null, support_sessions: 0, action_when_leaked: 'none', version: 1, created_at: now, created_by: ownerIamId, modified_at: now,
    last_authn_at: null, authn_count: 0,
  }).execute();
  await trx.insertInto('audit_events').values({
    id: ids.event(), at: now, account_id: accountId, actor_iam_id: null, actor_type: 'system', action: 'qgate.account.create', target_type: 'account', target_id: accountId,
    outcome: 'success', status: 201, request_id: null, ip: null, details: JSON.stringify({ owner: input.ownerEmail, name: input.name }),
  }).execute();
  return { accountId, ownerIamId };
}
