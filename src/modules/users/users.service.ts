/**
 * The people of an account (IBM User Management v2): listing, profiles, settings, disabling and removal.
 * A PENDING user (invited, not yet accepted) cannot be managed until they accept.
 */
import { ACTIONS, type Action } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import type { Transactor, UnitOfWork } from '#src/db/transactor.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { decodePageToken, encodePageToken, pageUrl } from '#src/platform/paging.js';
import type { AccountsRepo } from '#src/modules/accounts/accounts.repo.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { ApiKeysRepo } from '#src/modules/identity/apikeys.repo.js';
import type { InvitationsRepo } from '#src/modules/invitations/invitations.repo.js';
import { DEFAULT_SETTINGS } from '#src/modules/invitations/invitations.service.js';
import { TOPICS } from '#src/db/change-topics.js';
import type { RefreshTokensRepo } from '#src/modules/tokens/refresh-tokens.repo.js';
import type { UserRow, UserSearch, UsersRepo } from './users.repo.js';
import type { UpdateUserInput, UserProfileView, UserSettingsView } from './users.schemas.js';

const SEARCH_FIELDS = new Set(['firstname', 'lastname', 'email', 'state', 'iam_id', 'realm', 'user_id', 'userId']);

export interface UsersServiceDeps {
  /** Removes what an identity was granted (memberships, policies) when it goes. */
  forget: (uow: UnitOfWork, iamId: string) => Promise<void>;
  repo: UsersRepo;
  accounts: AccountsRepo;
  apiKeys: ApiKeysRepo;
  invitations: InvitationsRepo;
  refreshTokens: RefreshTokensRepo;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  publicUrl: string;
  /** The account's `restrict_user_list_visibility` (identity settings); restricted when not given. */
  userListRestricted?: (accountId: string) => Promise<boolean>;
}

/** Parses IBM's `search` (e.g. `state:ACTIVE,email:ravi`): comma-separated `field:value` terms, any of which may match. */
export function parseUserSearch(search: string | undefined): UserSearch['terms'] {
  if (!search) return [];
  return search.split(',').map((term) => {
    const sep = term.indexOf(':');
    const field = sep > 0 ? term.slice(0, sep).trim() : '';
    const value = term.slice(sep + 1).trim();
    if (!SEARCH_FIELDS.has(field) || !value) {
      throw appError('invalid_query', `query parameter 'search': '${term}' must be field:value with field one of firstname, lastname, email, state, iam_id, realm, user_id`);
    }
    return { field: (field === 'userId' ? 'user_id' : field) as UserSearch['terms'][number]['field'], value };
  });
}

