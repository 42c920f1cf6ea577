/**
 * Federated sign-in routes: `GET /login` (the enabled providers, for a sign-in page),
 * `GET /login/<realm>` (to the provider) and `GET /login/<realm>/callback` (back from it).
 * The code they return is redeemed at `POST /identity/token` (grant_type=authorization_code).
 */
import { Type } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { SignInService } from './sign-in.service.js';

const tags = ['Federated sign-in'];
const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z0-9-]+$' }) });
const q = (max: number) => Type.Optional(Type.String({ maxLength: max }));

/** `__Host-` pins the cookie to this origin over https; a plain-http deployment cannot use that prefix. */
export const bindingCookieName = (publicUrl: string) => (publicUrl.startsWith('https:') ? '__Host-qgate-signin' : 'qgate-signin');

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function signInRoutes(app: App, deps: { signIn: SignInService; publicUrl: string }): void {
  const cookie = bindingCookieName(deps.publicUrl);
  const secure = deps.publicUrl.startsWith('https:') ? '; Secure' : '';
  app.get('/login', {
    config: { service: 'platform', auth: 'public' },
    schema: {
      tags, summary: "The account's enabled identity providers (realm, name, sign-in URL); without account_id, those of a single-account deployment",
      querystring: Type.Object({ account_id: q(64) }),
      response: { 200: Type.Object({ providers: Type.Array(Type.Object({ realm_id: Type.String(), name: Type.String(), login_url: Type.String() })) }) },
    },
  }, async (req) => deps.signIn.listForSignIn(req.query.account_id));

  app.get('/login/:realm', {
    config: { service: 'token', auth: 'public' },
    schema: {
      tags, summary: 'Start a federated sign-in: redirects to the identity provider (RFC 8252 / RFC 7636 client parameters)',
      params: RealmParams,
      querystring: Type.Object({ redirect_uri: q(2000), state: q(512), code_challenge: q(128), code_challenge_method: q(10), login_hint: q(320) }),
      response: { 302: Type.Null({ description: "Location: the identity provider's authorization endpoint" }) },
    },
  }, async (req, reply) => {
    const { location, binding } = await deps.signIn.start(contextOf(req), req.params.realm, req.query, cookieValue(req.headers.cookie, cookie));
    // Lax: sent on the provider's top-level redirect back to the callback, not on cross-site subrequests.
    void reply.header('set-cookie', `${cookie}=${binding}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax${secure}`);
    return reply.header('cache-control', 'no-store').redirect(location, 302);
  });

  app.get('/login/:realm/callback', {
    config: { service: 'token', auth: 'public' },
    schema: {
      tags, summary: "The identity provider's return: redirects to the client with a one-time code (or an error)",
      params: RealmParams,
      querystring: Type.Object({ code: q(4000), state: q(512), error: q(200), error_description: q(2000), iss: q(500) }),
      response: { 302: Type.Null({ description: "Location: the client's redirect_uri with code and state, or error" }) },
    },
  }, async (req, reply) => {
    const location = await deps.signIn.callback(contextOf(req), req.params.realm, req.query, cookieValue(req.headers.cookie, cookie));
    return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(location, 302);
  });
}
