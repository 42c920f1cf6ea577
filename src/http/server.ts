/**
 * The Fastify instance every route module registers on: logging with secrets redacted, request
 * ids, body parsing, validation, the error shapes and the authentication hook.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type RawServerDefault } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import { appError } from '#src/errors/registry.js';
import type { Principal } from '#src/authz/principal.js';
import { ids } from '#src/platform/ids.js';
import { createErrorHandler, errorBody, type RefusalRecorder } from './error-handler.js';
import { routeConfig } from './route-config.js';
import { validatorCompiler } from './validation.js';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface Authenticator {
  /** Verifies the `Authorization` header and returns the caller, or throws a 401 AppError. */
  authenticate(authorization: string | undefined, req: FastifyRequest): Promise<Principal>;
}

export interface RouteInfo {
  readonly method: string;
  readonly url: string;
  readonly auth: 'public' | 'token';
}

export interface HttpServerOptions {
  readonly log: Logger;
  readonly bodyLimit: number;
  /** false, a hop count, or proxy addresses/CIDR ranges: never `true` (that trusts the client's own header). */
  readonly trustProxy: false | number | string[];
  readonly publicUrl: string;
  readonly version: string;
  readonly authenticator: Authenticator;
  readonly refusals: RefusalRecorder;
  /**
   * Awaited after authentication: lets access data catch up with changes announced before this
   * request, and lets account-wide rules (allowed addresses) refuse it by throwing an AppError.
   */
  readonly afterAuthentication?: (req: FastifyRequest) => Promise<void>;
}

/** Hides secrets that travel in URLs (invitation tokens, sign-in codes) before a URL is logged. */
export function redactUrl(url: string): string {
  const redacted = url.replace(/(\/(?:invite|invitations)\/)[^/?#]+/g, '$1[Redacted]');
  // Federated sign-in carries one-time codes and state in query strings (its callback, the console's page).
  return redacted.replace(/([?&](?:code|state)=)[^&#]*/g, '$1[Redacted]');
}

export async function createHttpServer(options: HttpServerOptions): Promise<{ app: App; routes: RouteInfo[] }> {
  const app = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    // One line per request, written when it completes (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit,
    // A hop count as a function (Fastify's types omit the number form): trust the nearest `n` hops only.
    trustProxy: typeof options.trustProxy === 'number' ? ((hops: number) => (_address: string, hop: number) => hop < hops)(options.trustProxy) : options.trustProxy,
    requestIdHeader: false,
    // IBM's SDKs may send their own Transaction-Id to trace a call: echo it when it is a sane token.
    genReqId: (req) => {
      const given = req.headers['transaction-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : ids.request();
    },
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 1000 },
    // A path that is not valid percent-encoding fails before routing: answer it in qgate's error shape too.
    frameworkErrors: (error: Error, req: FastifyRequest, reply: FastifyReply) => {
      const refused = appError('invalid_parameter', `the request path is not valid percent-encoding (${error.message})`);
      void reply.code(refused.status).type('application/json').send(errorBody('platform', refused, req.id));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.decorateRequest('principal', undefined);

  // IBM's SDKs send bodiless POSTs with Content-Type: application/json: an empty body is no body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(appError('invalid_body', 'request body is not valid JSON'), undefined);
    }
  });
  // Only the token endpoint speaks forms (as OAuth does); every other API takes JSON.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    if (!req.url.startsWith('/identity/token')) {
      return done(appError('unsupported_content_type', 'unsupported content type application/x-www-form-urlencoded; send application/json'), undefined);
    }
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const config = route.config as { service?: string; auth?: 'public' | 'token' } | undefined;
    if (route.url === '*') return;
    if (!config?.service || !config.auth) {
      throw new Error(`route ${String(route.method)} ${route.url} must declare config.service and config.auth`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' || route.url.includes('/members/')) routes.push({ method, url: route.url, auth: config.auth });
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('transaction-id', req.id);
    if (req.log.level === 'debug' || req.log.level === 'trace') req.log.debug({ method: req.method, url: redactUrl(req.url) }, 'request received');
    const config = routeConfig(req);
    if (config?.auth === 'token') {
      req.principal = await options.authenticator.authenticate(req.headers.authorization, req);
      if (options.afterAuthentication) await options.afterAuthentication(req);
    }
  });

  const logRequests = options.log.isLevelEnabled('info');
  app.addHook('onResponse', async (req, reply) => {
    if (!logRequests || req.url === '/health') return;
    req.log.info({ method: req.method, url: redactUrl(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ip: req.ip, actor: req.principal?.iamId }, 'request');
  });

  app.setErrorHandler(createErrorHandler(options.refusals));
  app.setNotFoundHandler((req, reply) => {
    const error = appError('not_found', `no route for ${req.method} ${redactUrl(req.url.split('?')[0] ?? '')}`);
    return reply.status(404).send({ trace: req.id, errors: [{ code: error.code, message: error.message }], status_code: 404 });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'qgate', version: options.version, description: 'IBM Cloud compatible IAM, resources and Qiskit Runtime compatible job API' },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apikey: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`apikey <API key>`' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const auth = (route.config as { auth?: string } | undefined)?.auth;
      const transformed = { ...(schema ?? {}) } as Record<string, unknown>;
      if (auth === 'token') transformed.security = [{ bearer: [] }, { apikey: [] }];
      return { schema: transformed as never, url };
    },
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { service: 'platform', auth: 'public' } }, async () => app.swagger());

  return { app, routes };
}
