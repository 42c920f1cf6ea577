/**
 * Workloads: an instance's jobs (those outside a session) and its sessions and batches, read as one
 * list in (created, id) order with keyset cursors, so a page costs the same however deep it is.
 */
import type { Kysely } from 'kysely';
import type { DB } from '#src/db/schema.js';
import { contains } from '#src/db/dialect.js';

export type WorkloadStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'canceled';
export type WorkloadMode = 'job' | 'session' | 'batch';

/** Each workload status as the job states and session states that show it. */
const JOB_STATES: Record<WorkloadStatus, string[]> = {
  pending: ['Queued'], in_progress: ['Running'], completed: ['Completed'], failed: ['Failed'], canceled: ['Cancelled'],
};
const SESSION_STATES: Record<WorkloadStatus, string[]> = {
  pending: ['open'], in_progress: ['active', 'inactive'], completed: ['closed'], failed: [], canceled: [],
};

export interface WorkloadFilter {
  instanceId: string;
  /** Only what this identity created (`user=me`). */
  createdBy?: string;
  backend?: string;
  /** A piece of the id or of a tag. */
  search?: string;
  statuses?: WorkloadStatus[];
  mode?: WorkloadMode;
  createdAfter?: string;
  createdBefore?: string;
  /** Jobs carrying every one of these tags (sessions carry none). */
  tags?: string[];
}

export interface WorkloadRow {
  kind: 'job' | 'session';
  id: string;
  created: string;
  ended: string | null;
  backend: string;
  user_id: string;
  /** The job's or session's own state (Queued…, open…). */
  state: string;
  reason: string | null;
  /** dedicated or batch, for sessions. */
  session_mode: string | null;
  accepting_jobs: number | null;
  tags: string | null;
  usage_seconds: number | null;
}

/** Where a page starts: strictly after (`after`) or strictly before (`before`) this (created, id), in the listing's order. */
export interface WorkloadPage {
  ascending: boolean;
  from?: { created: string; id: string; side: 'after' | 'before' };
  limit: number;
}

/** Text as it appears inside the JSON the tags are stored as (a quote or backslash escaped). */
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);

