/**
 * Reads a resource together with its entity tag, for the updates that need `If-Match` (roles, access groups,
 * policies, API keys): read, then send the tag back so a concurrent change is refused instead of overwritten.
 */
import { apiErrorOf } from './errors.js';

export async function okWithEtag<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ data: T; etag: string }> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiErrorOf(response.status, error);
  return { data: data as T, etag: response.headers.get('etag') ?? '*' };
}
