/**
 * Row types of every table, shared by SQLite and PostgreSQL.
 * @remarks Times are ISO-8601 strings written by the application, booleans are 0/1 integers and JSON
 * columns are text, so that both stores return the same values (see docs/architecture.md).
 */
import type { Generated } from 'kysely';

export interface AccountsTable {
  id: string;
  name: string;
  owner_iam_id: string;
  state: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  iam_id: string;
  account_id: string;
  email: string;
  user_id: string;
  realm: string;
  firstname: string;
  lastname: string;
  phonenumber: string;
  altphonenumber: string;
  photo: string;
  state: string;
  password_hash: string | null;
  /** JSON: language, notification_language, allowed_ip_addresses, self_manage. */
  settings: string;
  invited_by: string | null;
  added_on: string;
  updated_at: string;
  last_login_at: string | null;
  /** Tokens issued before this instant are refused (set on disable, removal, password change). */
  tokens_valid_after: string | null;
  /** For federated users: the `sub` their identity provider (named by `realm`) knows them by. */
  idp_subject: string | null;
  /** For federated users: the issuer that vouched for `idp_subject`; a provider with another issuer may not sign in as them. */
  idp_issuer: string | null;
}

export interface InvitationsTable {
  id: string;
  account_id: string;
  iam_id: string;
  email: string;
  token_digest: string;
  state: string;
  expires_at: string;
  created_at: string;
  created_by: string;
  accepted_at: string | null;
  revoked_at: string | null;
  last_sent_at: string;
  send_count: number;
  /** JSON array of access group ids to join on acceptance. */
  access_groups: string;
  /** JSON array of policies (IBM invite `iam_policy`) to grant on acceptance. */
  iam_policy: string;
}

export interface ServiceIdsTable {
  id: string;
  iam_id: string;
  account_id: string;
  name: string;
  description: string;
  group_id: string | null;
  unique_instance_crns: string;
  locked: number;
  version: number;
  created_at: string;
  created_by: string;
  modified_at: string;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  iam_id: string;
  name: string;
  description: string;
  /** SHA-256 of the key value, hex. The value itself is never stored. */
  digest: string;
  locked: number;
  disabled: number;
  expires_at: string | null;
  support_sessions: number;
  action_when_leaked: string;
  version: number;
  created_at: string;
  created_by: string;
  modified_at: string;
  last_authn_at: string | null;
  authn_count: number;
}

export interface SigningKeysTable {
  kid: string;
  /** Public half only: private keys stay in the data directory of the node that made them. */
  public_jwk: string;
  created_at: string;
  /** After this instant the key signs nothing new. */
  retire_at: string;
  /** After this instant no token it signed is still valid: it leaves the JWKS. */
  expires_at: string;
}

export interface RefreshTokensTable {
  id: string;
  digest: string;
  family_id: string;
  account_id: string;
  iam_id: string;
  apikey_id: string | null;
  client_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** When the sign-in that began this token's family happened (session expiration counts from it). */
  session_started_at: string | null;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  id: string;
  at: string;
  account_id: string | null;
  actor_iam_id: string | null;
  actor_type: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  status: number;
  request_id: string | null;
  ip: string | null;
  /** JSON object; never holds a secret. */
  details: string;
}

export interface ThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  blocked_until: string | null;
}

export interface KnownAddressesTable {
  /** The sign-in name (email) that succeeded from this address. */
  subject: string;
  address: string;
  last_at: string;
}

export interface ResourceGroupsTable {
  id: string;
  account_id: string;
  name: string;
  state: string;
  is_default: number;
  created_at: string;
  updated_at: string;
}

export interface ResourceInstancesTable {
  guid: string;
  crn: string;
  account_id: string;
  name: string;
  service_id: string;
  region_id: string;
  resource_group_id: string;
  resource_plan_id: string;
  /** JSON array of strings */
  tags: string;
  /** JSON object */
  parameters: string;
  allow_cleanup: number;
  state: string;
  locked: number;
  /** JSON object: the last operation, as IBM reports it */
  last_operation: string;
  /** JSON array of {resource_plan_id, start_date, requestor_id} */
  plan_history: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  deleted_by: string | null;
}

export interface AccessGroupsTable {
  id: string;
  account_id: string;
  name: string;
  /** Lower-cased name: group names are unique per account regardless of case. */
  name_key: string;
  description: string;
  version: number;
  created_at: string;
  created_by_id: string;
  last_modified_at: string;
  last_modified_by_id: string;
}

export interface AccessGroupMembersTable {
  group_id: string;
  account_id: string;
  iam_id: string;
  /** user, service or profile */
  type: string;
  /** static (added by someone) or dynamic (granted by a rule at federated sign-in) */
  membership_type: string;
  /** Dynamic memberships lapse at this instant; null for static ones. */
  expires_at: string | null;
  created_at: string;
  created_by_id: string;
}

export interface AccessGroupRulesTable {
  id: string;
  group_id: string;
  account_id: string;
  name: string;
  expiration: number;
  realm_name: string;
  /** JSON array of {claim, operator, value}. */
  conditions: string;
  version: number;
  created_at: string;
  created_by_id: string;
  last_modified_at: string;
  last_modified_by_id: string;
}

