import type { Kysely, Transaction } from 'kysely';
import type { DB, AuditEventsTable } from '#src/db/schema.js';
import type { Insertable, Selectable } from 'kysely';

export type AuditRow = Selectable<AuditEventsTable>;
export type NewAuditRow = Insertable<AuditEventsTable>;

export interface AuditFilter {
  accountId: string;
  /** Also events that belong to no account (anonymous refusals, failed sign-ins with unknown names). */
  includeUnattributed?: boolean;
  actor?: string;
  action?: string;
  outcome?: string;
  targetId?: string;
  from?: string;
  to?: string;
  /** Only events with a sequence number below this (paging backwards from the newest). */
  beforeSeq?: number;
  limit: number;
}

export function createAuditRepo(db: Kysely<DB>) {
  return {
    async insert(executor: Kysely<DB> | Transaction<DB>, rows: NewAuditRow[]): Promise<void> {
      if (rows.length > 0) await executor.insertInto('audit_events').values(rows).execute();
    },
    /** The changes made to one object, oldest first (an API key's or service ID's history). */
    forTarget: (accountId: string, targetId: string, limit = 100) =>
      db.selectFrom('audit_events').selectAll().where('account_id', '=', accountId).where('target_id', '=', targetId).where('outcome', '=', 'success')
        .orderBy('seq', 'asc').limit(limit).execute(),
    async list(filter: AuditFilter): Promise<AuditRow[]> {
      let q = db.selectFrom('audit_events').selectAll().where((eb) =>
        filter.includeUnattributed ? eb.or([eb('account_id', '=', filter.accountId), eb('account_id', 'is', null)]) : eb('account_id', '=', filter.accountId),
      );
      if (filter.actor) q = q.where('actor_iam_id', '=', filter.actor);
      if (filter.action) q = filter.action.endsWith('*') ? q.where('action', 'like', `${filter.action.slice(0, -1).replace(/[%_]/g, '')}%`) : q.where('action', '=', filter.action);
      if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
      if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
      if (filter.from) q = q.where('at', '>=', filter.from);
      if (filter.to) q = q.where('at', '<', filter.to);
      if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
      return q.orderBy('seq', 'desc').limit(filter.limit).execute();
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
