/**
 * Typed configuration, parsed once at start-up from the environment.
 * @remarks Nothing else in qgate reads `process.env`: every setting arrives through {@link Config}.
 */
import net from 'node:net';
import path from 'node:path';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** `postgres://…` selects PostgreSQL; undefined means SQLite at `<dataDir>/qgate.sqlite`. */
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string;
  readonly adminEmail: string;
  readonly adminPassword: string | undefined;
  readonly adminApiKey: string | undefined;
  readonly smtpUrl: string | undefined;
  /** Access token lifetime in seconds. */
  readonly tokenTtl: number;
  /** Refresh token lifetime in seconds. */
  readonly refreshTokenTtl: number;
  /** Invitation lifetime in seconds (default 7 days). */
  readonly invitationTtl: number;
  /** The deployment name, third field of every CRN qgate issues. */
  readonly crnName: string;
  readonly region: string;
  readonly logLevel: string;
  readonly limits: {
    readonly apiKeysPerIdentity: number;
    readonly serviceIdsPerAccount: number;
    readonly groupsPerAccount: number;
    readonly groupsPerIdentity: number;
    readonly rulesPerGroup: number;
    readonly customRolesPerAccount: number;
    readonly policiesPerAccount: number;
    readonly bodyBytes: number;
  };
  /** Signing keys older than this many seconds are replaced by a new one. */
  readonly signingKeyRotation: number;
  /** Which `X-Forwarded-For` hops to trust: none (false), the last N (a count), or those from these proxy addresses/ranges. */
  readonly trustProxy: false | number | string[];
  /** Let identity providers be reached over plain http and on private, loopback or link-local addresses (tests, labs). */
  readonly idpAllowInsecure: boolean;
  /** Jobs this node runs at once (0: this node runs none, it only serves the API). */
  readonly workers: number;
  /** Jobs one person may submit per minute, across all nodes (0: no limit; IBM Cloud allows 5). */
  readonly jobsPerMinutePerUser: number;
  /**
   * Encrypts secrets qgate must be able to use again (identity providers' client secrets); undefined:
   * a random key kept in `<dataDir>/keys/secrets.key`. Nodes sharing a store need the same value.
   */
  readonly secretsKey: string | undefined;
  /** The key QGATE_SECRETS_KEY replaced: values it sealed still open (and are sealed again at start) during a rotation. */
  readonly secretsKeyPrevious: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, expected: string, got: string) {
    super(`${variable}: expected ${expected}, got ${JSON.stringify(got)}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function str(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, 'true or false', raw);
}

/**
 * `QGATE_TRUST_PROXY`: never "trust every hop" (the left-most `X-Forwarded-For` entry is whatever the
 * client wrote). `true` means one proxy in front (the right-most entry is the client); a number, that many
 * proxies; otherwise the proxies' own addresses or CIDR ranges, comma-separated.
 */
function trustProxy(env: Env): false | number | string[] {
  const raw = str(env, 'QGATE_TRUST_PROXY');
  if (raw === undefined || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return 1;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const valid = (entry: string) => {
    const [address, prefix, extra] = entry.split('/');
    const family = net.isIP(address ?? '');
    return family !== 0 && extra === undefined && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)));
  };
  if (entries.length === 0 || !entries.every(valid)) throw new ConfigError('QGATE_TRUST_PROXY', 'true or false, a number of proxy hops, or comma-separated proxy addresses/CIDR ranges', raw);
  return entries;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `a URL (${protocols.join(', ')})`, raw);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `a URL (${protocols.join(', ')})`, raw);
  return raw;
}

/** Parses the environment into a frozen {@link Config}; throws {@link ConfigError} naming the variable. */
export function loadConfig(env: Env = process.env): Config {
  const host = str(env, 'QGATE_HOST') ?? '127.0.0.1';
  const port = int(env, 'QGATE_PORT', 8080, 0, 65535);
  const publicUrl = (url(env, 'QGATE_PUBLIC_URL', ['http:', 'https:']) ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  const adminEmail = (str(env, 'QGATE_ADMIN_EMAIL') ?? 'admin@localhost').toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) throw new ConfigError('QGATE_ADMIN_EMAIL', 'an email address', adminEmail);
  const adminApiKey = str(env, 'QGATE_ADMIN_APIKEY');
  if (adminApiKey !== undefined && adminApiKey.length < 32) {
    throw new ConfigError('QGATE_ADMIN_APIKEY', 'at least 32 characters', '<redacted>');
  }
  const adminPassword = str(env, 'QGATE_ADMIN_PASSWORD');
  if (adminPassword !== undefined && [...adminPassword].length < 12) {
    throw new ConfigError('QGATE_ADMIN_PASSWORD', 'at least 12 characters', '<redacted>');
  }
  const secretsKey = str(env, 'QGATE_SECRETS_KEY');
  if (secretsKey !== undefined && secretsKey.length < 32) throw new ConfigError('QGATE_SECRETS_KEY', 'at least 32 characters', '<redacted>');
  const secretsKeyPrevious = str(env, 'QGATE_SECRETS_KEY_PREVIOUS');
  if (secretsKeyPrevious !== undefined && secretsKeyPrevious.length < 32) throw new ConfigError('QGATE_SECRETS_KEY_PREVIOUS', 'at least 32 characters', '<redacted>');
  const crnName = str(env, 'QGATE_CRN_NAME') ?? 'qgate';
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(crnName)) throw new ConfigError('QGATE_CRN_NAME', 'a lower-case name', crnName);
  return Object.freeze({
    host,
    port,
    dataDir: path.resolve(str(env, 'QGATE_DATA_DIR') ?? './data'),
    databaseUrl: url(env, 'QGATE_DATABASE_URL', ['postgres:', 'postgresql:']),
    publicUrl,
    adminEmail,
    adminPassword,
    adminApiKey,
    smtpUrl: url(env, 'QGATE_SMTP_URL', ['smtp:', 'smtps:']),
    tokenTtl: int(env, 'QGATE_TOKEN_TTL', 3600, 60, 86_400),
    refreshTokenTtl: int(env, 'QGATE_REFRESH_TOKEN_TTL', 30 * 86_400, 300, 365 * 86_400),
    invitationTtl: int(env, 'QGATE_INVITATION_TTL', 7 * 86_400, 300, 90 * 86_400),
    crnName,
    region: str(env, 'QGATE_REGION') ?? 'us-east',
    logLevel: str(env, 'QGATE_LOG_LEVEL') ?? 'info',
    limits: Object.freeze({
      apiKeysPerIdentity: int(env, 'QGATE_LIMIT_APIKEYS_PER_IDENTITY', 20, 1, 10_000),
      serviceIdsPerAccount: int(env, 'QGATE_LIMIT_SERVICEIDS_PER_ACCOUNT', 2000, 1, 1_000_000),
      groupsPerAccount: int(env, 'QGATE_LIMIT_GROUPS_PER_ACCOUNT', 500, 1, 1_000_000),
      groupsPerIdentity: int(env, 'QGATE_LIMIT_GROUPS_PER_IDENTITY', 50, 1, 10_000),
      rulesPerGroup: int(env, 'QGATE_LIMIT_RULES_PER_GROUP', 5, 1, 1000),
      customRolesPerAccount: int(env, 'QGATE_LIMIT_CUSTOM_ROLES_PER_ACCOUNT', 40, 1, 10_000),
      policiesPerAccount: int(env, 'QGATE_LIMIT_POLICIES_PER_ACCOUNT', 4020, 1, 10_000_000),
      bodyBytes: int(env, 'QGATE_BODY_LIMIT', 1_048_576, 1024, 64 * 1_048_576),
    }),
    signingKeyRotation: int(env, 'QGATE_SIGNING_KEY_ROTATION', 30 * 86_400, 3600, 3650 * 86_400),
    trustProxy: trustProxy(env),
    idpAllowInsecure: bool(env, 'QGATE_IDP_ALLOW_INSECURE', false),
    workers: int(env, 'QGATE_WORKERS', 2, 0, 256),
    jobsPerMinutePerUser: int(env, 'QGATE_JOB_RATE_LIMIT', 0, 0, 1_000_000),
    secretsKey,
    secretsKeyPrevious,
  });
}
