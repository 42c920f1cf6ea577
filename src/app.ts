/**
 * The composition root: the one place where qgate's parts are made and wired together.
 */
import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { createAuthorizer } from './authz/authorizer.js';
import { createDecisionPoint } from './authz/decision-point.js';
import { createChangeFeed } from './db/change-feed.js';
import { migrateToLatest, openDatabase, type Database } from './db/database.js';
import { createTransactor } from './db/transactor.js';
import { createHttpServer, type App, type RouteInfo } from './http/server.js';
import { contextOf } from './http/request-context.js';
import { systemClock, type Clock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';
import { createAccessGroupsRepo } from './modules/access-groups/access-groups.repo.js';
import { accessGroupRoutes } from './modules/access-groups/access-groups.routes.js';
import { createAccessGroupsService } from './modules/access-groups/access-groups.service.js';
import { createAccountSettingsRepo } from './modules/account-settings/account-settings.repo.js';
import { accountSettingsRoutes } from './modules/account-settings/account-settings.routes.js';
import { createAccountSettingsService } from './modules/account-settings/account-settings.service.js';
import { createAccountsRepo } from './modules/accounts/accounts.repo.js';
import { bootstrap, type BootstrapResult } from './modules/accounts/bootstrap.js';
import { createAuditRepo } from './modules/audit/audit.repo.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { consoleRoutes } from './modules/console/console.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createApiKeysRepo } from './modules/identity/apikeys.repo.js';
import { apiKeyRoutes } from './modules/identity/apikeys.routes.js';
import { createApiKeysService } from './modules/identity/apikeys.service.js';
import { createServiceIdsRepo } from './modules/identity/serviceids.repo.js';
import { serviceIdRoutes } from './modules/identity/serviceids.routes.js';
import { createServiceIdsService } from './modules/identity/serviceids.service.js';
import { createFederatedUsers } from './modules/federation/federated-users.js';
import { createOidcClient } from './modules/federation/oidc-client.js';
import { createProvidersRepo } from './modules/federation/providers.repo.js';
import { providerRoutes } from './modules/federation/providers.routes.js';
import { createProvidersService } from './modules/federation/providers.service.js';
import { createSecretBox } from './modules/federation/secret-box.js';
import { createSignInRepo } from './modules/federation/sign-in.repo.js';
import { signInRoutes } from './modules/federation/sign-in.routes.js';
import { createSignInService } from './modules/federation/sign-in.service.js';
import { createInvitationsRepo } from './modules/invitations/invitations.repo.js';
import { invitationRoutes } from './modules/invitations/invitations.routes.js';
import { createInvitationsService } from './modules/invitations/invitations.service.js';
import { createMailer, type Mailer } from './modules/mail/mailer.js';
import { createPoliciesRepo } from './modules/policies/policies.repo.js';
import { policyRoutes } from './modules/policies/policies.routes.js';
import { createPoliciesService } from './modules/policies/policies.service.js';
import { createRolesService } from './modules/policies/roles.service.js';
import { decisionRoutes } from './modules/decisions/decisions.routes.js';
import { createDecisionsService } from './modules/decisions/decisions.service.js';
import type { UnitOfWork } from './db/transactor.js';
import { createPasswordHasher, type PasswordHasher } from './modules/passwords/password-hasher.js';
import { createAuthenticator } from './modules/tokens/authenticator.js';
import { createIdentityStates } from './modules/tokens/identity-states.js';
import { createLoginThrottle } from './modules/tokens/login-throttle.js';
import { createRefreshTokensRepo } from './modules/tokens/refresh-tokens.repo.js';
import { createSigningKeys } from './modules/tokens/signing-keys.js';
import { tokenRoutes } from './modules/tokens/token.routes.js';
import { createTokenService } from './modules/tokens/token.service.js';
import { createResourcesRepo } from './modules/resources/resources.repo.js';
import { resourceRoutes } from './modules/resources/resources.routes.js';
import { createGlobalSearchService } from './modules/resources/global-search.service.js';
import { globalRoutes } from './modules/resources/global.routes.js';
import { createJobWorkers } from './modules/runtime/job-workers.js';
import { createJobsRepo } from './modules/runtime/jobs.repo.js';
import { createUsage } from './modules/runtime/usage.js';
import { createSessionsRepo } from './modules/runtime/sessions.repo.js';
import { runtimeRoutes } from './modules/runtime/runtime.routes.js';
import { createRuntimeService } from './modules/runtime/runtime.service.js';
import { createWorkloadsRepo } from './modules/runtime/workloads.repo.js';
import { createWorkloadsService } from './modules/runtime/workloads.service.js';
import { createResourcesService } from './modules/resources/resources.service.js';
import { createUsersRepo } from './modules/users/users.repo.js';
import { userRoutes } from './modules/users/users.routes.js';
import { createUsersService } from './modules/users/users.service.js';

