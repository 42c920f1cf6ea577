/**
 * A typed client for qgate's HTTP API, used by the CLI and the console: paths, parameters and bodies are checked
 * against the types generated from the server's own OpenAPI document (api-types.ts).
 */
import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './api-types.js';
import { ApiError, apiErrorOf } from './errors.js';
import type { TokenSource } from './tokens.js';

export type QgateClient = Client<paths>;

export interface ClientOptions {
  baseUrl: string;
  /** Omit for public calls only. */
  tokens?: TokenSource;
  /** Sent as `Service-CRN` (the Qiskit Runtime API needs it). */
  serviceCrn?: string;
  fetch?: typeof fetch;
}

export function createClient(options: ClientOptions): QgateClient {
  const client = createFetchClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const auth: Middleware = {
    async onRequest({ request }) {
      if (options.tokens && !request.headers.has('authorization')) {
        request.headers.set('authorization', `Bearer ${await options.tokens.accessToken()}`);
      }
      if (options.serviceCrn && !request.headers.has('service-crn')) request.headers.set('service-crn', options.serviceCrn);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/**
 * The data of a call that must succeed; anything else becomes an {@link ApiError} carrying the server's message.
 * @example const user = await ok(client.GET('/v2/accounts/{account_id}/users/{iam_id}', { params: { path } }));
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiErrorOf(response.status, error);
  return data as T;
}

export { ApiError };
