/**
 * The current state of every identity a token can name, cached in memory and dropped the moment a
 * change to it commits on any node (see db/change-feed.ts). Authentication asks here on every request,
 * so removing a user or deleting an API key is obeyed by the very next request.
 */
import type { ChangeFeed } from '#src/db/change-feed.js';
import type { AccountsRepo } from '#src/modules/accounts/accounts.repo.js';
import type { ApiKeysRepo } from '#src/modules/identity/apikeys.repo.js';
import type { ServiceIdsRepo } from '#src/modules/identity/serviceids.repo.js';
import type { UsersRepo } from '#src/modules/users/users.repo.js';
import { InvalidatingCache } from '#src/platform/invalidating-cache.js';
import { TOPICS } from '#src/db/change-topics.js';

export interface UserState {
  readonly iamId: string;
  readonly accountId: string;
  readonly state: string;
  readonly email: string;
  readonly firstname: string;
  readonly lastname: string;
  /** `qgate` for people who sign in with a password, a provider's realm id for federated people. */
  readonly realm: string;
  /** Epoch ms; tokens issued before it are refused. */
  readonly tokensValidAfter: number;
  readonly isOwner: boolean;
}

export interface ServiceIdState {
  readonly iamId: string;
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
}

export interface ApiKeyState {
  readonly id: string;
  readonly iamId: string;
  readonly accountId: string;
  readonly locked: boolean;
  readonly disabled: boolean;
  /** Epoch ms, or undefined for keys that do not expire. */
  readonly expiresAt: number | undefined;
}


export function createIdentityStates(deps: { users: UsersRepo; serviceIds: ServiceIdsRepo; apiKeys: ApiKeysRepo; accounts: AccountsRepo; feed: ChangeFeed }) {
  const users = new InvalidatingCache<UserState | null>(100_000);
  const serviceIds = new InvalidatingCache<ServiceIdState | null>(100_000);
  const apiKeys = new InvalidatingCache<ApiKeyState | null>(100_000);
  const owners = new InvalidatingCache<string | null>(10_000);

  deps.feed.subscribe((change) => {
    if (change === 'all') {
      for (const cache of [users, serviceIds, apiKeys, owners]) cache.clear();
      return;
    }
    if (change.topic === TOPICS.user) users.invalidate(change.key);
    else if (change.topic === TOPICS.serviceId) serviceIds.invalidate(change.key);
    else if (change.topic === TOPICS.apiKey) apiKeys.invalidate(change.key);
    else if (change.topic === TOPICS.account) owners.invalidate(change.key);
  });

  // A key's digest never changes, so digest → id can be remembered for good (only found keys are).
  const keyIds = new Map<string, string>();

  const bypass = () => !deps.feed.trusted;
  const ownerOf = (accountId: string) =>
    owners.get(accountId, async () => (await deps.accounts.findById(accountId))?.owner_iam_id ?? null, bypass());

  return {
    /** The id of the API key with this SHA-256 digest, if one exists. */
    async apiKeyIdByDigest(digest: string): Promise<string | undefined> {
      const known = keyIds.get(digest);
      if (known) return known;
      const row = await deps.apiKeys.findByDigest(digest);
      if (!row) return undefined;
      if (keyIds.size >= 100_000) keyIds.delete(keyIds.keys().next().value as string);
      keyIds.set(digest, row.id);
      return row.id;
    },
    user: (iamId: string) =>
      users.get(
        iamId,
        async () => {
          const row = await deps.users.findByIamId(iamId);
          if (!row) return null;
          return {
            iamId: row.iam_id,
            accountId: row.account_id,
            state: row.state,
            email: row.email,
            firstname: row.firstname,
            lastname: row.lastname,
            realm: row.realm,
            tokensValidAfter: row.tokens_valid_after ? Date.parse(row.tokens_valid_after) : 0,
            isOwner: (await ownerOf(row.account_id)) === row.iam_id,
          };
        },
        bypass(),
      ),
    serviceId: (iamId: string) =>
      serviceIds.get(
        iamId,
        async () => {
          const row = await deps.serviceIds.findByIamId(iamId);
          return row ? { iamId: row.iam_id, id: row.id, accountId: row.account_id, name: row.name } : null;
        },
        bypass(),
      ),
    apiKey: (id: string) =>
      apiKeys.get(
        id,
        async () => {
          const row = await deps.apiKeys.findById(id);
          return row
            ? { id: row.id, iamId: row.iam_id, accountId: row.account_id, locked: row.locked === 1, disabled: row.disabled === 1, expiresAt: row.expires_at ? Date.parse(row.expires_at) : undefined }
            : null;
        },
        bypass(),
      ),
  };
}

export type IdentityStates = ReturnType<typeof createIdentityStates>;
