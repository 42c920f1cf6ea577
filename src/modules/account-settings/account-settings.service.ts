/**
 * IAM Identity account settings: who may create API keys, who may see the user list, how long a
 * sign-in session lasts, and from which addresses the account may be used.
 *
 * @remarks Every request needs the effective settings of its caller's account, so they are cached per
 * node and dropped on every node when they change (change feed topic `account-settings`).
 */
import { ACTIONS } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import type { Principal } from '#src/authz/principal.js';
import type { ChangeFeed } from '#src/db/change-feed.js';
import { TOPICS } from '#src/db/change-topics.js';
import { isUniqueViolation } from '#src/db/dialect.js';
import type { Transactor } from '#src/db/transactor.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { entityTag, ifMatchSatisfied } from '#src/platform/etag.js';
import { InvalidatingCache } from '#src/platform/invalidating-cache.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { AccountSettingsRepo } from './account-settings.repo.js';
import type { SettingsInput, SettingsView } from './account-settings.schemas.js';
import { parseAllowList, type IpAllowList } from './ip-allow-list.js';

type StoredSettings = Omit<SettingsView, 'account_id' | 'entity_tag' | 'history'>;

/** What an account has before anyone changes it. User list visibility starts restricted (qgate's behaviour before this setting existed). */
export const DEFAULT_SETTINGS: StoredSettings = {
  restrict_create_service_id: 'NOT_SET',
  restrict_create_platform_apikey: 'NOT_SET',
  restrict_user_list_visibility: 'RESTRICTED',
  allowed_ip_addresses: '',
  mfa: 'NONE',
  user_mfa: [],
  session_expiration_in_seconds: 'NOT_SET',
  session_invalidation_in_seconds: 'NOT_SET',
  max_sessions_per_identity: 'NOT_SET',
  system_access_token_expiration_in_seconds: 'NOT_SET',
  system_refresh_token_expiration_in_seconds: 'NOT_SET',
  restrict_user_domains: [],
};

/** The settings as enforcement reads them. */
export interface EffectiveSettings {
  readonly restrictApiKeyCreation: boolean;
  /** Creating a service ID needs the permission; false only when the account chose NOT_RESTRICTED (qgate's default is restricted). */
  readonly restrictServiceIdCreation: boolean;
  readonly restrictUserList: boolean;
  /** Longest a sign-in session (a refresh token family) lasts, seconds. */
  readonly sessionExpiration: number | undefined;
  /** Longest a session may sit unused, seconds. */
  readonly sessionInvalidation: number | undefined;
  readonly allowList: IpAllowList;
}

export interface AccountSettingsServiceDeps {
  repo: AccountSettingsRepo;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  feed: ChangeFeed;
  clock: Clock;
}

const seconds = (field: string, value: string | undefined, min: number, max: number): void => {
  if (value === undefined || value === 'NOT_SET') return;
  assertThat(/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max, () => appError('invalid_body', `field '${field}' must be a whole number of seconds from ${min} to ${max}, or NOT_SET`));
};

/** Settings whose old and new values the audit trail keeps (they decide who can get in, and for how long). */
const AUDITED_VALUES = ['allowed_ip_addresses', 'session_expiration_in_seconds', 'session_invalidation_in_seconds'] as const;

const number = (value: string): number | undefined => (value === 'NOT_SET' ? undefined : Number(value));

