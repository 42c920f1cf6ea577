/**
 * What every route must declare besides its schema: which IBM service's error shape it answers
 * with, and whether it needs an authenticated caller. A route without this config is refused at
 * start-up, so no route can be added without deciding who may call it.
 */
import type { Principal } from '#src/authz/principal.js';

/** The IBM service a route imitates, which decides its error body shape. */
export type ServiceShape = 'token' | 'platform' | 'resource-controller' | 'runtime';

export interface RouteConfig {
  readonly service: ServiceShape;
  /** `public`: anyone (health, JWKS, token exchange, invitation acceptance); `token`: an authenticated caller. */
  readonly auth: 'public' | 'token';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    service?: ServiceShape;
    auth?: 'public' | 'token';
  }
  interface FastifyRequest {
    /** Set by authentication on `auth: 'token'` routes. */
    principal: Principal | undefined;
  }
}

export function routeConfig(req: { routeOptions: { config: unknown } }): RouteConfig | undefined {
  const config = req.routeOptions.config as Partial<RouteConfig> | undefined;
  if (!config?.service || !config.auth) return undefined;
  return { service: config.service, auth: config.auth };
}

/** The authenticated caller; only valid on `auth: 'token'` routes. */
export function principalOf(req: { principal: Principal | undefined }): Principal {
  if (!req.principal) throw new Error('principalOf called on a route without authentication');
  return req.principal;
}
