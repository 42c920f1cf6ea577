/**
 * The jobs table as a durable queue: jobs are claimed by one worker at a time under a lease that
 * the worker renews; a job whose worker stopped renewing (its node died) is claimed again elsewhere.
 */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, JobsTable } from '#src/db/schema.js';
import { contains, dialectOf } from '#src/db/dialect.js';

export type JobRow = Selectable<JobsTable>;
/** A job without its result and logs. */
export type JobSummary = Omit<JobRow, 'result' | 'logs'>;

/** Every column but `result` and `logs`. */
const SUMMARY_COLUMNS = [
  'id', 'account_id', 'instance_id', 'backend', 'program_id', 'params', 'status', 'reason', 'reason_code', 'created_by', 'session_id', 'tags', 'cost', 'usage_seconds',
  'created_at', 'started_at', 'finished_at', 'lease_owner', 'lease_expires_at', 'attempts', 'cancel_requested',
] as const;

export const TERMINAL_STATES: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Cancelled']);

export interface JobFilter {
  instanceId: string;
  /** true: Queued or Running; false: ended. */
  pending?: boolean;
  program?: string;
  backend?: string;
  sessionId?: string;
  createdAfter?: string;
  createdBefore?: string;
  /** Jobs carrying every one of these tags. */
  tags?: string[];
}

