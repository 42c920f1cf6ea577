/**
 * Reading every page of a listing. qgate's APIs page in several styles (offset, `start`, `_start`, `pagetoken`),
 * as the IBM services they imitate do; these helpers hide that from callers that want the whole list.
 */

/** One page: its items and the cursor of the next page (undefined on the last one). */
export interface Page<T> {
  items: T[];
  next: string | undefined;
}

/**
 * Calls `page` with each cursor in turn (undefined first) until a page has no next cursor.
 * Stops after `maxPages` as a guard against a server that never ends a listing.
 */
export async function collectPages<T>(page: (cursor: string | undefined) => Promise<Page<T>>, maxPages = 1000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const { items, next } = await page(cursor);
    out.push(...items);
    if (next === undefined || next === cursor) return out;
    cursor = next;
  }
  throw new Error(`the listing did not end after ${maxPages} pages`);
}

/** A query parameter of a next-page link, which may be absolute, relative or missing. */
export function queryParam(link: string | null | undefined, name: string): string | undefined {
  if (!link) return undefined;
  return new URL(link, 'http://relative.invalid').searchParams.get(name) ?? undefined;
}
