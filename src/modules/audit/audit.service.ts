/**
 * The append-only audit trail: every change (written in the same transaction as the change, so
 * neither exists without the other) and every refused request (buffered, flushed within a second).
 * @remarks Events carry ids, names and outcomes, never a secret: callers pass `details` built from
 * non-secret fields only, and `scrub` drops any key that looks like one as a second line of defence.
 */
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '#src/db/schema.js';
import type { Clock } from '#src/platform/clock.js';
import { ids } from '#src/platform/ids.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { AuditFilter, AuditRepo, AuditRow } from './audit.repo.js';

export interface AuditEvent {
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string };
  readonly outcome: 'success' | 'denied' | 'failure';
  readonly status: number;
  /** Overrides the account taken from the caller (e.g. an invitation accepted anonymously). */
  readonly accountId?: string | null;
  readonly actorIamId?: string | null;
  /** The server acting on its own (a session outliving its time limit), not the request's caller. */
  readonly system?: boolean;
  readonly details?: Record<string, unknown>;
}

const SECRET_KEY = /pass|secret|token|apikey|api_key|authorization|digest|hash/i;

function scrub(details: Record<string, unknown> | undefined): string {
  if (!details) return '{}';
  return JSON.stringify(details, (key, value: unknown) => (key !== '' && SECRET_KEY.test(key) ? undefined : value));
}

export function createAuditService(deps: { repo: AuditRepo; db: import('kysely').Kysely<DB>; clock: Clock; log: Logger }) {
  let buffer: ReturnType<typeof toRow>[] = [];
  let timer: NodeJS.Timeout | undefined;

  function toRow(ctx: RequestContext, event: AuditEvent) {
    const p = ctx.principal;
    return {
      id: ids.event(),
      at: deps.clock.now().toISOString(),
      account_id: event.accountId !== undefined ? event.accountId : (p?.accountId ?? null),
      actor_iam_id: event.system ? null : event.actorIamId !== undefined ? event.actorIamId : (p?.iamId ?? null),
      actor_type: event.system ? 'system' : p ? p.kind : 'anonymous',
      action: event.action,
      target_type: event.target?.type ?? null,
      target_id: event.target?.id ?? null,
      outcome: event.outcome,
      status: event.status,
      request_id: ctx.requestId,
      // The server's own act: the request that happened to trigger it is kept (request_id), not its caller's address.
      ip: event.system ? null : ctx.ip || null,
      details: scrub(event.details),
    };
  }

  // Flushes run one after another: a caller awaiting flush() also waits for one already writing.
  let writing: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    writing = writing.then(writeBuffered);
    return writing;
  }

  async function writeBuffered(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const rows = buffer;
    buffer = [];
    if (rows.length === 0) return;
    try {
      // Chunks keep each write short: a long one would hold the (single) SQLite connection.
      for (let i = 0; i < rows.length; i += 100) await deps.repo.insert(deps.db, rows.slice(i, i + 100));
    } catch (err) {
      deps.log.error({ err, lost: rows.length }, 'could not write refused-request audit events');
    }
  }

  return {
    /** Records a change as part of `trx`. */
    async record(trx: Transaction<DB>, ctx: RequestContext, event: AuditEvent): Promise<void> {
      await deps.repo.insert(trx, [toRow(ctx, event)]);
    },
    /**
     * Records a refusal (401/403/429) or a sign-in without holding up the response; buffered up to
     * 200 ms (a crash loses at most that). Changes use {@link record}, in their own transaction.
     */
    recordLater(ctx: RequestContext, event: AuditEvent): void {
      buffer.push(toRow(ctx, event));
      if (buffer.length >= 500) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), 200);
        timer.unref();
      }
    },
    flush,
    /** IAM Identity's `history` of an object, from its audit events. */
    async history(accountId: string, targetId: string) {
      const rows = await deps.repo.forTarget(accountId, targetId);
      return rows.map((r) => ({
        timestamp: `${r.at.slice(0, 16)}+0000`,
        iam_id: r.actor_iam_id ?? '',
        iam_id_account: r.account_id ?? '',
        action: r.action,
        params: [],
        message: `${r.action} ${r.outcome}`,
      }));
    },
    list(filter: AuditFilter): Promise<AuditRow[]> {
      return deps.repo.list(filter);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
