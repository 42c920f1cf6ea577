/**
 * A signed-in session: the profile, a typed client whose tokens renew themselves (and are saved when they do),
 * and the account every IAM call is about.
 */
import { createClient, type QgateClient } from '#src/client/client.js';
import { APIKEY_GRANT, refreshingTokenSource, requestToken, type TokenResponse } from '#src/client/tokens.js';
import { CliError, type CliIo } from './io.js';
import { ProfileStore, qgateHome, type Profile } from './profile-store.js';

export interface Session {
  readonly profile: Profile;
  readonly client: QgateClient;
  readonly accountId: string;
  /** A client that sends `Service-CRN` for the Qiskit Runtime API. */
  runtimeClient(serviceCrn: string): QgateClient;
}

export function profileStore(io: CliIo): ProfileStore {
  return new ProfileStore(qgateHome(io.env));
}

/** The fields of a JWT's payload (not verified: the CLI only reads who it is for display and paths). */
export function tokenClaims(accessToken: string): Record<string, any> {
  const payload = accessToken.split('.')[1] ?? '';
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, any>;
  } catch {
    return {};
  }
}

export function openSession(io: CliIo): Session {
  const store = profileStore(io);
  const profile = store.get();
  if (!profile) throw new CliError(`not signed in: run 'qgate login -a <endpoint> --apikey <key>' first (profiles live in ${store.home})`);
  const { endpoint, credentials } = profile;
  const renew = credentials.kind === 'apikey' ? () => requestToken(endpoint, { grant_type: APIKEY_GRANT, apikey: credentials.apikey }) : undefined;
  const initial: TokenResponse | undefined = profile.tokens ?? (credentials.kind !== 'apikey' ? credentials.tokens : undefined);
  const tokens = refreshingTokenSource({
    baseUrl: endpoint,
    initial,
    ...(renew ? { renew } : {}),
    onChange: (pair) =>
      store.update((p) => ({ ...p, tokens: pair, credentials: p.credentials.kind !== 'apikey' ? { kind: p.credentials.kind, tokens: pair } : p.credentials })),
  });
  const wrapped = {
    async accessToken() {
      try {
        return await tokens.accessToken();
      } catch (err) {
        if (credentials.kind !== 'apikey') throw new CliError(`the session has expired: sign in again with 'qgate login -a ${endpoint}' (${(err as Error).message})`);
        throw err;
      }
    },
  };
  return {
    profile,
    accountId: profile.accountId,
    client: createClient({ baseUrl: endpoint, tokens: wrapped }),
    runtimeClient: (serviceCrn) => createClient({ baseUrl: endpoint, tokens: wrapped, serviceCrn }),
  };
}
