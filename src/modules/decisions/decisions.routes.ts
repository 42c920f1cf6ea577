/**
 * `POST /v2/authz` (CONTRACT.md) and `POST /v2/authz/explain`.
 */
import { Type } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { DecisionsService } from './decisions.service.js';

const Question = Type.Object(
  {
    subject: Type.Object({ attributes: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), scope: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }) }, { additionalProperties: false }),
    action: Type.String({ minLength: 3, maxLength: 200, pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+$' }),
    resource: Type.Object(
      { crn: Type.Optional(Type.String({ maxLength: 1000 })), attributes: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 }))) },
      { additionalProperties: false, minProperties: 1 },
    ),
  },
  { additionalProperties: false },
);
const Matched = Type.Object({ policy_id: Type.String(), role_id: Type.String(), access_group_id: Type.Optional(Type.String()) });
const DecisionView = Type.Object({ permitted: Type.Boolean(), reason: Type.String(), matched: Type.Array(Matched) });
const PolicyExplanation = Type.Object({
  policy_id: Type.String(),
  via: Type.String(),
  access_group_id: Type.Optional(Type.String()),
  roles: Type.Array(Type.String()),
  grants: Type.Boolean(),
  role_id: Type.Optional(Type.String()),
  reasons: Type.Array(Type.String()),
});

export function decisionRoutes(app: App, deps: { decisions: DecisionsService }): void {
  const config = { service: 'platform', auth: 'token' } as const;
  const tags = ['Decisions'];
  app.post('/v2/authz', {
    config,
    schema: { tags, summary: 'May each subject take each action on each resource? (answers in request order)', body: Type.Array(Question, { minItems: 1, maxItems: 1000 }), response: { 200: Type.Object({ decisions: Type.Array(DecisionView) }) } },
  }, async (req) => deps.decisions.decide(contextOf(req), req.body));
  app.post('/v2/authz/explain', {
    config,
    schema: { tags, summary: 'Why a subject may (or may not) take an action on a resource, policy by policy', body: Question, response: { 200: Type.Intersect([DecisionView, Type.Object({ policies: Type.Array(PolicyExplanation) })]) } },
  }, async (req) => deps.decisions.explain(contextOf(req), req.body));
}
