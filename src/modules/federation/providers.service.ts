/**
 * An account's external identity providers (OpenID Connect): read by those granted the account's
 * identity settings; made, changed, enabled, disabled and deleted by its Administrators of IAM Identity
 * only (`iam-identity.identity-provider.manage`). The client secret is write-only.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { ACTIONS } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import { isUniqueViolation } from '#src/db/dialect.js';
import type { Transactor } from '#src/db/transactor.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { entityTag, ifMatchSatisfied } from '#src/platform/etag.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { ProviderRow, ProvidersRepo } from './providers.repo.js';
import type { CreateProviderInput, ProviderView, UpdateProviderInput } from './providers.schemas.js';
import { isInternalAddress } from './outbound.js';
import type { SecretBox } from './secret-box.js';

const WELL_KNOWN = '/.well-known/openid-configuration';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The issuer a discovery URL names: the URL itself, or the part before `/.well-known/openid-configuration`. */
export function issuerOf(discoveryUrl: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(discoveryUrl.trim());
  } catch {
    throw appError('invalid_body', "field 'discovery_url' must be the provider's issuer URL or its /.well-known/openid-configuration URL");
  }
  assertThat(url.protocol === 'https:' || (allowInsecure && url.protocol === 'http:'), () =>
    appError('invalid_body', "field 'discovery_url' must use https (plain http only where the operator set QGATE_IDP_ALLOW_INSECURE)"));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  assertThat(allowInsecure || (!LOOPBACK.has(url.hostname) && !(net.isIP(host) !== 0 && isInternalAddress(host))), () =>
    appError('invalid_body', "field 'discovery_url' names a loopback, private or link-local address; identity providers must be reachable on the internet (or the operator sets QGATE_IDP_ALLOW_INSECURE)"));
  assertThat(!url.search && !url.hash && !url.username && !url.password, () => appError('invalid_body', "field 'discovery_url' must not carry a query, fragment or credentials"));
  const text = url.toString();
  const issuer = text.endsWith(WELL_KNOWN) ? text.slice(0, -WELL_KNOWN.length) : text;
  return issuer.endsWith('/') && url.pathname === '/' ? issuer.slice(0, -1) : issuer;
}

export const discoveryUrlOf = (issuer: string) => `${issuer.replace(/\/$/, '')}${WELL_KNOWN}`;

const checkScopes = (scopes: string): string => {
  const list = scopes.split(/\s+/).filter(Boolean);
  assertThat(list.includes('openid'), () => appError('invalid_body', "field 'scopes' must include openid, e.g. 'openid email profile'"));
  assertThat(list.every((s) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)), () => appError('invalid_body', "field 'scopes' must be space-separated OAuth scope names"));
  return list.join(' ');
};

const slug = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 36).replace(/-+$/, '');

export interface ProvidersServiceDeps {
  repo: ProvidersRepo;
  box: SecretBox;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  publicUrl: string;
  /** QGATE_IDP_ALLOW_INSECURE: plain http and internal addresses allowed. */
  allowInsecure: boolean;
}

