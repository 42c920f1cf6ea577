/**
 * IAM Identity v1 service ID routes (`/v1/serviceids/`, with and without the trailing slash).
 */
import { Type } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import { CreateServiceIdBody, IdParams, IncludeQuery, ListServiceIdsQuery, ServiceId, ServiceIdList, UpdateServiceIdBody } from './identity.schemas.js';
import type { ServiceIdsService } from './serviceids.service.js';

const tags = ['IAM Identity: service IDs'];
const config = { service: 'platform', auth: 'token' } as const;

export function serviceIdRoutes(app: App, deps: { serviceIds: ServiceIdsService }): void {
  const { serviceIds } = deps;

  app.get('/v1/serviceids/', { config, schema: { tags, summary: 'List service IDs', querystring: ListServiceIdsQuery, response: { 200: ServiceIdList } } },
    async (req) => serviceIds.list(contextOf(req), req.query));

  app.post('/v1/serviceids/', {
    config,
    schema: { tags, summary: 'Create a service ID (optionally with an API key)', body: CreateServiceIdBody, headers: Type.Object({ 'entity-lock': Type.Optional(Type.String()) }), response: { 201: ServiceId } },
  }, async (req, reply) => {
    const created = await serviceIds.create(contextOf(req), req.body, String(req.headers['entity-lock'] ?? '').toLowerCase() === 'true');
    void reply.header('cache-control', 'no-store');
    return reply.status(201).send(created);
  });

  app.get('/v1/serviceids/:id', { config, schema: { tags, summary: 'Get a service ID', params: IdParams, querystring: IncludeQuery, response: { 200: ServiceId } } },
    async (req) => serviceIds.get(contextOf(req), req.params.id, req.query));

  app.put('/v1/serviceids/:id', { config, schema: { tags, summary: 'Update a service ID (If-Match)', params: IdParams, body: UpdateServiceIdBody, response: { 200: ServiceId } } },
    async (req) => serviceIds.update(contextOf(req), req.params.id, req.headers['if-match'], req.body ?? {}));

  app.delete('/v1/serviceids/:id', { config, schema: { tags, summary: 'Delete a service ID and its API keys', params: IdParams } }, async (req, reply) => {
    await serviceIds.remove(contextOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.post('/v1/serviceids/:id/lock', { config, schema: { tags, summary: 'Lock a service ID', params: IdParams } }, async (req, reply) => {
    await serviceIds.setLocked(contextOf(req), req.params.id, true);
    return reply.status(204).send();
  });
  app.delete('/v1/serviceids/:id/lock', { config, schema: { tags, summary: 'Unlock a service ID', params: IdParams } }, async (req, reply) => {
    await serviceIds.setLocked(contextOf(req), req.params.id, false);
    return reply.status(204).send();
  });
}
