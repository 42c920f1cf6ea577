/**
 * Wire shapes of an account's identity providers (`/v1/accounts/{account_id}/identity_providers`).
 */
import { Type, type Static } from 'typebox';

const FirstSignIn = Type.Enum(['create_user', 'require_invitation'], {
  description: '`create_user`: a person who signs in for the first time becomes a user at once; `require_invitation`: only people invited by email (the email verified by the provider) may enter',
});

export const AccountParams = Type.Object({ account_id: Type.String({ minLength: 1, maxLength: 64 }) });
export const ProviderParams = Type.Object({ account_id: Type.String({ minLength: 1, maxLength: 64 }), id: Type.String({ minLength: 1, maxLength: 100 }) });

export const CreateProviderBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    type: Type.Optional(Type.Enum(['oidc'])),
    realm_id: Type.Optional(Type.String({ pattern: '^oidc-[a-z0-9][a-z0-9-]{0,40}$', description: 'Default: oidc-<name as a slug>. Fixed once made: tokens and dynamic rules name it' })),
    discovery_url: Type.String({ minLength: 1, maxLength: 500, description: "The provider's issuer URL, or its /.well-known/openid-configuration URL" }),
    client_id: Type.String({ minLength: 1, maxLength: 500 }),
    client_secret: Type.String({ minLength: 1, maxLength: 2000, description: 'Write-only: stored encrypted, never returned' }),
    scopes: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: "Space-separated; must include openid. Default: 'openid email profile'" })),
    first_sign_in: Type.Optional(FirstSignIn),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateProviderInput = Static<typeof CreateProviderBody>;

export const UpdateProviderBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    discovery_url: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    client_id: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    client_secret: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    scopes: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    first_sign_in: Type.Optional(FirstSignIn),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateProviderInput = Static<typeof UpdateProviderBody>;

export const Provider = Type.Object({
  id: Type.String(),
  entity_tag: Type.String(),
  account_id: Type.String(),
  realm_id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  discovery_url: Type.String(),
  issuer: Type.String(),
  client_id: Type.String(),
  scopes: Type.String(),
  first_sign_in: Type.String(),
  enabled: Type.Boolean(),
  login_url: Type.String({ description: 'Share with users: the sign-in page of this provider' }),
  redirect_uri: Type.String({ description: 'Register this at the provider as the redirect (callback) URI' }),
  created_at: Type.String(),
  created_by: Type.String(),
  modified_at: Type.String(),
  modified_by: Type.String(),
});
export type ProviderView = Static<typeof Provider>;

export const ProviderList = Type.Object({ identity_providers: Type.Array(Provider) });
