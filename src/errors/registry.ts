/**
 * The registry of every error qgate answers with. Codes are stable: a retired code is never reused.
 * Each entry is documented in docs/errors.md (a unit test keeps the two in step).
 *
 * IBM compatibility: `code` is what appears in `errors[0].code`; where IBM's token service has a
 * documented code (BXNIM…), `ibm` carries it for `errorCode`.
 */
import { AppError } from './app-error.js';

interface Entry {
  readonly status: number;
  readonly ibm?: string;
}

export const ERROR_CODES = {
  // generic request problems
  invalid_body: { status: 400 },
  invalid_query: { status: 400 },
  invalid_parameter: { status: 400 },
  unsupported_content_type: { status: 415 },
  body_too_large: { status: 413 },
  not_found: { status: 404 },
  method_not_allowed: { status: 405 },
  precondition_required: { status: 428 },
  precondition_failed: { status: 412 },
  too_many_requests: { status: 429 },
  internal_error: { status: 500 },
  service_unavailable: { status: 503 },
  // authentication
  missing_token: { status: 401 },
  invalid_token: { status: 401 },
  token_expired: { status: 401 },
  token_revoked: { status: 401 },
  insufficient_permissions: { status: 403 },
  account_mismatch: { status: 403 },
  // token service
  apikey_not_found: { status: 400, ibm: 'BXNIM0415E' },
  apikey_locked_or_disabled: { status: 400, ibm: 'BXNIM0416E' },
  apikey_expired: { status: 400, ibm: 'BXNIM0418E' },
  invalid_credentials: { status: 400, ibm: 'BXNIM0602E' },
  invalid_refresh_token: { status: 400, ibm: 'BXNIM0407E' },
  unsupported_grant_type: { status: 400, ibm: 'BXNIM0109E' },
  invalid_grant_request: { status: 400, ibm: 'BXNIM0109E' },
  invalid_client: { status: 401, ibm: 'BXNIM0410E' },
  login_throttled: { status: 429, ibm: 'BXNIM0400E' },
  // users and invitations
  user_not_found: { status: 404 },
  user_pending: { status: 409 },
  user_already_member: { status: 409 },
  user_state_invalid: { status: 400 },
  cannot_remove_owner: { status: 409 },
  invitation_not_found: { status: 404 },
  invitation_expired: { status: 410 },
  invitation_used: { status: 409 },
  password_too_short: { status: 400 },
  password_too_long: { status: 400 },
  password_too_common: { status: 400 },
  // identity objects
  apikey_not_found_by_id: { status: 404 },
  apikey_limit_reached: { status: 400 },
  apikey_value_conflict: { status: 409 },
  entity_locked: { status: 409 },
  entity_tag_mismatch: { status: 409 },
  serviceid_not_found: { status: 404 },
  serviceid_limit_reached: { status: 400 },
  store_value_not_supported: { status: 400 },
  // accounts
  account_not_found: { status: 404 },
  // access groups
  group_not_found: { status: 404 },
  group_name_conflict: { status: 409 },
  group_not_editable: { status: 400 },
  group_not_empty: { status: 409 },
  group_limit_reached: { status: 400 },
  member_not_found: { status: 404 },
  rule_not_found: { status: 404 },
  rule_limit_reached: { status: 400 },
  // account identity settings and federation
  ip_address_not_allowed: { status: 403 },
  identity_provider_not_found: { status: 404 },
  identity_provider_conflict: { status: 409 },
  federation_request_invalid: { status: 400 },
  federation_state_invalid: { status: 400 },
  identity_provider_error: { status: 502 },
  id_token_invalid: { status: 401 },
  federated_user_refused: { status: 403 },
  invalid_authorization_code: { status: 400 },
  // runtime
  job_not_found: { status: 404 },
  job_not_cancellable: { status: 409 },
  job_not_terminal: { status: 409 },
  backend_not_found: { status: 404 },
  usage_limit_reached: { status: 409 },
  session_not_found: { status: 404 },
  session_closed: { status: 409 },
  session_limit_reached: { status: 409 },
  sessions_not_allowed: { status: 403 },
  // policies and roles
  policy_not_found: { status: 404 },
  policy_conflict_error: { status: 409 },
  policy_limit_reached: { status: 400 },
  role_not_found: { status: 404 },
  role_conflict_error: { status: 409 },
  role_in_use: { status: 409 },
  role_limit_reached: { status: 400 },
  // catalog, resource groups and service instances
  catalog_entry_not_found: { status: 404 },
  resource_group_not_found: { status: 404 },
  resource_group_name_conflict: { status: 409 },
  resource_group_is_default: { status: 409 },
  resource_group_not_empty: { status: 409 },
  resource_instance_not_found: { status: 404 },
  resource_instance_gone: { status: 410 },
  resource_instance_locked: { status: 422 },
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Builds an {@link AppError} with the registry's status for `code`. */
export function appError(code: ErrorCode, message: string, details?: Record<string, unknown>, headers?: Record<string, string>): AppError {
  return new AppError(code, ERROR_CODES[code].status, message, details, headers);
}

export function ibmCodeOf(code: ErrorCode): string {
  const entry: Entry = ERROR_CODES[code];
  return entry.ibm ?? code;
}
