/**
 * API keys of people and service IDs (IAM Identity v1). A key's value is shown once, in the
 * response that creates it; qgate keeps only its SHA-256 digest.
 */
import { ACTIONS, type Action } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import type { Transactor } from '#src/db/transactor.js';
import type { ChangeFeed } from '#src/db/change-feed.js';
import { InvalidatingCache } from '#src/platform/invalidating-cache.js';
import { isUniqueViolation } from '#src/db/dialect.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import { identityTime, parseIdentityTime, type Clock } from '#src/platform/clock.js';
import { entityTag, ifMatchSatisfied } from '#src/platform/etag.js';
import { ids } from '#src/platform/ids.js';
import { decodePageToken, encodePageToken, isOffsetCursor, pageUrl } from '#src/platform/paging.js';
import { randomSecret, sha256Hex } from '#src/platform/secrets.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import { TOPICS } from '#src/db/change-topics.js';
import type { UsersRepo } from '#src/modules/users/users.repo.js';
import type { ApiKeyRow, ApiKeysRepo } from './apikeys.repo.js';
import type { ApiKeyView } from './identity.schemas.js';
import type { ServiceIdsRepo } from './serviceids.repo.js';

export interface ApiKeyInput {
  name: string;
  iam_id: string;
  description?: string;
  account_id?: string;
  apikey?: string;
  store_value?: boolean;
  support_sessions?: boolean;
  action_when_leaked?: string;
  expires_at?: string;
}

export interface ApiKeysServiceDeps {
  feed: ChangeFeed;
  repo: ApiKeysRepo;
  users: UsersRepo;
  serviceIds: ServiceIdsRepo;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  crnName: string;
  publicUrl: string;
  maxPerIdentity: number;
  /** The account's `restrict_create_platform_apikey` (identity settings); not restricted when not given. */
  apiKeyCreationRestricted?: (accountId: string) => Promise<boolean>;
}