export function createJobsRepo(db: Kysely<DB>) {
  const postgres = dialectOf(db) === 'postgres';
  const filtered = (f: JobFilter) => {
    let q = db.selectFrom('jobs').where('instance_id', '=', f.instanceId);
    if (f.pending !== undefined) q = q.where('status', f.pending ? 'in' : 'not in', ['Queued', 'Running']);
    if (f.program) q = q.where('program_id', '=', f.program);
    if (f.backend) q = q.where('backend', '=', f.backend);
    if (f.sessionId) q = q.where('session_id', '=', f.sessionId);
    if (f.createdAfter) q = q.where('created_at', '>', new Date(f.createdAfter).toISOString());
    if (f.createdBefore) q = q.where('created_at', '<', new Date(f.createdBefore).toISOString());
    // Tags are stored as JSON text: a tag matches exactly, quotes included.
    for (const tag of f.tags ?? []) q = q.where(contains(db, 'tags', JSON.stringify(tag)));
    return q;
  };
  return {
    list: (f: JobFilter & { desc: boolean; offset: number; limit: number }): Promise<JobSummary[]> =>
      filtered(f).select(SUMMARY_COLUMNS).orderBy('created_at', f.desc ? 'desc' : 'asc').orderBy('id', f.desc ? 'desc' : 'asc').offset(f.offset).limit(f.limit).execute(),
    async count(f: JobFilter): Promise<number> {
      return Number((await filtered(f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    },
    deleteById: (id: string, executor: Kysely<DB> | Transaction<DB> = db) => executor.deleteFrom('jobs').where('id', '=', id).execute(),
    async countSubmittedSince(iamId: string, sinceIso: string, executor: Kysely<DB> | Transaction<DB> = db): Promise<number> {
      return Number((await executor.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('created_by', '=', iamId).where('created_at', '>', sinceIso).executeTakeFirstOrThrow()).n);
    },
    /** Seconds the instance's jobs that finished in the month (`YYYY-MM`, UTC) consumed: deleting a job does not give them back. */
    async usageIn(instanceId: string, period: string): Promise<number> {
      const row = await db.selectFrom('instance_usage').select('seconds').where('instance_id', '=', instanceId).where('period', '=', period).executeTakeFirst();
      return Number(row?.seconds ?? 0);
    },
    configuration: {
      get: (instanceId: string) => db.selectFrom('instance_configurations').selectAll().where('instance_id', '=', instanceId).executeTakeFirst(),
      async set(instanceId: string, limit: number | null, atIso: string, by: string, executor: Kysely<DB> | Transaction<DB> = db): Promise<void> {
        const values = { instance_limit: limit, updated_at: atIso, updated_by: by };
        // One statement: two first writes at once must not collide on the key.
        await executor.insertInto('instance_configurations').values({ instance_id: instanceId, ...values }).onConflict((oc) => oc.column('instance_id').doUpdateSet(values)).execute();
      },
    },
    setTags: (id: string, tags: string, executor: Kysely<DB> | Transaction<DB> = db) => executor.updateTable('jobs').set({ tags }).where('id', '=', id).execute(),
    findById: (id: string) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst(),
    /** A job without its result and logs (which can be large): what job views and checks need. */
    findSummaryById: (id: string): Promise<JobSummary | undefined> => db.selectFrom('jobs').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst(),
    insert: (row: Insertable<JobsTable>, executor: Kysely<DB> | Transaction<DB> = db) => executor.insertInto('jobs').values(row).execute(),

    /**
     * Claims the oldest runnable job (queued, or running under an expired lease) for `owner`.
     * @remarks On PostgreSQL `FOR UPDATE SKIP LOCKED` lets many nodes claim at once without waiting
     * on each other; SQLite has one writer, so the same statement is simply serialized.
     */
    async claim(owner: string, nowIso: string, leaseUntilIso: string): Promise<JobRow | undefined> {
      const candidate = db
        .selectFrom('jobs')
        .select('id')
        .where((eb) => eb.or([eb('status', '=', 'Queued'), eb.and([eb('status', '=', 'Running'), eb('lease_expires_at', '<', nowIso)])]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(1);
      const locked = postgres ? candidate.forUpdate().skipLocked() : candidate;
      return db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'Running',
          lease_owner: owner,
          lease_expires_at: leaseUntilIso,
          attempts: eb('attempts', '+', 1),
          started_at: sql<string>`coalesce(started_at, ${nowIso})`,
        }))
        .where('id', '=', (eb) => eb.selectFrom(locked.as('next')).select('next.id'))
        .returningAll()
        .executeTakeFirst();
    },

    /** Which of these running jobs are marked for cancellation. */
    async cancelRequested(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      return (await db.selectFrom('jobs').select('id').where('id', 'in', ids).where('status', '=', 'Running').where('cancel_requested', '=', 1).execute()).map((r) => r.id);
    },

    /** Extends the lease; returns whether cancellation was asked, or undefined when the lease was lost. */
    async heartbeat(id: string, owner: string, leaseUntilIso: string): Promise<{ cancelRequested: boolean } | undefined> {
      const row = await db
        .updateTable('jobs')
        .set({ lease_expires_at: leaseUntilIso })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'Running')
        .returning('cancel_requested')
        .executeTakeFirst();
      return row ? { cancelRequested: row.cancel_requested === 1 } : undefined;
    },

    /** Records the outcome; only the worker that still holds the lease may (a fence against a late, presumed-dead worker). */
    async finish(id: string, owner: string, values: { status: string; reason: string | null; reason_code: number | null; result: string | null; usage_seconds: number; finished_at: string; logs: string }): Promise<boolean> {
      // The job's outcome and its instance's monthly total commit together: usage is never counted twice or lost.
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('jobs')
          .set({ ...values, lease_owner: null, lease_expires_at: null })
          .where('id', '=', id)
          .where('lease_owner', '=', owner)
          .where('status', '=', 'Running')
          .returning('instance_id')
          .executeTakeFirst();
        if (!row) return false;
        if (values.usage_seconds > 0) {
          const period = values.finished_at.slice(0, 7);
          await trx
            .insertInto('instance_usage')
            .values({ instance_id: row.instance_id, period, seconds: values.usage_seconds })
            .onConflict((oc) => oc.columns(['instance_id', 'period']).doUpdateSet((eb) => ({ seconds: eb('instance_usage.seconds', '+', eb.ref('excluded.seconds')) })))
            .execute();
        }
        return true;
      });
    },

    /** Gives a claimed job back to the queue (this node is stopping): another worker runs it from the start. */
    release: (id: string, owner: string) =>
      db.updateTable('jobs').set({ status: 'Queued', lease_owner: null, lease_expires_at: null }).where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'Running').execute(),

    /** Ends every job of a removed instance: queued ones at once, running ones at their worker's next heartbeat. */
    async cancelForInstance(trx: Transaction<DB>, instanceId: string, atIso: string): Promise<void> {
      await trx.updateTable('jobs').set({ status: 'Cancelled', reason: 'The instance was deleted', finished_at: atIso }).where('instance_id', '=', instanceId).where('status', '=', 'Queued').execute();
      await trx.updateTable('jobs').set({ cancel_requested: 1 }).where('instance_id', '=', instanceId).where('status', '=', 'Running').execute();
    },

    /** Cancels a queued job at once; marks a running one so its worker stops it. Returns the job's status after. */
    async requestCancel(id: string, finishedAtIso: string, executor: Kysely<DB> | Transaction<DB> = db): Promise<string | undefined> {
      await executor.updateTable('jobs').set({ status: 'Cancelled', reason: 'Cancelled by request', finished_at: finishedAtIso }).where('id', '=', id).where('status', '=', 'Queued').execute();
      await executor.updateTable('jobs').set({ cancel_requested: 1 }).where('id', '=', id).where('status', '=', 'Running').execute();
      return (await executor.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst())?.status;
    },
  };
}

export type JobsRepo = ReturnType<typeof createJobsRepo>;