export function createProvidersService(deps: ProvidersServiceDeps) {
  const resource = (accountId: string, id?: string) => ({ accountId, type: 'identity provider', ...(id ? { id } : {}) });

  const view = (row: ProviderRow): ProviderView => ({
    id: row.id, entity_tag: entityTag(row.id, row.version), account_id: row.account_id, realm_id: row.realm_id, name: row.name, type: row.type,
    discovery_url: discoveryUrlOf(row.issuer), issuer: row.issuer, client_id: row.client_id, scopes: row.scopes, first_sign_in: row.first_sign_in, enabled: row.enabled === 1,
    login_url: `${deps.publicUrl}/login/${row.realm_id}`, redirect_uri: `${deps.publicUrl}/login/${row.realm_id}/callback`,
    created_at: row.created_at, created_by: row.created_by, modified_at: row.modified_at, modified_by: row.modified_by,
  });

  const load = async (ctx: RequestContext, accountId: string, id: string, action: string): Promise<ProviderRow> => {
    deps.authorizer.require(ctx, action, resource(accountId, id));
    const row = await deps.repo.findById(id);
    if (!row || row.account_id !== accountId) throw appError('identity_provider_not_found', `identity provider ${id} not found in account ${accountId}`);
    return row;
  };

  return {
    view,

    async list(ctx: RequestContext, accountId: string) {
      deps.authorizer.require(ctx, ACTIONS.identitySettingsRead, resource(accountId));
      return { identity_providers: (await deps.repo.list(accountId)).map(view) };
    },

    async get(ctx: RequestContext, accountId: string, id: string) {
      return view(await load(ctx, accountId, id, ACTIONS.identitySettingsRead));
    },

    async create(ctx: RequestContext, accountId: string, input: CreateProviderInput): Promise<ProviderView> {
      deps.authorizer.require(ctx, ACTIONS.identityProvidersManage, resource(accountId));
      const issuer = issuerOf(input.discovery_url, deps.allowInsecure);
      const scopes = checkScopes(input.scopes ?? 'openid email profile');
      const derived = `oidc-${slug(input.name) || crypto.randomBytes(4).toString('hex')}`;
      const at = deps.clock.now().toISOString();
      const actor = ctx.principal?.iamId ?? '';
      const id = `IdP-${crypto.randomUUID()}`;
      const candidates = input.realm_id ? [input.realm_id] : [derived, `${derived}-${crypto.randomBytes(3).toString('hex')}`];
      for (const realm of candidates) {
        const row: ProviderRow = {
          id, account_id: accountId, realm_id: realm, name: input.name.trim(), type: 'oidc', issuer, client_id: input.client_id,
          client_secret_encrypted: deps.box.seal(input.client_secret, id), scopes, first_sign_in: input.first_sign_in ?? 'create_user', enabled: input.enabled === false ? 0 : 1,
          version: 1, created_at: at, created_by: actor, modified_at: at, modified_by: actor,
        };
        try {
          await deps.transact(async (uow) => {
            await deps.repo.insert(uow.trx, row);
            await deps.audit.record(uow.trx, ctx, { action: 'iam-identity.identity-provider.create', target: { type: 'identity_provider', id }, outcome: 'success', status: 201, details: { name: row.name, realm_id: realm, issuer } });
          });
          return view(row);
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
      }
      throw appError('identity_provider_conflict', `realm_id ${candidates[0]} is already used by another identity provider; choose another realm_id`);
    },

    async update(ctx: RequestContext, accountId: string, id: string, ifMatch: string | undefined, input: UpdateProviderInput): Promise<ProviderView> {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the provider's entity_tag, or * to overwrite"));
      const row = await load(ctx, accountId, id, ACTIONS.identityProvidersManage);
      assertThat(ifMatchSatisfied(ifMatch, entityTag(row.id, row.version)), () => appError('entity_tag_mismatch', `If-Match does not match the current entity_tag of identity provider ${id}; read it again and retry`));
      const values = {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.discovery_url !== undefined ? { issuer: issuerOf(input.discovery_url, deps.allowInsecure) } : {}),
        ...(input.client_id !== undefined ? { client_id: input.client_id } : {}),
        ...(input.client_secret !== undefined ? { client_secret_encrypted: deps.box.seal(input.client_secret, id) } : {}),
        ...(input.scopes !== undefined ? { scopes: checkScopes(input.scopes) } : {}),
        ...(input.first_sign_in !== undefined ? { first_sign_in: input.first_sign_in } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
        modified_at: deps.clock.now().toISOString(),
        modified_by: ctx.principal?.iamId ?? '',
      };
      const version = row.version + 1;
      const issuerChange = values.issuer !== undefined && values.issuer !== row.issuer ? { old_issuer: row.issuer, new_issuer: values.issuer } : undefined;
      await deps.transact(async (uow) => {
        // Users are bound to the issuer that vouched for them: another issuer would sign in as them, so it may not replace it.
        if (issuerChange) {
          const bound = await deps.repo.countBoundUsers(uow.trx, row.realm_id);
          assertThat(bound === 0, () => appError('identity_provider_conflict', `field 'discovery_url' cannot name another issuer (${issuerChange.new_issuer}) while ${bound} user(s) signed in through ${row.issuer}; add a new identity provider instead`));
        }
        assertThat(await deps.repo.update(uow.trx, id, version, values), () => appError('entity_tag_mismatch', `identity provider ${id} changed meanwhile; read it again and retry`));
        // Disabling ends its people's sign-in sessions at once (the refresh grant refuses them too).
        const revoked = input.enabled === false && row.enabled === 1 ? await deps.repo.revokeSessions(uow.trx, row.realm_id) : undefined;
        const fields = Object.keys(input);
        await deps.audit.record(uow.trx, ctx, {
          action: 'iam-identity.identity-provider.update', target: { type: 'identity_provider', id }, outcome: 'success', status: 200,
          details: { fields, ...(input.enabled !== undefined ? { enabled: input.enabled } : {}), ...(issuerChange ?? {}), ...(revoked !== undefined ? { sessions_ended: revoked } : {}) },
        });
      });
      return view({ ...row, ...values, version });
    },

    /** Deletes a provider: its people can no longer sign in through it (their API keys keep working until removed). */
    /**
     * Seals every stored client secret again with the current key (run at start), so that after a key rotation the
     * old key can be dropped once every node has started with the new one. The entity tag does not change: the
     * secret is the same. Returns the providers whose secret no key of this node opens (entered again by a PUT).
     */
    async resealSecrets(): Promise<{ resealed: number; unreadable: string[] }> {
      let resealed = 0;
      const unreadable: string[] = [];
      for (const row of await deps.repo.sealedSecrets()) {
        if (deps.box.isCurrent(row.client_secret_encrypted)) continue;
        let secret: string;
        try {
          secret = deps.box.open(row.client_secret_encrypted, row.id);
        } catch {
          unreadable.push(row.id);
          continue;
        }
        if (await deps.repo.replaceSealedSecret(row.id, row.client_secret_encrypted, deps.box.seal(secret, row.id))) resealed++;
      }
      return { resealed, unreadable };
    },

    async remove(ctx: RequestContext, accountId: string, id: string): Promise<void> {
      const row = await load(ctx, accountId, id, ACTIONS.identityProvidersManage);
      await deps.transact(async (uow) => {
        await deps.repo.deleteById(uow.trx, id);
        const revoked = await deps.repo.revokeSessions(uow.trx, row.realm_id);
        await deps.audit.record(uow.trx, ctx, { action: 'iam-identity.identity-provider.delete', target: { type: 'identity_provider', id }, outcome: 'success', status: 204, details: { name: row.name, realm_id: row.realm_id, sessions_ended: revoked } });
      });
    },
  };
}

export type ProvidersService = ReturnType<typeof createProvidersService>;
