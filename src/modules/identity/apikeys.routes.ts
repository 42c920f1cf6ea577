/**
 * IAM Identity v1 API key routes (`/v1/apikeys`).
 */
import { Type } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { ApiKeysService } from './apikeys.service.js';
import { ApiKey, ApiKeyList, CreateApiKeyBody, IdParams, IncludeQuery, ListApiKeysQuery, UpdateApiKeyBody } from './identity.schemas.js';

const tags = ['IAM Identity: API keys'];
const config = { service: 'platform', auth: 'token' } as const;
const headerFlag = (value: unknown) => String(value ?? '').toLowerCase() === 'true';

export function apiKeyRoutes(app: App, deps: { apiKeys: ApiKeysService }): void {
  const { apiKeys } = deps;

  app.get('/v1/apikeys', { config, schema: { tags, summary: 'List API keys', querystring: ListApiKeysQuery, response: { 200: ApiKeyList } } },
    async (req) => apiKeys.list(contextOf(req), req.query));

  app.post('/v1/apikeys', {
    config,
    schema: {
      tags, summary: 'Create an API key (its value is returned only here)', body: CreateApiKeyBody,
      headers: Type.Object({ 'entity-lock': Type.Optional(Type.String()), 'entity-disable': Type.Optional(Type.String()) }),
      response: { 201: ApiKey },
    },
  }, async (req, reply) => {
    const key = await apiKeys.create(contextOf(req), req.body, { locked: headerFlag(req.headers['entity-lock']), disabled: headerFlag(req.headers['entity-disable']) });
    void reply.header('cache-control', 'no-store');
    return reply.status(201).send(key);
  });

  app.get('/v1/apikeys/details', {
    config,
    schema: { tags, summary: 'Get the details of an API key by its value (IAM-ApiKey header)', querystring: Type.Object({ include_history: Type.Optional(Type.Boolean()) }), response: { 200: ApiKey } },
  }, async (req) => {
    const value = req.headers['iam-apikey'];
    return apiKeys.details(contextOf(req), Array.isArray(value) ? value[0] : value, req.query);
  });

  app.get('/v1/apikeys/:id', { config, schema: { tags, summary: 'Get an API key', params: IdParams, querystring: IncludeQuery, response: { 200: ApiKey } } },
    async (req) => apiKeys.get(contextOf(req), req.params.id, req.query));

  app.put('/v1/apikeys/:id', {
    config,
    schema: { tags, summary: 'Update an API key (If-Match: entity_tag or *)', params: IdParams, body: UpdateApiKeyBody, response: { 200: ApiKey } },
  }, async (req) => apiKeys.update(contextOf(req), req.params.id, req.headers['if-match'], req.body ?? {}));

  app.delete('/v1/apikeys/:id', { config, schema: { tags, summary: 'Delete an API key; tokens made from it stop working at once', params: IdParams } },
    async (req, reply) => {
      await apiKeys.remove(contextOf(req), req.params.id);
      return reply.status(204).send();
    });

  for (const [suffix, summary, apply] of [
    ['lock', 'Lock an API key (refused for sign-in and changes) / unlock it', (id: string, on: boolean, req: Parameters<typeof contextOf>[0]) => apiKeys.setLocked(contextOf(req), id, on)],
    ['disable', 'Disable an API key / enable it', (id: string, on: boolean, req: Parameters<typeof contextOf>[0]) => apiKeys.setDisabled(contextOf(req), id, on)],
  ] as const) {
    app.post(`/v1/apikeys/:id/${suffix}`, { config, schema: { tags, summary, params: IdParams } }, async (req, reply) => {
      await apply(req.params.id, true, req);
      return reply.status(204).send();
    });
    app.delete(`/v1/apikeys/:id/${suffix}`, { config, schema: { tags, summary, params: IdParams } }, async (req, reply) => {
      await apply(req.params.id, false, req);
      return reply.status(204).send();
    });
  }
}
