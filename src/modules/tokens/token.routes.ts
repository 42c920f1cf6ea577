/**
 * `POST /identity/token`, the JWKS and OpenID discovery, as IBM Cloud IAM serves them.
 */
import { Type } from 'typebox';
import { appError } from '#src/errors/registry.js';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import { APIKEY_GRANT, type TokenService } from './token.service.js';
import type { SigningKeys } from './signing-keys.js';

const TokenRequest = Type.Object(
  {
    grant_type: Type.String({ description: `\`${APIKEY_GRANT}\`, \`password\`, \`refresh_token\` or \`authorization_code\` (federated sign-in, docs/federation.md)` }),
    apikey: Type.Optional(Type.String({ maxLength: 512 })),
    username: Type.Optional(Type.String({ maxLength: 320 })),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    refresh_token: Type.Optional(Type.String({ maxLength: 512 })),
    response_type: Type.Optional(Type.String({ maxLength: 200 })),
    scope: Type.Optional(Type.String({ maxLength: 200 })),
    account: Type.Optional(Type.String({ maxLength: 64 })),
    code: Type.Optional(Type.String({ maxLength: 512 })),
    code_verifier: Type.Optional(Type.String({ maxLength: 128 })),
    redirect_uri: Type.Optional(Type.String({ maxLength: 2000 })),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const TokenResponse = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.String(),
  expires_in: Type.Integer(),
  expiration: Type.Integer(),
  scope: Type.String(),
});

const Jwk = Type.Object({ kty: Type.String(), kid: Type.String(), alg: Type.String(), use: Type.String(), n: Type.String(), e: Type.String() });

/** Redeems a federated sign-in's one-time code (PKCE-bound) for tokens. */
export type CodeGrant = (code: string, codeVerifier: string, redirectUri: string, ctx: ReturnType<typeof contextOf>) => Promise<TokenResponseBody>;
type TokenResponseBody = Awaited<ReturnType<TokenService['passwordGrant']>>;

export function tokenRoutes(app: App, deps: { tokens: TokenService; keys: SigningKeys; issuer: string; publicUrl: string; codeGrant?: CodeGrant }): void {
  const config = { service: 'token', auth: 'public' } as const;

  app.post('/identity/token', {
    config,
    schema: {
      tags: ['IAM tokens'],
      summary: 'Exchange an API key, a password or a refresh token for an access token',
      consumes: ['application/x-www-form-urlencoded'],
      body: TokenRequest,
      querystring: Type.Object({ account: Type.Optional(Type.String({ maxLength: 64 })) }),
      response: { 200: TokenResponse },
    },
  }, async (req) => {
    const body = req.body;
    const ctx = contextOf(req);
    switch (body.grant_type) {
      case APIKEY_GRANT:
        if (!body.apikey) throw appError('invalid_grant_request', "field 'apikey' is required for the apikey grant");
        return deps.tokens.exchangeApiKey(body.apikey, ctx);
      case 'password':
        if (!body.username || body.password === undefined) throw appError('invalid_grant_request', "fields 'username' and 'password' are required for the password grant");
        return deps.tokens.passwordGrant(body.username, body.password, body.account ?? req.query.account, ctx);
      case 'refresh_token':
        if (!body.refresh_token) throw appError('invalid_grant_request', "field 'refresh_token' is required for the refresh_token grant");
        return deps.tokens.refreshGrant(body.refresh_token, ctx);
      case 'authorization_code':
        if (!deps.codeGrant) break;
        if (!body.code || !body.code_verifier || !body.redirect_uri) throw appError('invalid_grant_request', "fields 'code', 'code_verifier' and 'redirect_uri' are required for the authorization_code grant");
        return deps.codeGrant(body.code, body.code_verifier, body.redirect_uri, ctx);
    }
    throw appError('unsupported_grant_type', `grant_type must be one of ${APIKEY_GRANT}, password, refresh_token${deps.codeGrant ? ', authorization_code' : ''}`);
  });

  app.get('/identity/keys', {
    config,
    schema: { tags: ['IAM tokens'], summary: 'Public keys that verify access tokens (JWKS)', response: { 200: Type.Object({ keys: Type.Array(Jwk) }) } },
  }, async (_req, reply) => {
    void reply.header('cache-control', 'public, max-age=60');
    return deps.keys.jwks();
  });

  const discovery = async () => ({
    issuer: deps.issuer,
    token_endpoint: `${deps.publicUrl}/identity/token`,
    jwks_uri: `${deps.publicUrl}/identity/keys`,
    grant_types_supported: [APIKEY_GRANT, 'password', 'refresh_token', ...(deps.codeGrant ? ['authorization_code'] : [])],
    response_types_supported: ['cloud_iam'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'],
    scopes_supported: ['ibm', 'openid'],
    claims_supported: ['iam_id', 'id', 'sub', 'sub_type', 'realmid', 'name', 'email', 'given_name', 'family_name', 'account', 'iat', 'exp', 'iss'],
  });
  const discoverySchema = {
    tags: ['IAM tokens'],
    summary: 'OpenID Connect discovery document',
    response: {
      200: Type.Object({
        issuer: Type.String(), token_endpoint: Type.String(), jwks_uri: Type.String(),
        grant_types_supported: Type.Array(Type.String()), response_types_supported: Type.Array(Type.String()),
        id_token_signing_alg_values_supported: Type.Array(Type.String()), token_endpoint_auth_methods_supported: Type.Array(Type.String()),
        scopes_supported: Type.Array(Type.String()), claims_supported: Type.Array(Type.String()),
      }),
    },
  };
  app.get('/.well-known/openid-configuration', { config, schema: discoverySchema }, discovery);
  app.get('/identity/.well-known/openid-configuration', { config, schema: { ...discoverySchema, hide: true } }, discovery);
}