export function createApiKeysService(deps: ApiKeysServiceDeps) {
  const crn = (row: { account_id: string; id: string }) => `crn:v1:${deps.crnName}:public:iam-identity::a/${row.account_id}::apikey:${row.id}`;

  const view = (row: ApiKeyRow, value = ''): ApiKeyView => ({
    id: row.id,
    entity_tag: entityTag(row.id, row.version),
    crn: crn(row),
    locked: row.locked === 1,
    disabled: row.disabled === 1,
    leaked: false,
    created_at: identityTime(row.created_at) ?? '',
    created_by: row.created_by,
    modified_at: identityTime(row.modified_at) ?? '',
    name: row.name,
    description: row.description,
    support_sessions: row.support_sessions === 1,
    action_when_leaked: row.action_when_leaked,
    ...(row.expires_at ? { expires_at: identityTime(row.expires_at) } : {}),
    iam_id: row.iam_id,
    account_id: row.account_id,
    apikey: value,
  });

  const withExtras = async (row: ApiKeyRow, include: { include_history?: boolean; include_activity?: boolean }): Promise<ApiKeyView> => {
    const v = view(row);
    if (include.include_history) v.history = await deps.audit.history(row.account_id, row.id);
    if (include.include_activity) v.activity = { ...(row.last_authn_at ? { last_authn: identityTime(row.last_authn_at) } : {}), authn_count: row.authn_count };
    return v;
  };

  /** Resolves the identity a key is for; keys belong to people of the account or to its service IDs. */
  const identityAccount = async (iamId: string): Promise<string | undefined> => {
    if (iamId.startsWith('iam-ServiceId-')) return (await deps.serviceIds.findByIamId(iamId))?.account_id;
    const user = await deps.users.findByIamId(iamId);
    return user && user.state !== 'PENDING' ? user.account_id : undefined;
  };

  const parseExpiry = (value: string | undefined): string | null => {
    if (value === undefined || value === '') return null;
    const date = parseIdentityTime(value);
    assertThat(date, () => appError('invalid_body', "field 'expires_at' must be a time in the form yyyy-MM-ddTHH:mm+0000"));
    assertThat(date.getTime() > deps.clock.now().getTime(), () => appError('invalid_body', "field 'expires_at' must be in the future"));
    return date.toISOString();
  };

  /**
   * Key rows, as of their last change (reads are far more frequent than writes). Activity counters
   * are written in the background without a change event, so reads that include them go to the store.
   */
  const rows = new InvalidatingCache<ApiKeyRow | undefined>(10_000);
  deps.feed.subscribe((change) => {
    if (change === 'all') rows.clear();
    else if (change.topic === TOPICS.apiKey) rows.invalidate(change.key);
  });

  const load = async (ctx: RequestContext, id: string, action: Action, fresh = false): Promise<ApiKeyRow> => {
    const row = await rows.get(id, () => deps.repo.findById(id), fresh || !deps.feed.trusted);
    if (!row) throw appError('apikey_not_found_by_id', `API key ${id} not found`);
    deps.authorizer.require(ctx, action, { accountId: row.account_id, ownerIamId: row.iam_id, type: 'API key', id });
    return row;
  };

  /** Inserts a key inside an open unit of work (shared with service ID creation). */
  const insertKey = async (uow: Parameters<Parameters<Transactor>[0]>[0], ctx: RequestContext, accountId: string, input: ApiKeyInput) => {
    assertThat(!input.store_value, () => appError('store_value_not_supported', "field 'store_value' must be false: qgate never stores API key values, only their digests"));
    if (input.apikey !== undefined) {
      assertThat(input.apikey.length >= 32 && /^[\x21-\x7e]+$/.test(input.apikey), () => appError('invalid_body', "field 'apikey' must be at least 32 printable characters without spaces"));
    }
    await uow.serialize(`apikeys-of:${input.iam_id}`);
    const count = await deps.repo.countForIdentity(input.iam_id, uow.trx);
    assertThat(count < deps.maxPerIdentity, () => appError('apikey_limit_reached', `identity ${input.iam_id} already has ${count} API keys, the most allowed (${deps.maxPerIdentity}); delete one first`));
    const value = input.apikey ?? randomSecret(33);
    const now = deps.clock.now().toISOString();
    const row: ApiKeyRow = {
      id: ids.apiKey(), account_id: accountId, iam_id: input.iam_id, name: input.name, description: input.description ?? '',
      digest: sha256Hex(value), locked: 0, disabled: 0, expires_at: parseExpiry(input.expires_at), support_sessions: input.support_sessions ? 1 : 0,
      action_when_leaked: input.action_when_leaked ?? 'none', version: 1, created_at: now, created_by: ctx.principal?.iamId ?? input.iam_id, modified_at: now,
      last_authn_at: null, authn_count: 0,
    };
    try {
      await deps.repo.insert(uow.trx, row);
    } catch (err) {
      if (isUniqueViolation(err)) throw appError('apikey_value_conflict', "field 'apikey': this value cannot be used; choose another");
      throw err;
    }
    await deps.audit.record(uow.trx, ctx, { action: ACTIONS.apiKeyCreate, target: { type: 'apikey', id: row.id }, outcome: 'success', status: 201, details: { name: row.name, iam_id: row.iam_id } });
    return { row, value };
  };

  const mutate = async (ctx: RequestContext, id: string, action: Action, change: (row: ApiKeyRow) => Partial<ApiKeyRow> | 'delete', opts: { ifMatch?: string; allowLocked?: boolean } = {}) => {
    const row = await load(ctx, id, action, true);
    if (!opts.allowLocked) assertThat(row.locked === 0, () => appError('entity_locked', `API key ${id} is locked; unlock it first`));
    if (opts.ifMatch !== undefined) {
      assertThat(ifMatchSatisfied(opts.ifMatch, entityTag(row.id, row.version)), () => appError('entity_tag_mismatch', `If-Match does not match the current entity_tag of API key ${id}; read it again and retry`));
    }
    const values = change(row);
    return deps.transact(async (uow) => {
      if (values === 'delete') await deps.repo.deleteById(uow.trx, id);
      else await deps.repo.updateById(uow.trx, id, { ...values, version: row.version + 1, modified_at: deps.clock.now().toISOString() });
      uow.changed(TOPICS.apiKey, id);
      // Lock and unlock (disable and enable) share an action: the event says which way it went.
      const details = values === 'delete' ? { name: row.name } : {
        fields: Object.keys(values),
        ...(values.locked !== undefined ? { locked: values.locked === 1 } : {}),
        ...(values.disabled !== undefined ? { disabled: values.disabled === 1 } : {}),
      };
      await deps.audit.record(uow.trx, ctx, { action, target: { type: 'apikey', id }, outcome: 'success', status: action === ACTIONS.apiKeyUpdate ? 200 : 204, details });
      return values === 'delete' ? undefined : await deps.repo.findById(id, uow.trx);
    });
  };

  return {
    view,
    insertKey,
    async create(ctx: RequestContext, input: ApiKeyInput, flags: { locked: boolean; disabled: boolean }): Promise<ApiKeyView> {
      const accountId = await identityAccount(input.iam_id);
      const principal = ctx.principal;
      if (!accountId || (principal && accountId !== principal.accountId)) {
        throw appError('invalid_body', `field 'iam_id': ${input.iam_id} is not an active user or service ID of your account`);
      }
      assertThat(input.account_id === undefined || input.account_id === accountId, () => appError('invalid_body', `field 'account_id' must be the account of ${input.iam_id}`));
      deps.authorizer.require(ctx, ACTIONS.apiKeyCreate, { accountId, ownerIamId: input.iam_id, type: 'API key' });
      // Restricted creation: a person's own key needs the permission too, not only ownership.
      if (!input.iam_id.startsWith('iam-ServiceId-') && (await deps.apiKeyCreationRestricted?.(accountId))) {
        deps.authorizer.require(ctx, ACTIONS.apiKeyCreate, { accountId, type: 'API key' });
      }
      const { row, value } = await deps.transact(async (uow) => {
        const made = await insertKey(uow, ctx, accountId, input);
        if (flags.locked || flags.disabled) {
          await deps.repo.updateById(uow.trx, made.row.id, { locked: flags.locked ? 1 : 0, disabled: flags.disabled ? 1 : 0 });
          made.row.locked = flags.locked ? 1 : 0;
          made.row.disabled = flags.disabled ? 1 : 0;
        }
        return made;
      });
      return view(row, value);
    },

    async list(ctx: RequestContext, query: { account_id?: string; iam_id?: string; pagesize?: number; pagetoken?: string; scope?: 'entity' | 'account'; type?: 'user' | 'serviceid'; sort?: 'name' | 'description' | 'created_at' | 'created_by'; order?: 'asc' | 'desc'; include_history?: boolean; filter?: string }) {
      const principal = ctx.principal;
      if (!principal) throw appError('missing_token', 'authentication required');
      const accountId = query.account_id ?? principal.accountId;
      const scope = query.scope ?? 'entity';
      const iamId = scope === 'account' ? query.iam_id : (query.iam_id ?? principal.iamId);
      deps.authorizer.require(ctx, ACTIONS.apiKeyList, { accountId, ownerIamId: iamId, type: 'API keys' });
      const limit = query.pagesize ?? 20;
      const offset = query.pagetoken ? decodePageToken(query.pagetoken, 'pagetoken', isOffsetCursor).o : 0;
      const rows = await deps.repo.list({ accountId, iamId, type: query.type, nameFilter: query.filter, sort: query.sort ?? 'created_at', order: query.order ?? 'asc', offset, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const apikeys = await Promise.all(page.map((r) => (query.include_history ? withExtras(r, { include_history: true }) : view(r))));
      const base = { ...query, pagetoken: undefined };
      const url = (o: number) => pageUrl(deps.publicUrl, '/v1/apikeys', base, { pagetoken: o > 0 ? encodePageToken({ o }) : undefined });
      return {
        offset,
        limit,
        first: url(0),
        ...(offset > 0 ? { previous: url(Math.max(0, offset - limit)) } : {}),
        ...(rows.length > limit ? { next: url(offset + limit) } : {}),
        apikeys,
      };
    },

    async get(ctx: RequestContext, id: string, include: { include_history?: boolean; include_activity?: boolean }) {
      return withExtras(await load(ctx, id, ACTIONS.apiKeyRead, include.include_activity), include);
    },

    async details(ctx: RequestContext, value: string | undefined, include: { include_history?: boolean }) {
      assertThat(value, () => appError('invalid_parameter', "header 'IAM-ApiKey' is required: the value of the API key to look up"));
      const row = await deps.repo.findByDigest(sha256Hex(value));
      if (!row) throw appError('apikey_not_found_by_id', 'no API key has this value');
      deps.authorizer.require(ctx, ACTIONS.apiKeyRead, { accountId: row.account_id, ownerIamId: row.iam_id, type: 'API key', id: row.id });
      return withExtras(row, include);
    },

    async update(ctx: RequestContext, id: string, ifMatch: string | undefined, body: { name?: string; description?: string; support_sessions?: boolean; action_when_leaked?: string; expires_at?: string }) {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the key's entity_tag, or * to overwrite"));
      const row = await mutate(ctx, id, ACTIONS.apiKeyUpdate, () => ({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.support_sessions !== undefined ? { support_sessions: body.support_sessions ? 1 : 0 } : {}),
        ...(body.action_when_leaked !== undefined ? { action_when_leaked: body.action_when_leaked } : {}),
        ...(body.expires_at !== undefined ? { expires_at: parseExpiry(body.expires_at) } : {}),
      }), { ifMatch });
      return view(row!);
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      await mutate(ctx, id, ACTIONS.apiKeyDelete, () => 'delete');
    },
    async setLocked(ctx: RequestContext, id: string, locked: boolean): Promise<void> {
      await mutate(ctx, id, ACTIONS.apiKeyLock, () => ({ locked: locked ? 1 : 0 }), { allowLocked: true });
    },
    async setDisabled(ctx: RequestContext, id: string, disabled: boolean): Promise<void> {
      await mutate(ctx, id, ACTIONS.apiKeyDisable, () => ({ disabled: disabled ? 1 : 0 }), { allowLocked: true });
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