export interface AccessGroupSettingsTable {
  account_id: string;
  public_access_enabled: number;
  last_modified_at: string;
  last_modified_by_id: string;
}

export interface CustomRolesTable {
  id: string;
  account_id: string;
  name: string;
  display_name: string;
  description: string;
  service_name: string;
  /** JSON array of action ids. */
  actions: string;
  crn: string;
  version: number;
  created_at: string;
  created_by_id: string;
  last_modified_at: string;
  last_modified_by_id: string;
}

export interface PoliciesTable {
  id: string;
  account_id: string;
  type: string;
  /** v1 or v2: the API the policy was written with, which decides its wire shape. */
  api_version: string;
  description: string;
  /** iam_id or access_group_id */
  subject_key: string;
  subject_value: string;
  /** JSON: the policy as the API describes it (v1: subjects, roles, resources; v2: subject, control, resource, pattern, rule). */
  body: string;
  state: string;
  version: number;
  created_at: string;
  created_by_id: string;
  last_modified_at: string;
  last_modified_by_id: string;
}

export interface JobsTable {
  id: string;
  account_id: string;
  instance_id: string;
  backend: string;
  program_id: string;
  params: string;
  /** Queued, Running, Completed, Failed or Cancelled (IBM's capitalised states). */
  status: string;
  reason: string | null;
  reason_code: number | null;
  created_by: string;
  session_id: string | null;
  tags: string;
  /** The most seconds the job may run. */
  cost: number;
  usage_seconds: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** The worker that runs the job, and until when its claim holds without a heartbeat. */
  lease_owner: string | null;
  lease_expires_at: string | null;
  attempts: number;
  cancel_requested: number;
  result: string | null;
  logs: string;
}

export interface InstanceConfigurationsTable {
  instance_id: string;
  /** Seconds of usage the instance may consume per month; null: only the plan's limit applies. */
  instance_limit: number | null;
  updated_at: string;
  updated_by: string;
}

/** Seconds of usage an instance's jobs consumed in a month, summed as they finish. */
export interface InstanceUsageTable {
  instance_id: string;
  /** `YYYY-MM` (UTC): the month the jobs finished in. */
  period: string;
  seconds: number;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  instance_id: string;
  backend: string;
  /** dedicated (a session) or batch */
  mode: string;
  /** open (no job yet), active, closed */
  state: string;
  accepting_jobs: number;
  max_ttl: number;
  interactive_ttl: number | null;
  created_by: string;
  started_at: string;
  activated_at: string | null;
  closed_at: string | null;
  last_job_started: string | null;
}

export interface AccountIdentitySettingsTable {
  account_id: string;
  /** JSON object: IBM's setting names and their string values. */
  settings: string;
  version: number;
  modified_at: string;
  modified_by: string;
}

export interface IdentityProvidersTable {
  id: string;
  account_id: string;
  /** `oidc-<slug>`: names the provider in `/login/<realm>` and in its users' tokens (`realmid`). */
  realm_id: string;
  name: string;
  type: string;
  issuer: string;
  client_id: string;
  /** AES-256-GCM, see federation/secret-box.ts; never returned. */
  client_secret_encrypted: string;
  /** Space-separated OAuth scopes. */
  scopes: string;
  /** `create_user` or `require_invitation`. */
  first_sign_in: string;
  enabled: number;
  version: number;
  created_at: string;
  created_by: string;
  modified_at: string;
  modified_by: string;
}

export interface FederationLoginsTable {
  /** SHA-256 of the `state` sent to the provider. */
  state_digest: string;
  provider_id: string;
  realm_id: string;
  /** Encrypted JSON: nonce, PKCE verifier, and the client's redirect_uri, state and code_challenge. */
  secrets_encrypted: string;
  expires_at: string;
}

export interface FederationCodesTable {
  /** SHA-256 of the one-time code handed to the client. */
  code_digest: string;
  account_id: string;
  iam_id: string;
  realm_id: string;
  redirect_uri: string;
  code_challenge: string;
  expires_at: string;
}

export interface DB {
  accounts: AccountsTable;
  users: UsersTable;
  invitations: InvitationsTable;
  service_ids: ServiceIdsTable;
  api_keys: ApiKeysTable;
  signing_keys: SigningKeysTable;
  refresh_tokens: RefreshTokensTable;
  audit_events: AuditEventsTable;
  throttle: ThrottleTable;
  known_addresses: KnownAddressesTable;
  resource_groups: ResourceGroupsTable;
  resource_instances: ResourceInstancesTable;
  access_groups: AccessGroupsTable;
  access_group_members: AccessGroupMembersTable;
  access_group_rules: AccessGroupRulesTable;
  access_group_settings: AccessGroupSettingsTable;
  custom_roles: CustomRolesTable;
  policies: PoliciesTable;
  jobs: JobsTable;
  instance_configurations: InstanceConfigurationsTable;
  instance_usage: InstanceUsageTable;
  sessions: SessionsTable;
  account_identity_settings: AccountIdentitySettingsTable;
  identity_providers: IdentityProvidersTable;
  federation_logins: FederationLoginsTable;
  federation_codes: FederationCodesTable;
}