export const VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface QgateOptions {
  readonly clock?: Clock;
  readonly log?: Logger;
  readonly mailer?: Mailer;
  readonly hasher?: PasswordHasher;
}

export interface Qgate {
  readonly config: Config;
  readonly app: App;
  readonly routes: readonly RouteInfo[];
  readonly database: Database;
  readonly services: ReturnType<typeof createServices>;
  /** What bootstrap made on this start, if the store was empty. */
  readonly bootstrapped: BootstrapResult | undefined;
  listen(): Promise<string>;
  close(): Promise<void>;
}

function createServices(config: Config, database: Database, deps: { clock: Clock; log: Logger; mailer: Mailer; hasher: PasswordHasher }) {
  const { db } = database;
  const { clock, log } = deps;
  const feed = createChangeFeed({ db, pool: database.pool, log });
  const transact = createTransactor(db, feed);
  const repos = {
    accounts: createAccountsRepo(db),
    users: createUsersRepo(db),
    invitations: createInvitationsRepo(db),
    apiKeys: createApiKeysRepo(db),
    serviceIds: createServiceIdsRepo(db),
    refreshTokens: createRefreshTokensRepo(db),
    audit: createAuditRepo(db),
    accessGroups: createAccessGroupsRepo(db),
    policies: createPoliciesRepo(db),
    resources: createResourcesRepo(db),
  };
  const issuer = `${config.publicUrl}/identity`;
  const decisions = createDecisionPoint({ policies: repos.policies, groups: repos.accessGroups, feed, clock, log });
  const authorizer = createAuthorizer({ decisions, clock });
  const audit = createAuditService({ repo: repos.audit, db, clock, log });
  const states = createIdentityStates({ users: repos.users, serviceIds: repos.serviceIds, apiKeys: repos.apiKeys, accounts: repos.accounts, feed });
  const keys = createSigningKeys({ db, dataDir: config.dataDir, clock, log, rotationSeconds: config.signingKeyRotation, tokenTtlSeconds: config.tokenTtl });
  const throttle = createLoginThrottle({ db, clock, feed, transact });
  const accountSettings = createAccountSettingsService({ repo: createAccountSettingsRepo(db), authorizer, transact, audit, feed, clock });
  const accountPolicy = {
    checkAddress: accountSettings.checkAddress,
    sessionLimits: async (accountId: string) => {
      const s = await accountSettings.effective(accountId);
      return { expiration: s.sessionExpiration, invalidation: s.sessionInvalidation };
    },
    realmSignInAllowed: async (realm: string) => (await db.selectFrom('identity_providers').select('enabled').where('realm_id', '=', realm).executeTakeFirst())?.enabled === 1,
  };
  const tokens = createTokenService({
    db, clock, log, issuer, tokenTtl: config.tokenTtl, refreshTokenTtl: config.refreshTokenTtl, keys, states,
    apiKeys: repos.apiKeys, users: repos.users, refreshTokens: repos.refreshTokens, hasher: deps.hasher, throttle, audit, accountPolicy,
  });
  const authenticator = createAuthenticator({ clock, issuer, keys, states });
  const common = { authorizer, transact, audit, clock, publicUrl: config.publicUrl };
  const accessGroups = createAccessGroupsService({
    ...common, repo: repos.accessGroups, accounts: repos.accounts, users: repos.users, serviceIds: repos.serviceIds, policies: repos.policies, crnName: config.crnName,
    limits: { groupsPerAccount: config.limits.groupsPerAccount, groupsPerIdentity: config.limits.groupsPerIdentity, rulesPerGroup: config.limits.rulesPerGroup },
  });
  const policies = createPoliciesService({ ...common, repo: repos.policies, groups: repos.accessGroups, users: repos.users, serviceIds: repos.serviceIds, maxPerAccount: config.limits.policiesPerAccount });
  const roles = createRolesService({ ...common, repo: repos.policies, maxPerAccount: config.limits.customRolesPerAccount });
  const forget = async (uow: UnitOfWork, iamId: string) => {
    await accessGroups.forgetIdentity(uow, iamId);
    await policies.forgetSubject(uow, iamId);
  };
  const apiKeys = createApiKeysService({ ...common, feed, repo: repos.apiKeys, users: repos.users, serviceIds: repos.serviceIds, crnName: config.crnName, maxPerIdentity: config.limits.apiKeysPerIdentity,
    apiKeyCreationRestricted: async (accountId: string) => (await accountSettings.effective(accountId)).restrictApiKeyCreation });
  const serviceIds = createServiceIdsService({ ...common, repo: repos.serviceIds, apiKeysRepo: repos.apiKeys, apiKeys, forget, crnName: config.crnName, maxPerAccount: config.limits.serviceIdsPerAccount,
    serviceIdCreationRestricted: async (accountId: string) => (await accountSettings.effective(accountId)).restrictServiceIdCreation });
  const invitations = createInvitationsService({
    ...common, repo: repos.invitations, users: repos.users, accounts: repos.accounts, mailer: deps.mailer, hasher: deps.hasher, throttle, log, ttlSeconds: config.invitationTtl,
    grants: { groups: accessGroups, policies }, forget,
  });
  const users = createUsersService({ ...common, repo: repos.users, accounts: repos.accounts, apiKeys: repos.apiKeys, invitations: repos.invitations, refreshTokens: repos.refreshTokens, forget,
    userListRestricted: async (accountId: string) => (await accountSettings.effective(accountId)).restrictUserList });
  const secretBox = createSecretBox({ secretsKey: config.secretsKey, previousSecretsKey: config.secretsKeyPrevious, dataDir: config.dataDir });
  const providersRepo = createProvidersRepo(db);
  const identityProviders = createProvidersService({ ...common, repo: providersRepo, box: secretBox, allowInsecure: config.idpAllowInsecure });
  const signIn = createSignInService({
    ...common, providers: providersRepo, throttle, repo: createSignInRepo(db), oidc: createOidcClient({ clock, allowInsecure: config.idpAllowInsecure }), box: secretBox, checkAddress: accountSettings.checkAddress,
    users: createFederatedUsers({ users: repos.users, invitations: repos.invitations, audit }),
    applyRules: { hasRules: (accountId, realms) => accessGroups.hasDynamicRules(accountId, realms), apply: (uow, ctx, input) => accessGroups.applyDynamicRules(uow, ctx, input) },
  });
  const decisionsApi = createDecisionsService({ authorizer, decisions, states, clock });
  const jobs = createJobsRepo(db);
  const resources = createResourcesService({
    ...common, repo: repos.resources, crnName: config.crnName,
    onInstanceRemoved: (uow, guid) => jobs.cancelForInstance(uow.trx, guid, clock.now().toISOString()),
  });
  const usage = createUsage({ jobs, clock, resources });
  const workers = createJobWorkers({ repo: jobs, clock, log, concurrency: config.workers, budgetSeconds: (job) => usage.remainingFor(job), feed });
  const runtime = createRuntimeService({ jobs, resources, authorizer, audit, clock, usage, sessions: createSessionsRepo(db), feed, transact, workers, jobsPerMinutePerUser: config.jobsPerMinutePerUser });
  const workloads = createWorkloadsService({ runtime, repo: createWorkloadsRepo(db) });
  const globalSearch = createGlobalSearchService({ repo: repos.resources, authorizer });
  return { feed, repos, decisions, authorizer, audit, states, keys, throttle, accountSettings, identityProviders, signIn, tokens, authenticator, apiKeys, serviceIds, invitations, users, accessGroups, policies, roles, decisionsApi, resources, issuer, workers, runtime, workloads, globalSearch };
}