export function createUsersService(deps: UsersServiceDeps) {
  const settingsOf = (row: UserRow): UserSettingsView => ({ ...DEFAULT_SETTINGS, ...(JSON.parse(row.settings) as Partial<UserSettingsView>) });

  const view = (row: UserRow, includeSettings = false): UserProfileView => ({
    id: row.iam_id,
    iam_id: row.iam_id,
    realm: row.realm,
    user_id: row.user_id,
    firstname: row.firstname,
    lastname: row.lastname,
    state: row.state,
    email: row.email,
    phonenumber: row.phonenumber,
    altphonenumber: row.altphonenumber,
    photo: row.photo,
    account_id: row.account_id,
    added_on: row.added_on,
    ...(includeSettings ? { settings: settingsOf(row) } : {}),
  });

  const load = async (ctx: RequestContext, accountId: string, iamId: string, action: Action): Promise<UserRow> => {
    deps.authorizer.require(ctx, action, { accountId, ownerIamId: iamId, type: 'user', id: iamId });
    const row = await deps.repo.findByIamId(iamId);
    if (!row || row.account_id !== accountId) throw appError('user_not_found', `user ${iamId} not found in account ${accountId}`);
    return row;
  };

  const assertManageable = (row: UserRow) =>
    assertThat(row.state !== 'PENDING', () => appError('user_pending', `user ${row.iam_id} has not accepted the invitation yet and cannot be managed until they do`));

  /** Ends every session and token of a user (disable, removal). */
  const revokeSessions = async (uow: UnitOfWork, iamId: string) => {
    await deps.refreshTokens.deleteForIdentity(uow.trx, iamId);
    uow.changed(TOPICS.user, iamId);
  };

  return {
    view,

    async list(ctx: RequestContext, accountId: string, query: { limit?: number; _start?: string; search?: string; include_settings?: boolean; user_id?: string }) {
      const principal = ctx.principal;
      if (!principal) throw appError('missing_token', 'authentication required');
      if (principal.accountId !== accountId) deps.authorizer.require(ctx, ACTIONS.userList, { accountId, type: 'users' });
      // With restricted visibility (the default), a member without the right to list users sees only themselves.
      const restricted = deps.userListRestricted ? await deps.userListRestricted(accountId) : true;
      const onlyIamId = !restricted || deps.authorizer.decide(principal, ACTIONS.userList, { accountId, type: 'users' }).permitted ? undefined : principal.iamId;
      const limit = query.limit ?? 100;
      const terms = parseUserSearch(query.search);
      if (query.user_id) terms.push({ field: 'user_id', value: query.user_id });
      const after = query._start ? decodePageToken(query._start, '_start', (v): v is { a: string } => typeof v.a === 'string').a : undefined;
      const rows = await deps.repo.list({ accountId, terms, afterIamId: after, limit: limit + 1, onlyIamId });
      const total = await deps.repo.count({ accountId, terms, onlyIamId });
      const page = rows.slice(0, limit);
      const base = { ...query, _start: undefined };
      const path = `/v2/accounts/${accountId}/users`;
      const last = page[page.length - 1];
      return {
        total_results: total,
        limit,
        first_url: pageUrl('', path, base, {}),
        ...(rows.length > limit && last ? { next_url: pageUrl('', path, base, { _start: encodePageToken({ a: last.iam_id }) }) } : {}),
        resources: page.map((r) => view(r, query.include_settings)),
      };
    },

    async get(ctx: RequestContext, accountId: string, iamId: string): Promise<UserProfileView> {
      return view(await load(ctx, accountId, iamId, ACTIONS.userRead));
    },

    async update(ctx: RequestContext, accountId: string, iamId: string, input: UpdateUserInput): Promise<void> {
      const row = await load(ctx, accountId, iamId, ACTIONS.userUpdate);
      assertManageable(row);
      const account = await deps.accounts.findById(accountId);
      if (input.state !== undefined || input.email !== undefined) {
        // Changing who can sign in is an administrator's act, never a self-service one.
        deps.authorizer.require(ctx, ACTIONS.userStateUpdate, { accountId, type: 'user', id: iamId });
        assertThat(!(account?.owner_iam_id === iamId && input.state === 'DISABLED'), () => appError('cannot_remove_owner', 'the account owner cannot be disabled'));
      }
      const email = input.email?.trim().toLowerCase();
      if (email && email !== row.email) {
        const clash = await deps.repo.findByEmail(accountId, email);
        assertThat(!clash, () => appError('user_already_member', `${email} is already used by another user of this account`));
      }
      const now = deps.clock.now().toISOString();
      await deps.transact(async (uow) => {
        const values = {
          ...(input.firstname !== undefined ? { firstname: input.firstname } : {}),
          ...(input.lastname !== undefined ? { lastname: input.lastname } : {}),
          ...(input.phonenumber !== undefined ? { phonenumber: input.phonenumber } : {}),
          ...(input.altphonenumber !== undefined ? { altphonenumber: input.altphonenumber } : {}),
          ...(input.photo !== undefined ? { photo: input.photo } : {}),
          ...(email ? { email, user_id: email } : {}),
          ...(input.state !== undefined ? { state: input.state } : {}),
          ...(input.state === 'DISABLED' && row.state !== 'DISABLED' ? { tokens_valid_after: now } : {}),
        };
        await deps.repo.updateByIamId(uow.trx, iamId, { ...values, updated_at: now });
        if (input.state === 'DISABLED' || (email && email !== row.email)) await revokeSessions(uow, iamId);
        uow.changed(TOPICS.user, iamId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.userUpdate, target: { type: 'user', id: iamId }, outcome: 'success', status: 204, details: { fields: Object.keys(values).filter((k) => k !== 'tokens_valid_after'), state: input.state } });
      });
    },

    /** Removes a user, their API keys and sessions; a pending user's invitation is revoked with them. */
    async remove(ctx: RequestContext, accountId: string, iamId: string): Promise<void> {
      const row = await load(ctx, accountId, iamId, ACTIONS.userRemove);
      const account = await deps.accounts.findById(accountId);
      assertThat(account?.owner_iam_id !== iamId, () => appError('cannot_remove_owner', 'the account owner cannot be removed'));
      const now = deps.clock.now().toISOString();
      await deps.transact(async (uow) => {
        for (const key of await deps.apiKeys.idsForIdentity(iamId, uow.trx)) uow.changed(TOPICS.apiKey, key.id);
        await deps.apiKeys.deleteForIdentity(uow.trx, iamId);
        await deps.invitations.revokeAllForUser(uow.trx, iamId, now);
        await revokeSessions(uow, iamId);
        await deps.forget(uow, iamId);
        await deps.repo.deleteByIamId(uow.trx, iamId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.userRemove, target: { type: 'user', id: iamId }, outcome: 'success', status: 204, details: { email: row.email, state: row.state } });
      });
    },

    /**
     * IBM's `POST /v2/users/accept`: in qgate a person joins an account by the emailed link, which
     * makes them ACTIVE; a signed-in caller is therefore already a member of their own account.
     */
    async acceptAsMember(ctx: RequestContext, accountId: string | undefined): Promise<void> {
      const principal = ctx.principal;
      assertThat(principal?.kind === 'user', () => appError('insufficient_permissions', 'only people accept invitations'));
      assertThat(!accountId || accountId === principal.accountId, () => appError('invitation_not_found', `you have no invitation to account ${accountId}`));
    },

    async getSettings(ctx: RequestContext, accountId: string, iamId: string): Promise<UserSettingsView> {
      return settingsOf(await load(ctx, accountId, iamId, ACTIONS.userSettingsRead));
    },

    async updateSettings(ctx: RequestContext, accountId: string, iamId: string, patch: Partial<UserSettingsView>): Promise<void> {
      const row = await load(ctx, accountId, iamId, ACTIONS.userSettingsUpdate);
      assertManageable(row);
      if (patch.allowed_ip_addresses) {
        for (const entry of patch.allowed_ip_addresses.split(',').map((s) => s.trim()).filter(Boolean)) {
          assertThat(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry), () => appError('invalid_body', `field 'allowed_ip_addresses': '${entry}' is not an IP address or CIDR range`));
        }
      }
      const settings = { ...settingsOf(row), ...patch };
      await deps.transact(async (uow) => {
        await deps.repo.updateByIamId(uow.trx, iamId, { settings: JSON.stringify(settings), updated_at: deps.clock.now().toISOString() });
        uow.changed(TOPICS.user, iamId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.userSettingsUpdate, target: { type: 'user', id: iamId }, outcome: 'success', status: 204, details: { fields: Object.keys(patch) } });
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
