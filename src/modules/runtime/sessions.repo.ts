import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, SessionsTable } from '#src/db/schema.js';

export type SessionRow = Selectable<SessionsTable>;

export function createSessionsRepo(db: Kysely<DB>) {
  return {
    findById: (id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
    insert: (row: Insertable<SessionsTable>, executor: Kysely<DB> | Transaction<DB> = db) => executor.insertInto('sessions').values(row).execute(),
    updateById: (id: string, values: Updateable<SessionsTable>, executor: Kysely<DB> | Transaction<DB> = db) => executor.updateTable('sessions').set(values).where('id', '=', id).execute(),
    /** Sessions of the instance that are not closed (a plan allows only a few at once). */
    listOpen: (instanceId: string) => db.selectFrom('sessions').selectAll().where('instance_id', '=', instanceId).where('state', '!=', 'closed').execute(),
    async countOpen(instanceId: string, executor: Kysely<DB> | Transaction<DB> = db): Promise<number> {
      return Number((await executor.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).where('instance_id', '=', instanceId).where('state', '!=', 'closed').executeTakeFirstOrThrow()).n);
    },
    /**
     * A job joins the session: its activity is recorded (and an open session becomes active) only
     * while it still accepts jobs, in one conditional write, so a session closed meanwhile (by any
     * node) takes no job that its closing would not have cancelled. False when it no longer accepts.
     */
    async recordJobStart(id: string, atIso: string, executor: Kysely<DB> | Transaction<DB> = db): Promise<boolean> {
      const r = await executor
        .updateTable('sessions')
        .set((eb) => ({
          last_job_started: atIso,
          activated_at: eb.fn.coalesce('activated_at', eb.val(atIso)),
          state: eb.case().when('state', '=', 'open').then('active').else(eb.ref('state')).end(),
        }))
        .where('id', '=', id)
        .where('state', '!=', 'closed')
        .where('accepting_jobs', '=', 1)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Closes a session unless it is closed already (by another request or node): true when this call closed it. */
    async close(id: string, atIso: string, executor: Kysely<DB> | Transaction<DB> = db): Promise<boolean> {
      const r = await executor.updateTable('sessions').set({ state: 'closed', accepting_jobs: 0, closed_at: atIso }).where('id', '=', id).where('state', '!=', 'closed').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Closing a session: its queued jobs will not run (running ones finish). */
    cancelQueuedJobs: (sessionId: string, atIso: string, executor: Kysely<DB> | Transaction<DB> = db) =>
      executor.updateTable('jobs').set({ status: 'Cancelled', reason: 'The session was closed', finished_at: atIso }).where('session_id', '=', sessionId).where('status', '=', 'Queued').execute(),
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
