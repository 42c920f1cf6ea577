/**
 * The IAM token service: exchanges an API key, a password or a refresh token for an RS256 access
 * token carrying IBM's claims.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '#src/db/schema.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { ids, USER_REALM } from '#src/platform/ids.js';
import { randomSecret, sha256Hex } from '#src/platform/secrets.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { ApiKeysRepo } from '#src/modules/identity/apikeys.repo.js';
import type { PasswordHasher } from '#src/modules/passwords/password-hasher.js';
import type { UsersRepo } from '#src/modules/users/users.repo.js';
import type { IdentityStates, ServiceIdState, UserState } from './identity-states.js';
import { signRs256 } from './jwt.js';
import type { LoginThrottle } from './login-throttle.js';
import type { RefreshTokensRepo } from './refresh-tokens.repo.js';
import type { SigningKeys } from './signing-keys.js';

export const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey';

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
  expiration: number;
  scope: string;
}

export interface TokenServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  log: Logger;
  issuer: string;
  tokenTtl: number;
  refreshTokenTtl: number;
  keys: SigningKeys;
  states: IdentityStates;
  apiKeys: ApiKeysRepo;
  users: UsersRepo;
  refreshTokens: RefreshTokensRepo;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  audit: AuditService;
  /** Account-wide rules from the identity settings: allowed addresses and session lifetimes. */
  accountPolicy?: AccountPolicy;
}

export interface AccountPolicy {
  /** Throws `ip_address_not_allowed` when the account does not allow `ip`. */
  checkAddress(accountId: string, ip: string): Promise<void>;
  /** Seconds a session may last in all (`expiration`) and unused (`invalidation`); undefined: no limit beyond the refresh token's. */
  sessionLimits(accountId: string): Promise<{ expiration: number | undefined; invalidation: number | undefined }>;
  /** False when the identity provider of a federated realm is disabled or gone: its people's sessions end. */
  realmSignInAllowed?(realm: string): Promise<boolean>;
}

type Identity = { kind: 'user'; user: UserState } | { kind: 'serviceid'; serviceId: ServiceIdState };