/** Opens the store, migrates and bootstraps it, and builds the HTTP server (not yet listening). */
export async function createQgate(config: Config, options: QgateOptions = {}): Promise<Qgate> {
  const log = options.log ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const hasher = options.hasher ?? createPasswordHasher();
  const mailer = options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: `qgate <no-reply@${new URL(config.publicUrl).hostname}>` });
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onIdleError: (err) => log.warn({ err }, 'an idle database connection failed; it will be replaced') });
  let shuttingDown = false;
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log.info({ applied, store: database.description }, 'applied migrations');
    const services = createServices(config, database, { clock, log, mailer, hasher });
    await services.feed.start();
    await services.decisions.start();
    const bootstrapped = await bootstrap({ db: database.db, clock, log, hasher, adminEmail: config.adminEmail, adminPassword: config.adminPassword, adminApiKey: config.adminApiKey });
    await services.keys.current();
    // After a QGATE_SECRETS_KEY rotation: stored provider secrets move to the new key (docs/operations.md).
    const secrets = await services.identityProviders.resealSecrets();
    if (secrets.resealed > 0) log.info({ resealed: secrets.resealed }, 'sealed identity provider secrets again with the current secrets key');
    if (secrets.unreadable.length > 0) log.warn({ providers: secrets.unreadable }, 'no secrets key of this node opens these identity providers\' client secrets; set QGATE_SECRETS_KEY_PREVIOUS or enter the secrets again');

    const { app, routes } = await createHttpServer({
      log, bodyLimit: config.limits.bodyBytes, trustProxy: config.trustProxy, publicUrl: config.publicUrl, version: VERSION,
      authenticator: services.authenticator,
      afterAuthentication: async (req) => {
        await services.decisions.ready();
        await services.accountSettings.checkRequest(req.principal, req.ip);
      },
      refusals: {
        recordRefusal: (req, error) => {
          // An anonymous refusal on an account's URL belongs to that account's trail.
          const pathAccount = (req.params as { account_id?: unknown } | undefined)?.account_id;
          services.audit.recordLater(contextOf(req), {
            action: typeof error.details?.action === 'string' ? error.details.action : `${req.method} ${req.routeOptions.url ?? 'unknown'}`,
            outcome: 'denied', status: error.status, details: { code: error.code },
            ...(!req.principal && typeof pathAccount === 'string' ? { accountId: pathAccount } : {}),
          });
        },
      },
    });
    healthRoutes(app, { isShuttingDown: () => shuttingDown });
    tokenRoutes(app, {
      tokens: services.tokens, keys: services.keys, issuer: services.issuer, publicUrl: config.publicUrl,
      codeGrant: async (code, verifier, redirectUri, ctx) => services.tokens.signInAuthenticated(await services.signIn.redeem(code, verifier, redirectUri), 'authorization_code', ctx),
    });
    signInRoutes(app, { signIn: services.signIn, publicUrl: config.publicUrl });
    apiKeyRoutes(app, { apiKeys: services.apiKeys });
    serviceIdRoutes(app, { serviceIds: services.serviceIds });
    accountSettingsRoutes(app, { settings: services.accountSettings });
    providerRoutes(app, { providers: services.identityProviders });
    userRoutes(app, { users: services.users, invitations: services.invitations });
    invitationRoutes(app, { invitations: services.invitations, users: services.users });
    auditRoutes(app, { audit: services.audit, authorizer: services.authorizer });
    accessGroupRoutes(app, { groups: services.accessGroups });
    policyRoutes(app, { policies: services.policies, roles: services.roles });
    decisionRoutes(app, { decisions: services.decisionsApi });
    resourceRoutes(app, { resources: services.resources });
    runtimeRoutes(app, { runtime: services.runtime, workloads: services.workloads });
    globalRoutes(app, { search: services.globalSearch });
    consoleRoutes(app);
    await app.ready();

    let closed: Promise<void> | undefined;
    return {
      config, app, routes, database, services, bootstrapped,
      async listen() {
        const address = await app.listen({ host: config.host, port: config.port });
        services.workers.start();
        return address;
      },
      close() {
        closed ??= (async () => {
          shuttingDown = true;
          await app.close();
          // Running jobs go back to the queue: another node, or this one after a restart, runs them.
          await services.workers.stop();
          await services.tokens.close();
          await services.audit.flush();
          services.decisions.stop();
          await services.feed.stop();
          await database.close();
        })();
        return closed;
      },
    };
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}
