/**
 * The audit trail, read by administrators with filters and paging (newest first).
 */
import { Type } from 'typebox';
import { ACTIONS } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import { appError } from '#src/errors/registry.js';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import { decodePageToken, encodePageToken, pageUrl } from '#src/platform/paging.js';
import type { AuditService } from './audit.service.js';

const AuditEvent = Type.Object({
  id: Type.String(),
  time: Type.String(),
  account_id: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Object({ iam_id: Type.Union([Type.String(), Type.Null()]), type: Type.String(), ip: Type.Union([Type.String(), Type.Null()]) }),
  action: Type.String(),
  target: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  outcome: Type.String(),
  status_code: Type.Integer(),
  request_id: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const Query = Type.Object({
  account_id: Type.Optional(Type.String({ maxLength: 64 })),
  actor: Type.Optional(Type.String({ maxLength: 200, description: 'IAM id of the actor' })),
  action: Type.Optional(Type.String({ maxLength: 200, description: 'An action, or a prefix ending in * (e.g. user-management.*)' })),
  outcome: Type.Optional(Type.Enum(['success', 'denied', 'failure'])),
  target: Type.Optional(Type.String({ maxLength: 200, description: 'Id of the object acted on' })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  start: Type.Optional(Type.String({ maxLength: 200 })),
  include_unattributed: Type.Optional(Type.Boolean({ description: 'Also events of no account: anonymous refusals, sign-ins with unknown names' })),
});

export function auditRoutes(app: App, deps: { audit: AuditService; authorizer: Authorizer }): void {
  app.get('/v1/audit/events', {
    config: { service: 'platform', auth: 'token' },
    schema: {
      tags: ['Audit'], summary: 'Read the audit trail', querystring: Query,
      response: { 200: Type.Object({ limit: Type.Integer(), events: Type.Array(AuditEvent), next: Type.Optional(Type.Object({ href: Type.String(), start: Type.String() })) }) },
    },
  }, async (req) => {
    const ctx = contextOf(req);
    const q = req.query;
    const accountId = q.account_id ?? ctx.principal?.accountId ?? '';
    deps.authorizer.require(ctx, ACTIONS.auditRead, { accountId, type: 'audit trail' });
    if (q.from && q.to && q.from >= q.to) throw appError('invalid_query', "query parameter 'from' must be earlier than 'to'");
    const limit = q.limit ?? 100;
    const beforeSeq = q.start ? decodePageToken(q.start, 'start', (v): v is { s: number } => Number.isInteger(v.s)).s : undefined;
    const rows = await deps.audit.list({
      accountId, includeUnattributed: q.include_unattributed, actor: q.actor, action: q.action, outcome: q.outcome, targetId: q.target,
      from: q.from ? new Date(q.from).toISOString() : undefined, to: q.to ? new Date(q.to).toISOString() : undefined, beforeSeq, limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const start = rows.length > limit && last ? encodePageToken({ s: last.seq }) : undefined;
    return {
      limit,
      events: page.map((r) => ({
        id: r.id, time: r.at, account_id: r.account_id, actor: { iam_id: r.actor_iam_id, type: r.actor_type, ip: r.ip }, action: r.action,
        target: r.target_type && r.target_id ? { type: r.target_type, id: r.target_id } : null, outcome: r.outcome, status_code: r.status,
        request_id: r.request_id, details: JSON.parse(r.details) as Record<string, unknown>,
      })),
      ...(start ? { next: { start, href: pageUrl('', '/v1/audit/events', { ...q, start: undefined }, { start }) } } : {}),
    };
  });
}
