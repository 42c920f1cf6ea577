/**
 * Opaque page tokens and the page links IBM's list responses carry.
 */
import { appError } from '#src/errors/registry.js';

/** Encodes a cursor as an opaque, URL-safe token. */
export function encodePageToken(cursor: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Decodes a token made by {@link encodePageToken}; a token that is not one is a 400 naming `field`. */
export function decodePageToken<T extends Record<string, string | number>>(token: string, field: string, check: (value: Record<string, unknown>) => value is T): T {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && check(value as Record<string, unknown>)) return value as T;
  } catch {
    // fall through to the error below
  }
  throw appError('invalid_query', `query parameter '${field}' is not a page token this server issued; use the one from the previous page's links`);
}

export const isOffsetCursor = (v: Record<string, unknown>): v is { o: number } => Number.isInteger(v.o) && (v.o as number) >= 0;

/** A URL for the same listing with `changes` applied to its query (undefined values removed). */
export function pageUrl(base: string, path: string, query: Record<string, unknown>, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}
