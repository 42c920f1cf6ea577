/**
 * Peer for the token benchmark: npm `oidc-provider` (the OpenID Connect engine under Logto) issuing
 * RS256 JWT access tokens on its `client_credentials` grant.
 * Run as its own process: `node --import tsx bench/lib/oidc-peer.ts` with PORT, CLIENT_ID and
 * CLIENT_SECRET. `GET /health` answers 200 once it listens; every other request goes to the provider.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const PEER_RESOURCE = 'urn:qgate-bench:api';

const port = Number(process.env.PORT);
const clientId = process.env.CLIENT_ID;
const clientSecret = process.env.CLIENT_SECRET;
if (!Number.isInteger(port) || port <= 0 || !clientId || !clientSecret) throw new Error('PORT, CLIENT_ID and CLIENT_SECRET must be set');

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-rs256', alg: 'RS256', use: 'sig' };

const origin = `http://127.0.0.1:${port}`;
const provider = new Provider(origin, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [jwk] },
  ttl: { ClientCredentials: 3600 },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => PEER_RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience: PEER_RESOURCE,
        accessTokenTTL: 3600,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider server_error: ${String(err)}\n`));

const handle = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  handle(req, res);
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
