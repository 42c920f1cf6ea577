/**
 * Federated sign-in, as a native-app OAuth exchange with qgate (RFC 8252, RFC 7636) in front of
 * an authorization-code flow with the account's identity provider (docs/federation.md).
 *
 * 1. The client (console, CLI) opens `/login/<realm>?redirect_uri&state&code_challenge`: qgate checks
 *    the redirect URI (its own origin, or loopback), remembers the request, and sends the browser to
 *    the provider with its own state, nonce and PKCE challenge.
 * 2. The provider returns to `/login/<realm>/callback`: qgate takes the remembered request (once),
 *    redeems the provider's code, verifies the ID token, finds or makes the user, applies the access
 *    groups' dynamic rules, and returns to the client with a one-time code (60 s).
 * 3. The client redeems the code at `POST /identity/token` with its PKCE verifier.
 */
import crypto from 'node:crypto';
import type { JWTPayload } from 'jose';
import { isUniqueViolation } from '#src/db/dialect.js';
import type { Transactor } from '#src/db/transactor.js';
import { AppError, assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { constantTimeEquals, randomSecret, sha256Hex } from '#src/platform/secrets.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { LoginThrottle } from '#src/modules/tokens/login-throttle.js';
import type { FederatedUsers } from './federated-users.js';
import type { OidcClient } from './oidc-client.js';
import type { ProviderRow, ProvidersRepo } from './providers.repo.js';
import type { SecretBox } from './secret-box.js';
import type { SignInRepo } from './sign-in.repo.js';

const LOGIN_TTL_MS = 10 * 60_000;
const CODE_TTL_MS = 60_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The console's page that redeems the code: the only page of qgate's own origin a code may be sent to. */
export const CONSOLE_CALLBACK_PATH = '/signin/callback';
/** A browser's sign-in binding: 256 random bits, set when a sign-in starts and required when it returns. */
const BROWSER_BINDING = /^[A-Za-z0-9_-]{43}$/;

export interface StartRequest {
  redirect_uri?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  login_hint?: string;
}

interface Remembered {
  /** SHA-256 of the browser binding cookie the sign-in was started with. */
  browser: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  clientState: string;
  challenge: string;
}

/** Applies the account's dynamic rules to a person who just signed in with these claims. */
export interface RuleApplier {
  /** Whether the account has dynamic rules for these realms: only then may a sign-in join groups, under the memberships lock. */
  hasRules(accountId: string, realms: string[]): Promise<boolean>;
  apply(uow: Parameters<Parameters<Transactor>[0]>[0], ctx: RequestContext, input: { accountId: string; iamId: string; realms: string[]; claims: Record<string, unknown>; joining: boolean }): Promise<void>;
}

export interface SignInServiceDeps {
  providers: ProvidersRepo;
  /** Counts sign-ins started per address in the store, so every node shares the limit. */
  throttle: Pick<LoginThrottle, 'recordSignInStart'>;
  repo: SignInRepo;
  oidc: OidcClient;
  box: SecretBox;
  users: FederatedUsers;
  applyRules: RuleApplier;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  publicUrl: string;
  /** Throws `ip_address_not_allowed` when the account does not allow the address. */
  checkAddress: (accountId: string, ip: string) => Promise<void>;
}

/** The unique constraints two simultaneous sign-ins of one person can collide on (user, email, dynamic membership), by name or SQLite's column list. */
const RACE_CONSTRAINTS = /users_realm_subject_unique|users_account_email_unique|access_group_members_pk|users\.realm, users\.idp_subject|users\.account_id, users\.email|access_group_members\.group_id, access_group_members\.iam_id/;
function sameSignInRace(err: unknown): boolean {
  if (!isUniqueViolation(err)) return false;
  const { constraint, message } = err as { constraint?: string; message?: string };
  return RACE_CONSTRAINTS.test(`${constraint ?? ''} ${message ?? ''}`);
}

const s256 = (verifier: string) => crypto.createHash('sha256').update(verifier).digest('base64url');

export function createSignInService(deps: SignInServiceDeps) {
  const publicOrigin = new URL(deps.publicUrl);
  const callbackUrl = (realm: string) => `${deps.publicUrl}/login/${realm}/callback`;
  const invalid = (message: string) => appError('federation_request_invalid', message);

  const consoleCallback = `${deps.publicUrl}${CONSOLE_CALLBACK_PATH}`;
  /**
   * RFC 8252 §7.3 loopback redirects (any port), or the console's callback page. No other page of
   * qgate's own origin: a code sent to, say, another realm's `/login/<realm>/callback` would be
   * handed to that realm's provider, which may be an attacker's.
   */
  const checkRedirectUri = (value: string | undefined): string => {
    assertThat(value, () => invalid("query parameter 'redirect_uri' is required: where to return the one-time code"));
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw invalid("query parameter 'redirect_uri' must be an absolute URL");
    }
    const ownOrigin = url.origin === publicOrigin.origin;
    const isConsole = ownOrigin && `${url.origin}${url.pathname}` === consoleCallback && !url.search;
    const loopback = !ownOrigin && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
    assertThat((isConsole || loopback) && !url.hash && !url.username && !url.password, () =>
      invalid(`query parameter 'redirect_uri' must be ${consoleCallback} (the console) or a loopback address (http://127.0.0.1:<port>/…), without a fragment`));
    return value;
  };

  const withParams = (base: string, params: Record<string, string | undefined>): string => {
    const url = new URL(base);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  };

  const enabledProvider = async (realm: string): Promise<ProviderRow> => {
    const provider = await deps.providers.findByRealm(realm);
    if (!provider) throw appError('identity_provider_not_found', `no identity provider has realm ${realm}`);
    if (provider.enabled !== 1) throw appError('federated_user_refused', `sign-in through ${provider.name} is disabled in this account`);
    return provider;
  };

  /** Opens a sealed value; a failure means this node's secrets key differs from the one that sealed it. */
  const openSealed = (sealed: string, context: string): string => {
    try {
      return deps.box.open(sealed, context);
    } catch {
      throw appError('identity_provider_error', 'this server cannot decrypt the sign-in secrets: every node sharing the store needs the same QGATE_SECRETS_KEY (docs/operations.md)');
    }
  };

  const refusal = (ctx: RequestContext, provider: ProviderRow | undefined, realm: string, err: AppError) =>
    deps.audit.recordLater(ctx, {
      action: 'iam-identity.federated-sign-in', outcome: 'denied', status: err.status, accountId: provider?.account_id ?? null,
      details: { realm_id: realm, reason: (err as { auditReason?: string }).auditReason ?? err.code, message: err.message },
    });

  /** What the client is told: the provider's own failures in detail only in the audit trail (they name internal addresses). */
  const clientError = (err: AppError) => (err.code === 'identity_provider_error'
    ? { error: 'temporarily_unavailable', error_description: 'the identity provider could not be used; the account\'s audit trail records why' }
    : { error: 'access_denied', error_description: err.message });

  return {
    /**
     * Step 1: returns the provider's authorization URL, or the client's redirect URI with an error,
     * and the browser binding to set as a cookie (`binding`: the one the browser sent, if well-formed).
     */
    async start(ctx: RequestContext, realm: string, q: StartRequest, binding: string | undefined): Promise<{ location: string; binding: string }> {
      const browser = binding && BROWSER_BINDING.test(binding) ? binding : randomSecret();
      await deps.throttle.recordSignInStart(ctx.ip);
      const redirectUri = checkRedirectUri(q.redirect_uri);
      assertThat(q.state && q.state.length <= 512, () => invalid("query parameter 'state' is required (at most 512 characters): the client's own value, returned with the code"));
      assertThat(q.code_challenge && /^[A-Za-z0-9_-]{43,128}$/.test(q.code_challenge), () => invalid("query parameter 'code_challenge' is required: the base64url SHA-256 of the client's code verifier (RFC 7636)"));
      assertThat(q.code_challenge_method === 'S256', () => invalid("query parameter 'code_challenge_method' must be S256"));
      let provider: ProviderRow | undefined;
      try {
        provider = await enabledProvider(realm);
        const doc = await deps.oidc.discover(provider.issuer);
        const state = randomSecret();
        const remembered: Remembered = { browser: sha256Hex(browser), nonce: randomSecret(), verifier: randomSecret(48), redirectUri, clientState: q.state, challenge: q.code_challenge };
        const digest = sha256Hex(state);
        const now = deps.clock.now();
        await deps.repo.deleteExpired(now.toISOString());
        await deps.repo.insertLogin({ state_digest: digest, provider_id: provider.id, realm_id: realm, secrets_encrypted: deps.box.seal(JSON.stringify(remembered), digest), expires_at: new Date(now.getTime() + LOGIN_TTL_MS).toISOString() });
        return { binding: browser, location: withParams(doc.authorization_endpoint, {
          response_type: 'code', client_id: provider.client_id, redirect_uri: callbackUrl(realm), scope: provider.scopes, state, nonce: remembered.nonce,
          code_challenge: s256(remembered.verifier), code_challenge_method: 'S256', ...(q.login_hint ? { login_hint: q.login_hint.slice(0, 320) } : {}),
        }) };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refusal(ctx, provider, realm, err);
        return { binding: browser, location: withParams(redirectUri, { ...clientError(err), state: q.state }) };
      }
    },

    /** Step 2: returns the client's redirect URI with a one-time code, or with an error. */
    async callback(ctx: RequestContext, realm: string, q: { code?: string; state?: string; error?: string; error_description?: string; iss?: string }, binding: string | undefined): Promise<string> {
      const row = q.state ? await deps.repo.takeLogin(sha256Hex(q.state)) : undefined;
      const now = deps.clock.now();
      if (!row || row.realm_id !== realm || Date.parse(row.expires_at) <= now.getTime()) {
        throw appError('federation_state_invalid', 'this sign-in is unknown, already completed or older than 10 minutes; start it again from the console or the CLI');
      }
      const remembered = JSON.parse(openSealed(row.secrets_encrypted, row.state_digest)) as Remembered;
      // The browser that returns must be the one that started: a sign-in link made by someone else is refused.
      if (!binding || !constantTimeEquals(sha256Hex(binding), remembered.browser)) {
        refusal(ctx, undefined, realm, appError('federation_state_invalid', 'browser binding cookie missing or different'));
        throw appError('federation_state_invalid', 'this sign-in was started in another browser (or its cookie was blocked); start it again from the console or the CLI');
      }
      const back = (params: Record<string, string | undefined>) => withParams(remembered.redirectUri, { ...params, state: remembered.clientState });
      let provider: ProviderRow | undefined;
      try {
        if (q.error) throw appError('federated_user_refused', `the identity provider refused the sign-in: ${q.error}${q.error_description ? ` (${q.error_description.slice(0, 300)})` : ''}`);
        provider = await enabledProvider(realm);
        assertThat(provider.id === row.provider_id, () => appError('federation_state_invalid', 'the identity provider of this realm changed during the sign-in; start again'));
        const doc = await deps.oidc.discover(provider.issuer);
        // RFC 9207: a provider that names itself must be the one we sent the person to (mix-up defence).
        assertThat(q.iss === undefined || q.iss.replace(/\/$/, '') === doc.issuer.replace(/\/$/, ''), () => appError('id_token_invalid', `the answer came from issuer ${q.iss}, not ${doc.issuer}`));
        assertThat(q.code, () => appError('identity_provider_error', 'the identity provider returned without an authorization code'));
        const client = { issuer: doc.issuer, clientId: provider.client_id, clientSecret: openSealed(provider.client_secret_encrypted, provider.id) };
        const idToken = await deps.oidc.redeemCode(client, doc, { code: q.code, redirectUri: callbackUrl(realm), codeVerifier: remembered.verifier });
        const claims: JWTPayload = await deps.oidc.verifyIdToken(client, doc, idToken, remembered.nonce);
        // The account's allowed addresses cover signing in, before anyone is found or made.
        await deps.checkAddress(provider.account_id, ctx.ip);
        const signedIn = provider;
        const code = randomSecret();
        const nowIso = deps.clock.now().toISOString();
        const realms = [signedIn.realm_id, signedIn.issuer, doc.issuer];
        // Sign-ins into an account without rules for this provider join no group: they take no lock and run side by side.
        const joining = await deps.applyRules.hasRules(signedIn.account_id, realms);
        const iamId = await deps.transact(async (uow) => {
          // Joining counts the person's groups under this lock; it is taken before anything is written, as
          // invitations take it before they write users, so neither can wait on the other.
          if (joining) await uow.serialize(`memberships-in:${signedIn.account_id}`);
          const { iamId } = await deps.users.resolve(uow, ctx, signedIn, claims, nowIso);
          await deps.applyRules.apply(uow, ctx, { accountId: signedIn.account_id, iamId, realms, claims, joining });
          await deps.repo.insertCode(uow.trx, {
            code_digest: sha256Hex(code), account_id: signedIn.account_id, iam_id: iamId, realm_id: realm, redirect_uri: remembered.redirectUri,
            code_challenge: remembered.challenge, expires_at: new Date(deps.clock.now().getTime() + CODE_TTL_MS).toISOString(),
          });
          return iamId;
        });
        deps.audit.recordLater(ctx, { action: 'iam-identity.federated-sign-in', outcome: 'success', status: 302, accountId: signedIn.account_id, actorIamId: iamId, target: { type: 'user', id: iamId }, details: { realm_id: realm } });
        return back({ code });
      } catch (caught) {
        // Two sign-ins of one person completing at the same instant: one of them is asked to start again.
        const err = sameSignInRace(caught) ? appError('federated_user_refused', 'another sign-in of the same person completed at the same time; sign in again') : caught;
        if (!(err instanceof AppError)) throw err;
        refusal(ctx, provider, realm, err);
        const out = clientError(err);
        return back({ ...out, error: out.error === 'temporarily_unavailable' ? 'server_error' : out.error });
      }
    },

    /** Step 3: takes a one-time code (once) and returns whose it is, if the client proves it asked for it. */
    async redeem(code: string, verifier: string, redirectUri: string): Promise<string> {
      const row = await deps.repo.takeCode(sha256Hex(code));
      const fail = () => appError('invalid_authorization_code', 'The authorization code is invalid, used or expired, or was issued for another redirect_uri or code_verifier.');
      // RFC 7636 §4.1: 43–128 unreserved characters.
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw appError('invalid_grant_request', "field 'code_verifier' must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_', '~' (RFC 7636)");
      if (!row || Date.parse(row.expires_at) <= deps.clock.now().getTime()) throw fail();
      if (row.redirect_uri !== redirectUri || !constantTimeEquals(s256(verifier), row.code_challenge)) throw fail();
      return row.iam_id;
    },

    /** The enabled providers of an account, for a console's sign-in page (names and realms only). */
    async listForSignIn(accountId: string | undefined) {
      let account = accountId;
      if (!account) {
        // A deployment with one account may be asked without naming it; otherwise nothing is listed.
        const accounts = await deps.providers.accountIds();
        account = accounts.length === 1 ? accounts[0] : undefined;
      }
      const rows = account ? await deps.providers.listEnabled(account) : [];
      return { providers: rows.map((r) => ({ realm_id: r.realm_id, name: r.name, login_url: `${deps.publicUrl}/login/${r.realm_id}` })) };
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
