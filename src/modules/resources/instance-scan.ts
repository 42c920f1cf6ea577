/**
 * Pages over an account's instances when some rows may be skipped (not visible to the caller, not matching a
 * filter the store cannot apply): rows are read in (created_at, guid) order in batches until the page is full and
 * one more kept row proves there is a next page.
 */
import type { InstanceListQuery, InstanceRow, ResourcesRepo } from './resources.repo.js';

const SCAN_BATCH = 200;

/** The position after a row, as page tokens carry it. */
export type InstanceCursor = { c: string; g: string };

export const isInstanceCursor = (v: Record<string, unknown>): v is { c: string; g: string } => typeof v.c === 'string' && typeof v.g === 'string';

export const cursorAfter = (row: InstanceRow): InstanceCursor => ({ c: row.created_at, g: row.guid });

export async function scanInstances(
  repo: ResourcesRepo,
  filter: Omit<InstanceListQuery, 'after' | 'limit'>,
  start: InstanceCursor | undefined,
  limit: number,
  keep: (row: InstanceRow) => boolean,
): Promise<{ picked: InstanceRow[]; more: boolean }> {
  const picked: InstanceRow[] = [];
  let after = start;
  for (;;) {
    const batch = await repo.instances.list({ ...filter, ...(after ? { after: { createdAt: after.c, guid: after.g } } : {}), limit: SCAN_BATCH });
    for (const row of batch) {
      if (!keep(row)) continue;
      if (picked.length === limit) return { picked, more: true };
      picked.push(row);
    }
    if (batch.length < SCAN_BATCH) return { picked, more: false };
    after = cursorAfter(batch[batch.length - 1]!);
  }
}