export function createAccountSettingsService(deps: AccountSettingsServiceDeps) {
  const cache = new InvalidatingCache<EffectiveSettings>(10_000);
  deps.feed.subscribe((change) => {
    if (change === 'all') cache.clear();
    else if (change.topic === TOPICS.accountSettings) cache.invalidate(change.key);
  });

  const stored = async (accountId: string) => {
    const row = await deps.repo.find(accountId);
    return { settings: { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.settings) as Partial<StoredSettings>) : {}) }, version: row?.version ?? 0 };
  };

  const view = (accountId: string, settings: StoredSettings, version: number): SettingsView => ({ account_id: accountId, entity_tag: entityTag(accountId, version), ...settings });

  const effectiveOf = (s: StoredSettings): EffectiveSettings => ({
    restrictApiKeyCreation: s.restrict_create_platform_apikey === 'RESTRICTED',
    restrictServiceIdCreation: s.restrict_create_service_id !== 'NOT_RESTRICTED',
    restrictUserList: s.restrict_user_list_visibility !== 'NOT_RESTRICTED',
    sessionExpiration: number(s.session_expiration_in_seconds),
    sessionInvalidation: number(s.session_invalidation_in_seconds),
    allowList: parseAllowList(s.allowed_ip_addresses),
  });

  const validate = (input: SettingsInput) => {
    seconds('session_expiration_in_seconds', input.session_expiration_in_seconds, 900, 86_400);
    seconds('session_invalidation_in_seconds', input.session_invalidation_in_seconds, 900, 7200);
    for (const field of ['max_sessions_per_identity', 'system_access_token_expiration_in_seconds', 'system_refresh_token_expiration_in_seconds'] as const) {
      assertThat(input[field] === undefined || input[field] === 'NOT_SET', () => appError('invalid_body', `field '${field}' must be NOT_SET: qgate does not enforce it (the server's QGATE_TOKEN_TTL and QGATE_REFRESH_TOKEN_TTL apply)`));
    }
    assertThat(input.mfa === undefined || input.mfa === 'NONE', () => appError('invalid_body', "field 'mfa' must be NONE: qgate has no second factor of its own (require one at your identity provider)"));
    if (input.allowed_ip_addresses !== undefined) {
      try {
        parseAllowList(input.allowed_ip_addresses);
      } catch (err) {
        throw appError('invalid_body', `field 'allowed_ip_addresses' ${(err as Error).message}; give comma-separated addresses or CIDR ranges such as 192.0.2.10, 198.51.100.0/24`);
      }
    }
  };

  const effective = (accountId: string): Promise<EffectiveSettings> =>
    cache.get(accountId, async () => effectiveOf((await stored(accountId)).settings), !deps.feed.trusted);

  /** Refuses a caller whose address the account does not allow. */
  const checkAddress = async (accountId: string, ip: string): Promise<void> => {
    const { allowList } = await effective(accountId);
    if (!allowList.allows(ip)) throw appError('ip_address_not_allowed', `the account does not allow access from ${ip}; its allowed IP addresses are set in its identity settings`);
  };

  return {
    effective,
    checkAddress,

    /** Request-pipeline hook: every authenticated request comes from an address its account allows. */
    async checkRequest(principal: Principal | undefined, ip: string): Promise<void> {
      if (principal) await checkAddress(principal.accountId, ip);
    },

    async get(ctx: RequestContext, accountId: string, includeHistory = false): Promise<SettingsView> {
      deps.authorizer.require(ctx, ACTIONS.identitySettingsRead, { accountId, type: 'account settings', id: accountId });
      const { settings, version } = await stored(accountId);
      const out = view(accountId, settings, version);
      if (includeHistory) out.history = await deps.audit.history(accountId, accountId);
      return out;
    },

    async update(ctx: RequestContext, accountId: string, ifMatch: string | undefined, input: SettingsInput): Promise<SettingsView> {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the settings' entity_tag, or * to overwrite"));
      deps.authorizer.require(ctx, ACTIONS.identitySettingsUpdate, { accountId, type: 'account settings', id: accountId });
      validate(input);
      const current = await stored(accountId);
      assertThat(ifMatchSatisfied(ifMatch, entityTag(accountId, current.version)), () => appError('entity_tag_mismatch', 'If-Match does not match the current entity_tag of the account settings; read them again and retry'));
      if (input.allowed_ip_addresses !== undefined && input.allowed_ip_addresses !== current.settings.allowed_ip_addresses) {
        // An address restriction can lock the whole account out: Administrators only, and never excluding the caller.
        deps.authorizer.require(ctx, ACTIONS.allowedAddressesUpdate, { accountId, type: 'account settings', id: accountId });
        assertThat(parseAllowList(input.allowed_ip_addresses).allows(ctx.ip), () =>
          appError('invalid_body', `field 'allowed_ip_addresses' must include your own address ${ctx.ip}, or this change would lock you out; add it (or a range holding it)`));
      }
      const settings: StoredSettings = { ...current.settings };
      for (const [key, value] of Object.entries(input)) if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const key of AUDITED_VALUES) {
        if (input[key] !== undefined && input[key] !== current.settings[key]) changes[key] = { before: current.settings[key], after: input[key] };
      }
      const version = current.version + 1;
      await deps.transact(async (uow) => {
        let saved: boolean;
        try {
          saved = await deps.repo.save(uow.trx, { account_id: accountId, settings: JSON.stringify(settings), version, modified_at: deps.clock.now().toISOString(), modified_by: ctx.principal?.iamId ?? '' });
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          saved = false;
        }
        assertThat(saved, () => appError('entity_tag_mismatch', 'the account settings changed meanwhile; read them again and retry'));
        uow.changed(TOPICS.accountSettings, accountId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.identitySettingsUpdate, target: { type: 'account', id: accountId }, outcome: 'success', status: 200, details: { fields: Object.keys(input), changes } });
      });
      return view(accountId, settings, version);
    },
  };
}

export type AccountSettingsService = ReturnType<typeof createAccountSettingsService>;
