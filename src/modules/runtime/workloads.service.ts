/**
 * `GET /workloads` (the instance's jobs and sessions as one list, IBM's shape and cursor paging) and
 * `GET /tags` (job tags to complete a search), both on the instance named by `Service-CRN`.
 */
import type { RequestContext } from '#src/http/request-context.js';
import { decodePageToken, encodePageToken } from '#src/platform/paging.js';
import { RUNTIME_ACTIONS, type RuntimeService } from './runtime.service.js';
import type { WorkloadFilter, WorkloadMode, WorkloadRow, WorkloadsRepo, WorkloadStatus } from './workloads.repo.js';

export interface WorkloadsQuery {
  user?: 'me';
  sort?: 'createdAt' | '-createdAt';
  limit?: number;
  next?: string;
  previous?: string;
  backend?: string;
  search?: string;
  status?: WorkloadStatus[];
  mode?: WorkloadMode;
  created_after?: string;
  created_before?: string;
  tags?: string[];
}

/** IBM's default and largest page. */
const DEFAULT_LIMIT = 10;

const JOB_STATUS: Record<string, WorkloadStatus> = { Queued: 'pending', Running: 'in_progress', Completed: 'completed', Failed: 'failed', Cancelled: 'canceled' };
const SESSION_STATUS: Record<string, WorkloadStatus> = { open: 'pending', active: 'in_progress', inactive: 'in_progress', closed: 'completed' };

/** The same listing's link with one cursor in place of the request's own; repeated parameters (status, tags) stay repeated. */
function pageLink(path: string, q: WorkloadsQuery, limit: number, cursor: { next: string } | { previous: string }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, next: undefined, previous: undefined, limit, ...cursor })) {
    if (v === undefined || v === '') continue;
    for (const one of [v].flat()) params.append(k, String(one));
  }
  return `${path}?${params.toString()}`;
}

const isCursor = (v: Record<string, unknown>): v is { c: string; i: string } => typeof v.c === 'string' && typeof v.i === 'string';

export function createWorkloadsService(deps: { runtime: RuntimeService; repo: WorkloadsRepo }) {
  const view = (row: WorkloadRow, crn: string, sessionUsage: Map<string, number>) => {
    const usage = row.kind === 'job' ? row.usage_seconds ?? 0 : sessionUsage.get(row.id) ?? 0;
    const ended = row.kind === 'job' ? ['Completed', 'Failed', 'Cancelled'].includes(row.state) : row.state === 'closed';
    return {
      id: row.id, created: row.created, ...(row.ended ? { ended: row.ended } : {}), backend: row.backend, instance: crn, user_id: row.user_id,
      accepting_jobs: row.kind === 'session' ? row.accepting_jobs === 1 : null,
      mode: row.kind === 'job' ? 'job' : row.session_mode === 'batch' ? 'batch' : 'session',
      status: (row.kind === 'job' ? JOB_STATUS[row.state] : SESSION_STATUS[row.state]) ?? 'pending',
      ...(row.reason ? { status_reason: row.reason } : {}),
      tags: row.tags ? (JSON.parse(row.tags) as string[]) : [],
      usage_seconds: usage,
      usage: { qpu_charge_time_seconds: usage, status: ended ? 'complete' : 'pending' },
    };
  };

  return {
    async list(ctx: RequestContext, serviceCrn: string | undefined, path: string, q: WorkloadsQuery) {
      const instance = await deps.runtime.authorizedInstance(ctx, serviceCrn, RUNTIME_ACTIONS.workloadList);
      await deps.runtime.closeExpiredSessions(ctx, instance);
      const limit = q.limit ?? DEFAULT_LIMIT;
      const ascending = q.sort !== '-createdAt';
      const filter: WorkloadFilter = {
        instanceId: instance.guid,
        ...(q.user === 'me' ? { createdBy: ctx.principal!.iamId } : {}),
        ...(q.backend ? { backend: q.backend } : {}), ...(q.search ? { search: q.search } : {}), ...(q.status?.length ? { statuses: q.status } : {}),
        ...(q.mode ? { mode: q.mode } : {}), ...(q.created_after ? { createdAfter: q.created_after } : {}), ...(q.created_before ? { createdBefore: q.created_before } : {}),
        ...(q.tags?.length ? { tags: q.tags } : {}),
      };
      const backwards = q.previous !== undefined;
      const token = q.previous ?? q.next;
      const cursor = token !== undefined ? decodePageToken(token, backwards ? 'previous' : 'next', isCursor) : undefined;
      const [count, read] = await Promise.all([
        deps.repo.count(filter),
        deps.repo.page(filter, { ascending, limit: limit + 1, ...(cursor ? { from: { created: cursor.c, id: cursor.i, side: backwards ? 'before' : 'after' } } : {}) }),
      ]);
      const more = read.length > limit;
      const rows = read.slice(0, limit);
      if (backwards) rows.reverse();
      const first = rows[0];
      const last = rows[rows.length - 1];
      // Going forward there is a next page when a row beyond this one was read; going back, there is always the page we came from.
      const hasNext = last && (backwards || more);
      const hasPrevious = first && (backwards ? more : cursor !== undefined);
      const sessionUsage = await deps.repo.sessionUsage(rows.filter((r) => r.kind === 'session').map((r) => r.id));
      return {
        workloads: rows.map((r) => view(r, instance.crn, sessionUsage)),
        total_count: count,
        limit,
        ...(hasNext ? { next: { href: pageLink(path, q, limit, { next: encodePageToken({ c: last.created, i: last.id }) }) } } : {}),
        ...(hasPrevious ? { previous: { href: pageLink(path, q, limit, { previous: encodePageToken({ c: first.created, i: first.id }) }) } } : {}),
      };
    },

    async tags(ctx: RequestContext, serviceCrn: string | undefined, search: string) {
      const instance = await deps.runtime.authorizedInstance(ctx, serviceCrn, RUNTIME_ACTIONS.jobRead);
      return { tags: await deps.repo.jobTags(instance.guid, search, 100) };
    },
  };
}

export type WorkloadsService = ReturnType<typeof createWorkloadsService>;
