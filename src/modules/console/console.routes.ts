/**
 * The web console: index.html for each of the console's own paths (the browser app routes from there) and the
 * hashed assets Vite builds into dist/console. The console is a client of the public API like any other; these
 * routes serve files only and need no authentication.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appError } from '#src/errors/registry.js';
import type { App } from '#src/http/server.js';
import { parseAllowList } from '#src/modules/account-settings/ip-allow-list.js';
import { createConsoleFiles, DEFAULT_CONSOLE_DIR, type ConsoleFile } from './console-files.js';

/**
 * Paths that open the console. They must not collide with the API: `/login/<realm>` is federated sign-in and the
 * runtime's legacy root paths (`/jobs`, `/backends`, …) belong to the Qiskit Runtime API.
 */
export const CONSOLE_PAGES = ['/', '/signin', '/signin/callback', '/invite/:token', '/iam', '/iam/*', '/resources', '/resources/*', '/quantum', '/quantum/*'] as const;
export const CONSOLE_ASSETS = '/assets/:name';
/** The caller's own address as the server sees it (an API operation, listed in /openapi.json). */
export const CONSOLE_ADDRESS = '/console/address';

const AddressQuery = Type.Object({
  allowed_ip_addresses: Type.Optional(Type.String({ maxLength: 5000, description: 'A list as in the identity settings: answers whether it allows this address' })),
});
const AddressResponse = Type.Object({
  ip_address: Type.String({ description: 'The address requests from this client arrive from (after QGATE_TRUST_PROXY)' }),
  allowed: Type.Optional(Type.Boolean({ description: 'Whether allowed_ip_addresses, when given, lets this address in (an invalid list is refused with 400)' })),
});

/** Scripts and styles only from this server: no inline scripts, no CDN, no frames. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>qgate console not built</title></head>
<body><h1>The qgate console has not been built</h1>
<p>This server runs without <code>dist/console</code>. Run <code>npm run build</code> (which <code>npm install</code> runs too)
to build the console; the API works without it.</p></body></html>
`;

function send(req: FastifyRequest, reply: FastifyReply, file: ConsoleFile) {
  void reply.header('content-type', file.contentType).header('vary', 'accept-encoding');
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (file.gzipped && /\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(file.gzipped);
  return reply.send(file.body);
}

export function consoleRoutes(app: App, deps: { dir?: string } = {}): void {
  const files = createConsoleFiles(deps.dir ?? DEFAULT_CONSOLE_DIR);
  const config = { service: 'platform', auth: 'public' } as const;

  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    void reply
      .header('content-security-policy', CONSOLE_CSP)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      // Invitation links carry their secret in the path: never hand it to another site.
      .header('referrer-policy', 'no-referrer');
    const index = files.index();
    if (!index) return reply.status(503).header('content-type', 'text/html; charset=utf-8').send(NOT_BUILT);
    return send(req, reply, index);
  };
  for (const url of CONSOLE_PAGES) app.get(url, { config, schema: { hide: true } }, page);

  // The identity settings screen warns before an administrator saves an address list that would lock them out:
  // a browser cannot know its own address, and the list is checked by the rules the server enforces.
  app.get(CONSOLE_ADDRESS, {
    config, schema: { tags: ['Console'], summary: "The caller's own IP address, and whether an allowed-addresses list lets it in", querystring: AddressQuery, response: { 200: AddressResponse } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    const ip = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(req.ip)?.[1] ?? req.ip;
    const list = req.query.allowed_ip_addresses;
    if (list === undefined) return { ip_address: ip };
    let allowList;
    try {
      allowList = parseAllowList(list);
    } catch (err) {
      throw appError('invalid_query', `query parameter 'allowed_ip_addresses' must be a comma-separated list of IP addresses or CIDR ranges: ${(err as Error).message}`);
    }
    return { ip_address: ip, allowed: allowList.allows(req.ip) };
  });

  app.get<{ Params: { name: string } }>(CONSOLE_ASSETS, { config, schema: { hide: true } }, async (req, reply) => {
    const file = files.asset(req.params.name);
    void reply.header('x-content-type-options', 'nosniff');
    if (!file) return reply.status(404).header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send(`no console asset ${req.params.name}; run npm run build\n`);
    // Names carry a content hash: a changed file gets a new name, so browsers may keep these for good.
    void reply.header('cache-control', 'public, max-age=31536000, immutable');
    return send(req, reply, file);
  });
}