export function createWorkloadsRepo(db: Kysely<DB>) {
  const jobs = (f: WorkloadFilter) => {
    if (f.mode !== undefined && f.mode !== 'job') return undefined;
    let q = db.selectFrom('jobs').where('instance_id', '=', f.instanceId).where('session_id', 'is', null);
    if (f.createdBy) q = q.where('created_by', '=', f.createdBy);
    if (f.backend) q = q.where('backend', '=', f.backend);
    if (f.statuses?.length) q = q.where('status', 'in', f.statuses.flatMap((s) => JOB_STATES[s]));
    if (f.createdAfter) q = q.where('created_at', '>', new Date(f.createdAfter).toISOString());
    if (f.createdBefore) q = q.where('created_at', '<', new Date(f.createdBefore).toISOString());
    // Tags are stored as JSON text: a tag matches exactly, quotes included.
    for (const tag of f.tags ?? []) q = q.where(contains(db, 'tags', JSON.stringify(tag)));
    const search = f.search;
    if (search) q = q.where((eb) => eb.or([contains(db, 'id', search, { ignoreCase: true }), contains(db, 'tags', inJson(search), { ignoreCase: true })]));
    return q;
  };
  const sessions = (f: WorkloadFilter) => {
    if (f.mode === 'job' || f.tags?.length) return undefined;
    const states = f.statuses?.length ? f.statuses.flatMap((s) => SESSION_STATES[s]) : undefined;
    if (states && states.length === 0) return undefined;
    let q = db.selectFrom('sessions').where('instance_id', '=', f.instanceId);
    if (f.mode) q = q.where('mode', '=', f.mode === 'session' ? 'dedicated' : 'batch');
    if (f.createdBy) q = q.where('created_by', '=', f.createdBy);
    if (f.backend) q = q.where('backend', '=', f.backend);
    if (states) q = q.where('state', 'in', states);
    if (f.createdAfter) q = q.where('started_at', '>', new Date(f.createdAfter).toISOString());
    if (f.createdBefore) q = q.where('started_at', '<', new Date(f.createdBefore).toISOString());
    if (f.search) q = q.where(contains(db, 'id', f.search, { ignoreCase: true }));
    return q;
  };

  return {
    async count(f: WorkloadFilter): Promise<number> {
      const j = jobs(f);
      const s = sessions(f);
      const n = await Promise.all([
        j ? j.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() : { n: 0 },
        s ? s.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() : { n: 0 },
      ]);
      return Number(n[0].n) + Number(n[1].n);
    },

    /** Up to `limit` rows from the page's start, in reading order away from it (the caller puts a `before` page back in listing order). */
    async page(f: WorkloadFilter, p: WorkloadPage): Promise<WorkloadRow[]> {
      // Reading forward means ascending order for an ascending listing read `after` its cursor.
      const up = p.ascending === (p.from?.side !== 'before');
      const dir = up ? 'asc' : 'desc';
      const cmp = up ? '>' : '<';
      const from = p.from;
      const j = jobs(f);
      const s = sessions(f);
      const [jobRows, sessionRows] = await Promise.all([
        j
          ? (from ? j.where((eb) => eb.or([eb('created_at', cmp, from.created), eb.and([eb('created_at', '=', from.created), eb('id', cmp, from.id)])])) : j)
              .select(['id', 'created_at', 'finished_at', 'backend', 'created_by', 'status', 'reason', 'tags', 'usage_seconds'])
              .orderBy('created_at', dir).orderBy('id', dir).limit(p.limit).execute()
          : [],
        s
          ? (from ? s.where((eb) => eb.or([eb('started_at', cmp, from.created), eb.and([eb('started_at', '=', from.created), eb('id', cmp, from.id)])])) : s)
              .select(['id', 'started_at', 'closed_at', 'backend', 'created_by', 'state', 'mode', 'accepting_jobs'])
              .orderBy('started_at', dir).orderBy('id', dir).limit(p.limit).execute()
          : [],
      ]);
      const rows: WorkloadRow[] = [
        ...jobRows.map((r): WorkloadRow => ({
          kind: 'job', id: r.id, created: r.created_at, ended: r.finished_at, backend: r.backend, user_id: r.created_by, state: r.status, reason: r.reason,
          session_mode: null, accepting_jobs: null, tags: r.tags, usage_seconds: r.usage_seconds,
        })),
        ...sessionRows.map((r): WorkloadRow => ({
          kind: 'session', id: r.id, created: r.started_at, ended: r.closed_at, backend: r.backend, user_id: r.created_by, state: r.state, reason: null,
          session_mode: r.mode, accepting_jobs: r.accepting_jobs, tags: null, usage_seconds: null,
        })),
      ];
      const sign = up ? 1 : -1;
      rows.sort((a, b) => sign * (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return rows.slice(0, p.limit);
    },

    /** Seconds of usage of each session's jobs. */
    async sessionUsage(sessionIds: string[]): Promise<Map<string, number>> {
      if (sessionIds.length === 0) return new Map();
      const rows = await db.selectFrom('jobs').select((eb) => ['session_id', eb.fn.sum<number>('usage_seconds').as('s')]).where('session_id', 'in', sessionIds).groupBy('session_id').execute();
      return new Map(rows.map((r) => [r.session_id!, Number(r.s ?? 0)]));
    },

    /** Distinct tags of the instance's jobs that contain `search` (case-insensitive), sorted, at most `limit`. */
    async jobTags(instanceId: string, search: string, limit: number): Promise<string[]> {
      let q = db.selectFrom('jobs').select('tags').distinct().where('instance_id', '=', instanceId).where('tags', '!=', '[]');
      // Narrowed in SQL only by text without case (SQLite folds ASCII only), then matched exactly below.
      if (search && search.toLowerCase() === search.toUpperCase()) q = q.where(contains(db, 'tags', inJson(search)));
      const needle = search.toLowerCase();
      const found = new Set<string>();
      for (const row of await q.limit(5000).execute()) {
        for (const tag of JSON.parse(row.tags) as string[]) if (tag.toLowerCase().includes(needle)) found.add(tag);
      }
      return [...found].sort().slice(0, limit);
    },
  };
}

export type WorkloadsRepo = ReturnType<typeof createWorkloadsRepo>;
