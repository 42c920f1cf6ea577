/**
 * A real OpenID Connect provider on loopback (npm `oidc-provider`) standing in for an
 * organization's identity provider, with people whose claims a test sets and changes.
 *
 * Sign-in is non-interactive: the person to sign in is the `login_hint` qgate passes on, and
 * consent is granted at once. A test may rewrite the next token endpoint answer (to hand qgate a
 * forged, expired or replayed ID token) and can sign ID tokens with the provider's own key.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import ProviderClass from 'oidc-provider';

/** The few parts of oidc-provider's API this helper uses (the package ships no type declarations). */
interface OidcContext {
  oidc: { provider: OidcProvider; client?: { clientId: string }; session?: { accountId?: string }; params?: Record<string, unknown> };
}
interface OidcGrant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface OidcProvider {
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ params: Record<string, unknown> }>;
  interactionFinished(req: http.IncomingMessage, res: http.ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: new (init: { clientId: string; accountId: string }) => OidcGrant;
}
const Provider = ProviderClass as unknown as new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
type SigningKey = Parameters<SignJWT['sign']>[0];

export interface IdpPerson {
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  project?: string | string[];
}

export interface TestIdp {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** People by subject; change their claims at will. */
  readonly people: Map<string, IdpPerson>;
  /** Rewrites the next token endpoint answer (once). */
  interceptNextToken(rewrite: (body: Record<string, unknown>) => Record<string, unknown>): void;
  /** Signs an ID token with the provider's key (or `key` when given), header `alg`/`kid` as asked. */
  sign(claims: JWTPayload, options?: { alg?: string; kid?: string; key?: SigningKey }): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIdp(options: { redirectUris: string[]; clientSecret?: string }): Promise<TestIdp> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
  void publicKey;
  const people = new Map<string, IdpPerson>();
  const clientId = 'qgate-test-client';
  const clientSecret = options.clientSecret ?? 'a client secret of the test identity provider';
  let rewrite: ((body: Record<string, unknown>) => Record<string, unknown>) | undefined;

  // The port must be known before the provider is made: the issuer is its URL.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test identity provider cookie key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'], project: ['project'] },
    // Claims go into the ID token itself, where qgate reads them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx: OidcContext, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: OidcContext, sub: string) {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...person }) };
    },
    // Consent is given at once: the test IdP grants every scope asked for.
    async loadExistingGrant(ctx: OidcContext) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(String(ctx.oidc.params!.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        const sub = String(details.params.login_hint ?? '');
        if (!people.has(sub)) {
          await provider.interactionFinished(req, res, { error: 'access_denied', error_description: `no person ${sub} at the test IdP` }, { mergeWithLastSubmission: false });
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
        return;
      }
      if (url.pathname === '/token' && req.method === 'POST' && rewrite) {
        const change = rewrite;
        rewrite = undefined;
        const chunks: Buffer[] = [];
        const end = res.end.bind(res);
        res.write = ((chunk: unknown) => {
          chunks.push(Buffer.from(chunk as Buffer));
          return true;
        }) as typeof res.write;
        res.end = ((chunk?: unknown) => {
          if (chunk) chunks.push(Buffer.from(chunk as Buffer));
          const text = Buffer.concat(chunks).toString('utf8');
          const out = JSON.stringify(change(JSON.parse(text) as Record<string, unknown>));
          res.setHeader('content-length', Buffer.byteLength(out));
          return end(out);
        }) as typeof res.end;
      }
      handle(req, res);
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    interceptNextToken(fn) {
      rewrite = fn;
    },
    async sign(claims, o = {}) {
      return new SignJWT(claims).setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? 'idp-key-1' }).sign(o.key ?? privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
