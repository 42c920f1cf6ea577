/**
 * An account's identity providers: `/v1/accounts/{account_id}/identity_providers`.
 */
import { Type } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { ProvidersService } from './providers.service.js';
import { AccountParams, CreateProviderBody, Provider, ProviderList, ProviderParams, UpdateProviderBody } from './providers.schemas.js';

const tags = ['IAM Identity: identity providers'];
const config = { service: 'platform', auth: 'token' } as const;

export function providerRoutes(app: App, deps: { providers: ProvidersService }): void {
  const { providers } = deps;
  const base = '/v1/accounts/:account_id/identity_providers';

  app.get(base, { config, schema: { tags, summary: "List the account's identity providers", params: AccountParams, response: { 200: ProviderList } } },
    async (req) => providers.list(contextOf(req), req.params.account_id));

  app.post(base, { config, schema: { tags, summary: 'Add an OpenID Connect identity provider', params: AccountParams, body: CreateProviderBody, response: { 201: Provider } } },
    async (req, reply) => {
      const view = await providers.create(contextOf(req), req.params.account_id, req.body);
      return reply.status(201).header('etag', view.entity_tag).send(view);
    });

  app.get(`${base}/:id`, { config, schema: { tags, summary: 'Get an identity provider', params: ProviderParams, response: { 200: Provider } } },
    async (req, reply) => {
      const view = await providers.get(contextOf(req), req.params.account_id, req.params.id);
      return reply.header('etag', view.entity_tag).send(view);
    });

  app.put(`${base}/:id`, {
    config, schema: { tags, summary: 'Update, enable or disable an identity provider (If-Match: entity_tag or *); fields left out keep their value', params: ProviderParams, body: UpdateProviderBody, response: { 200: Provider } },
  }, async (req, reply) => {
    const view = await providers.update(contextOf(req), req.params.account_id, req.params.id, req.headers['if-match'], req.body ?? {});
    return reply.header('etag', view.entity_tag).send(view);
  });

  app.delete(`${base}/:id`, { config, schema: { tags, summary: 'Delete an identity provider (its users stay; they can no longer sign in through it)', params: ProviderParams, response: { 204: Type.Null({ description: 'Deleted' }) } } },
    async (req, reply) => {
      await providers.remove(contextOf(req), req.params.account_id, req.params.id);
      return reply.status(204).send(null);
    });
}