export function createTokenService(deps: TokenServiceDeps) {
  /**
   * Successful API key exchanges, per key, since the last flush: recorded as the key's last-used time
   * and as one audit event per key and interval (a busy client signs in thousands of times a minute).
   */
  const activity = new Map<string, { at: string; count: number; accountId: string; iamId: string; ip: string; requestId: string }>();
  const flushActivity = async () => {
    if (activity.size === 0) return;
    const batch = new Map(activity);
    activity.clear();
    for (const [id, a] of batch) {
      deps.audit.recordLater(
        { principal: undefined, requestId: a.requestId, ip: a.ip },
        { action: 'iam-identity.token.apikey', outcome: 'success', status: 200, accountId: a.accountId, actorIamId: a.iamId, target: { type: 'apikey', id }, details: { tokens_issued: a.count, last_at: a.at } },
      );
    }
    await deps.apiKeys.recordActivity(batch).catch((err: unknown) => deps.log.warn({ err }, 'could not record API key activity'));
  };
  const activityTimer = setInterval(() => void flushActivity(), 2000);
  activityTimer.unref();

  async function sign(identity: Identity, grantType: string, extra: { apikeyId?: string; amr: string[] }): Promise<{ token: string; iat: number; exp: number }> {
    const { kid, privateKey } = await deps.keys.current();
    let iat = Math.floor(deps.clock.now().getTime() / 1000);
    // Tokens dated at or before the second of a revocation are refused; one issued in that very
    // second (after re-enabling a user) is dated the next second so that it is not.
    if (identity.kind === 'user') iat = Math.max(iat, Math.floor(identity.user.tokensValidAfter / 1000) + 1);
    const exp = iat + deps.tokenTtl;
    const common = { jti: ids.event(), iat, exp, iss: deps.issuer, grant_type: grantType, scope: 'ibm openid', client_id: 'default', acr: 1, amr: extra.amr };
    let claims: Record<string, unknown>;
    if (identity.kind === 'user') {
      const u = identity.user;
      const name = `${u.firstname} ${u.lastname}`.trim() || u.email;
      claims = {
        iam_id: u.iamId, id: u.iamId, realmid: u.realm || USER_REALM, identifier: u.iamId.replace(/^[^-]+-/, ''),
        given_name: u.firstname, family_name: u.lastname, name, email: u.email, sub: u.email,
        authn: { sub: u.email, iam_id: u.iamId, name, given_name: u.firstname, family_name: u.lastname, email: u.email },
        account: { valid: true, bss: u.accountId },
        ...common,
      };
    } else {
      const s = identity.serviceId;
      claims = {
        iam_id: s.iamId, id: s.iamId, realmid: 'iam', identifier: s.id, name: s.name, sub: s.id, sub_type: 'ServiceId',
        authn: { sub: s.id, iam_id: s.iamId, sub_type: 'ServiceId', name: s.name },
        account: { valid: true, bss: s.accountId, frozen: true },
        ...common,
      };
    }
    if (extra.apikeyId) claims.apikey_id = extra.apikeyId;
    return { token: await signRs256(claims, privateKey, kid), iat, exp };
  }

  function response(access: { token: string; exp: number }, refreshToken: string): TokenResponse {
    return { access_token: access.token, refresh_token: refreshToken, token_type: 'Bearer', expires_in: deps.tokenTtl, expiration: access.exp, scope: 'ibm openid' };
  }

  /** Issues a refresh token of a session that began at `sessionStart`, bounded by the account's session limits. */
  async function issueRefreshToken(user: UserState, familyId: string, sessionStart: Date): Promise<string> {
    const value = randomSecret();
    const now = deps.clock.now();
    const limits = await deps.accountPolicy?.sessionLimits(user.accountId);
    const expires = Math.min(
      now.getTime() + deps.refreshTokenTtl * 1000,
      limits?.invalidation !== undefined ? now.getTime() + limits.invalidation * 1000 : Infinity,
      limits?.expiration !== undefined ? sessionStart.getTime() + limits.expiration * 1000 : Infinity,
    );
    await deps.refreshTokens.insert(deps.db, {
      id: ids.refreshToken(), digest: sha256Hex(value), family_id: familyId, account_id: user.accountId, iam_id: user.iamId, apikey_id: null,
      client_id: 'default', created_at: now.toISOString(), expires_at: new Date(expires).toISOString(), used_at: null, session_started_at: sessionStart.toISOString(),
    });
    return value;
  }

  /** Refuses (and records) a token request from an address the identity's account does not allow. */
  async function checkAddress(ctx: RequestContext, action: string, accountId: string, iamId: string): Promise<void> {
    try {
      await deps.accountPolicy?.checkAddress(accountId, ctx.ip);
    } catch (err) {
      deps.audit.recordLater(ctx, { action, outcome: 'denied', status: 403, accountId, actorIamId: iamId, details: { reason: 'ip_address_not_allowed' } });
      throw err;
    }
  }

  const refuse = (ctx: RequestContext, action: string, code: Parameters<typeof appError>[0], message: string, accountId: string | null = null, actor: string | null = null) => {
    deps.audit.recordLater(ctx, { action, outcome: 'denied', status: 400, accountId, actorIamId: actor, details: { reason: code } });
    return appError(code, message);
  };

  return {
    async exchangeApiKey(apikey: string, ctx: RequestContext): Promise<TokenResponse> {
      const action = 'iam-identity.token.apikey';
      await deps.throttle.checkAddress(ctx.ip);
      const id = await deps.states.apiKeyIdByDigest(sha256Hex(apikey));
      const state = id ? await deps.states.apiKey(id) : null;
      if (!state) {
        await deps.throttle.recordAddressFailure(ctx.ip);
        throw refuse(ctx, action, 'apikey_not_found', 'Provided API key could not be found.');
      }
      const now = deps.clock.now().getTime();
      if (state.locked || state.disabled) {
        throw refuse(ctx, action, 'apikey_locked_or_disabled', 'Provided API key is locked or disabled.', state.accountId, state.iamId);
      }
      if (state.expiresAt !== undefined && state.expiresAt <= now) throw refuse(ctx, action, 'apikey_expired', 'Provided API key has expired.', state.accountId, state.iamId);
      let identity: Identity;
      if (state.iamId.startsWith('iam-ServiceId-')) {
        const serviceId = await deps.states.serviceId(state.iamId);
        if (!serviceId) throw refuse(ctx, action, 'apikey_not_found', 'Provided API key could not be found.', state.accountId, state.iamId);
        identity = { kind: 'serviceid', serviceId };
      } else {
        const user = await deps.states.user(state.iamId);
        if (!user || user.state !== 'ACTIVE') throw refuse(ctx, action, 'apikey_locked_or_disabled', 'The user of this API key is not active.', state.accountId, state.iamId);
        identity = { kind: 'user', user };
      }
      await checkAddress(ctx, action, state.accountId, state.iamId);
      const access = await sign(identity, APIKEY_GRANT, { apikeyId: state.id, amr: ['pwd'] });
      const entry = activity.get(state.id);
      activity.set(state.id, { at: new Date(now).toISOString(), count: (entry?.count ?? 0) + 1, accountId: state.accountId, iamId: state.iamId, ip: ctx.ip, requestId: ctx.requestId });
      return response(access, 'not_supported');
    },

    async passwordGrant(username: string, password: string, accountId: string | undefined, ctx: RequestContext): Promise<TokenResponse> {
      const action = 'iam-identity.token.password';
      const name = username.trim().toLowerCase();
      const user = await deps.throttle.oneAtATime(name, ctx.ip, async () => {
        await deps.throttle.check(name, ctx.ip);
        const candidates = (await deps.users.findAllByEmail(name)).filter((u) => u.state === 'ACTIVE' && u.password_hash && (!accountId || u.account_id === accountId));
        const found = candidates.length === 1 ? candidates[0] : undefined;
        const ok = found?.password_hash ? await deps.hasher.verify(found.password_hash, password) : (await deps.hasher.verifyDummy(password), false);
        if (!ok || !found) {
          await deps.throttle.recordFailure(name, ctx.ip);
          const message = candidates.length > 1 ? 'This email belongs to several accounts; add the account parameter.' : 'The provided username or password is incorrect.';
          throw refuse(ctx, action, 'invalid_credentials', message, found?.account_id ?? null, found?.iam_id ?? null);
        }
        await deps.throttle.recordSuccess(name, ctx.ip);
        return found;
      });
      const state = await deps.states.user(user.iam_id);
      if (!state) throw refuse(ctx, action, 'invalid_credentials', 'The provided username or password is incorrect.');
      await checkAddress(ctx, action, state.accountId, state.iamId);
      const access = await sign({ kind: 'user', user: state }, 'password', { amr: ['pwd'] });
      const refresh = await issueRefreshToken(state, ids.refreshToken(), deps.clock.now());
      deps.audit.recordLater(ctx, { action, outcome: 'success', status: 200, accountId: state.accountId, actorIamId: state.iamId, target: { type: 'user', id: state.iamId } });
      return response(access, refresh);
    },

    /**
     * Rotates a refresh token: each is single-use, and presenting a used one revokes its whole
     * family (it was stolen, or replayed).
     */
    async refreshGrant(refreshToken: string, ctx: RequestContext): Promise<TokenResponse> {
      const action = 'iam-identity.token.refresh';
      const now = deps.clock.now();
      const digest = sha256Hex(refreshToken);
      const outcome = await deps.db.transaction().execute(async (trx) => {
        const row = await deps.refreshTokens.findByDigest(trx, digest);
        if (!row || Date.parse(row.expires_at) <= now.getTime()) return { error: 'invalid' as const };
        if (row.used_at || !(await deps.refreshTokens.markUsed(trx, row.id, now.toISOString()))) {
          // A replay means the token was copied: the session ends, and the trail says why with the change.
          await deps.refreshTokens.deleteFamily(trx, row.family_id);
          await deps.audit.record(trx, ctx, {
            action, outcome: 'denied', status: 400, accountId: row.account_id, actorIamId: row.iam_id, target: { type: 'user', id: row.iam_id },
            details: { reason: 'refresh_token_reused', session_ended: true },
          });
          return { error: 'reused' as const, row };
        }
        return { row };
      });
      if (outcome.error === 'invalid') throw refuse(ctx, action, 'invalid_refresh_token', 'The refresh token is invalid or expired.');
      if (outcome.error === 'reused') throw appError('invalid_refresh_token', 'The refresh token was already used; its session has been ended.');
      const user = await deps.states.user(outcome.row.iam_id);
      if (!user || user.state !== 'ACTIVE' || Date.parse(outcome.row.created_at) <= user.tokensValidAfter) {
        throw refuse(ctx, action, 'invalid_refresh_token', 'The refresh token is invalid or expired.', outcome.row.account_id, outcome.row.iam_id);
      }
      const sessionStart = new Date(outcome.row.session_started_at ?? outcome.row.created_at);
      // The account's session limits as they are now, not as they were when this token was issued.
      const limits = await deps.accountPolicy?.sessionLimits(user.accountId);
      const ended = (limits?.expiration !== undefined && now.getTime() > sessionStart.getTime() + limits.expiration * 1000)
        || (limits?.invalidation !== undefined && now.getTime() > Date.parse(outcome.row.created_at) + limits.invalidation * 1000);
      if (ended) throw refuse(ctx, action, 'invalid_refresh_token', 'The refresh token is invalid or expired.', outcome.row.account_id, outcome.row.iam_id);
      if (user.realm !== USER_REALM && deps.accountPolicy?.realmSignInAllowed && !(await deps.accountPolicy.realmSignInAllowed(user.realm))) {
        throw refuse(ctx, action, 'invalid_refresh_token', 'The refresh token is invalid or expired.', outcome.row.account_id, outcome.row.iam_id);
      }
      await checkAddress(ctx, action, user.accountId, user.iamId);
      const access = await sign({ kind: 'user', user }, 'refresh_token', { amr: [user.realm === USER_REALM ? 'pwd' : 'ext'] });
      const refresh = await issueRefreshToken(user, outcome.row.family_id, sessionStart);
      deps.audit.recordLater(ctx, { action, outcome: 'success', status: 200, accountId: user.accountId, actorIamId: user.iamId, target: { type: 'user', id: user.iamId } });
      return response(access, refresh);
    },

    /**
     * Starts a session for a person another component has already authenticated (federated sign-in):
     * an access token and a refresh token, as the password grant answers.
     */
    async signInAuthenticated(iamId: string, grantType: string, ctx: RequestContext): Promise<TokenResponse> {
      const action = `iam-identity.token.${grantType}`;
      const user = await deps.states.user(iamId);
      if (!user || user.state !== 'ACTIVE') throw refuse(ctx, action, 'invalid_authorization_code', 'The user of this code is not active.', user?.accountId ?? null, iamId);
      if (user.realm !== USER_REALM && deps.accountPolicy?.realmSignInAllowed && !(await deps.accountPolicy.realmSignInAllowed(user.realm))) {
        throw refuse(ctx, action, 'invalid_authorization_code', 'The identity provider of this code was disabled meanwhile.', user.accountId, iamId);
      }
      await checkAddress(ctx, action, user.accountId, user.iamId);
      const access = await sign({ kind: 'user', user }, grantType, { amr: ['ext'] });
      const refresh = await issueRefreshToken(user, ids.refreshToken(), deps.clock.now());
      deps.audit.recordLater(ctx, { action, outcome: 'success', status: 200, accountId: user.accountId, actorIamId: user.iamId, target: { type: 'user', id: user.iamId } });
      return response(access, refresh);
    },

    /** Writes the API key activity gathered so far (last-used times and their audit events). */
    flush: flushActivity,

    async close(): Promise<void> {
      clearInterval(activityTimer);
      await flushActivity();
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
