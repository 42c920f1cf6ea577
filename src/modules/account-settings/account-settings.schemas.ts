/**
 * Wire shapes of IAM Identity's account settings (`/v1/accounts/{account_id}/settings/identity`),
 * as IBM's SDK sends and reads them: every value is a string, `NOT_SET` meaning "the default".
 */
import { Type, type Static } from 'typebox';

const Restriction = Type.Enum(['RESTRICTED', 'NOT_RESTRICTED', 'NOT_SET']);
const Setting = (description: string) => Type.String({ maxLength: 20, description });

export const AccountParams = Type.Object({ account_id: Type.String({ minLength: 1, maxLength: 64 }) });

export const SettingsQuery = Type.Object({
  include_history: Type.Optional(Type.Boolean()),
  resolve_user_mfa: Type.Optional(Type.Boolean()),
});

export const SettingsBody = Type.Object(
  {
    restrict_create_service_id: Type.Optional(Restriction),
    restrict_create_platform_apikey: Type.Optional(Restriction),
    restrict_user_list_visibility: Type.Optional(Restriction),
    allowed_ip_addresses: Type.Optional(Type.String({ maxLength: 5000, description: 'Comma-separated IPv4/IPv6 addresses and CIDR ranges; empty: any address' })),
    mfa: Type.Optional(Type.Enum(['NONE', 'NONE_NO_ROPC', 'TOTP', 'TOTP4ALL', 'LEVEL1', 'LEVEL2', 'LEVEL3'])),
    user_mfa: Type.Optional(Type.Array(Type.Object({ iam_id: Type.String({ maxLength: 200 }), mfa: Type.String({ maxLength: 20 }) }), { maxItems: 0 })),
    session_expiration_in_seconds: Type.Optional(Setting('900–86400, or NOT_SET')),
    session_invalidation_in_seconds: Type.Optional(Setting('900–7200, or NOT_SET')),
    max_sessions_per_identity: Type.Optional(Setting('NOT_SET (not enforced by qgate)')),
    system_access_token_expiration_in_seconds: Type.Optional(Setting('NOT_SET (QGATE_TOKEN_TTL applies)')),
    system_refresh_token_expiration_in_seconds: Type.Optional(Setting('NOT_SET (QGATE_REFRESH_TOKEN_TTL applies)')),
    restrict_user_domains: Type.Optional(Type.Array(Type.Object({ realm_id: Type.String({ maxLength: 200 }) }, { additionalProperties: true }), { maxItems: 0 })),
  },
  { additionalProperties: false },
);
export type SettingsInput = Static<typeof SettingsBody>;

export const SettingsResponse = Type.Object({
  account_id: Type.String(),
  entity_tag: Type.String(),
  restrict_create_service_id: Type.String(),
  restrict_create_platform_apikey: Type.String(),
  restrict_user_list_visibility: Type.String(),
  allowed_ip_addresses: Type.String(),
  mfa: Type.String(),
  user_mfa: Type.Array(Type.Object({ iam_id: Type.String(), mfa: Type.String() })),
  session_expiration_in_seconds: Type.String(),
  session_invalidation_in_seconds: Type.String(),
  max_sessions_per_identity: Type.String(),
  system_access_token_expiration_in_seconds: Type.String(),
  system_refresh_token_expiration_in_seconds: Type.String(),
  restrict_user_domains: Type.Array(Type.Object({ realm_id: Type.String() })),
  history: Type.Optional(Type.Array(Type.Object({ timestamp: Type.String(), iam_id: Type.String(), iam_id_account: Type.String(), action: Type.String(), params: Type.Array(Type.String()), message: Type.String() }))),
});
export type SettingsView = Static<typeof SettingsResponse>;
