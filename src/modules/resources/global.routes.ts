/**
 * IBM Cloud Global Search (`POST /v3/resources/search`) and Global Catalog (`GET /api/v1/{id}`), as
 * far as qiskit-ibm-runtime uses them to list the instances an API key may use.
 *
 * @remarks `/api/v1/:id` shares its prefix with the runtime API; find-my-way always prefers a static
 * segment (`/api/v1/jobs`) to a parameter, and no catalog id equals a runtime segment (a test checks).
 */
import { Type } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { GlobalSearchService } from './global-search.service.js';

const config = { service: 'platform', auth: 'token' } as const;

export function globalRoutes(app: App, deps: { search: GlobalSearchService }): void {
  const { search } = deps;
  app.post('/v3/resources/search', {
    config,
    schema: {
      tags: ['Global Search'], summary: 'Find the service instances you may see (field:value terms joined by AND; paged with search_cursor)',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), account_id: Type.Optional(Type.String({ maxLength: 64 })),
        timeout: Type.Optional(Type.Integer({ minimum: 0 })), is_deleted: Type.Optional(Type.Enum(['true', 'false'])),
      }),
      body: Type.Object({
        query: Type.String({ maxLength: 1000 }), fields: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })), search_cursor: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Record(Type.String(), Type.Unknown())), limit: Type.Integer(), search_cursor: Type.Optional(Type.String()) }) },
    },
  }, async (req) => search.search(contextOf(req), req.body, req.query));

  app.get('/api/v1/:plan_id', {
    config,
    schema: {
      tags: ['Global Catalog'], summary: 'The Global Catalog entry of a plan (open, standard) or of the service (quantum-computing)',
      params: Type.Object({ plan_id: Type.String({ maxLength: 100 }) }), querystring: Type.Object({ account_id: Type.Optional(Type.String({ maxLength: 64 })) }),
      response: { 200: Type.Record(Type.String(), Type.Unknown()) },
    },
  }, async (req) => search.catalogEntry(contextOf(req), req.params.plan_id, req.query.account_id));
}
