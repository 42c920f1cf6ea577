/**
 * IBM Policy Management routes: `/v1/policies`, `/v2/policies` and `/v2/roles`.
 */
import type { Static } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { PoliciesService } from './policies.service.js';
import type { RolesService } from './roles.service.js';
import {
  CreateRoleBody, CustomRole, ListPoliciesQuery, ListRolesQuery, PolicyListV1, PolicyListV2, PolicyParams, PolicyV1, PolicyV1Body, PolicyV2, PolicyV2Body,
  RoleCollection, RoleParams, StateBody, UpdateRoleBody,
} from './policies.schemas.js';

const config = { service: 'platform', auth: 'token' } as const;

export function policyRoutes(app: App, deps: { policies: PoliciesService; roles: RolesService }): void {
  const { policies, roles } = deps;

  for (const version of ['v1', 'v2'] as const) {
    const tags = [`Policy Management ${version}`];
    const Body = version === 'v1' ? PolicyV1Body : PolicyV2Body;
    const Policy = version === 'v1' ? PolicyV1 : PolicyV2;
    const List = version === 'v1' ? PolicyListV1 : PolicyListV2;
    const base = `/${version}/policies`;

    app.post(base, { config, schema: { tags, summary: 'Create an access policy', body: Body, response: { 201: Policy } } }, async (req, reply) => {
      const { policy, etag } = await policies.create(contextOf(req), req.body as Record<string, unknown>, version);
      return reply.status(201).header('etag', etag).send(policy);
    });
    // One handler for both versions: the response schema of each checks and shapes its policies.
    app.get(base, { config, schema: { tags, summary: 'List policies (paged with start)', querystring: ListPoliciesQuery, response: { 200: List } } },
      async (req) => (await policies.list(contextOf(req), version, req.query)) as Static<typeof PolicyListV1> & Static<typeof PolicyListV2>);
    app.get(`${base}/:policy_id`, { config, schema: { tags, summary: 'Get a policy', params: PolicyParams, response: { 200: Policy } } }, async (req, reply) => {
      const { policy, etag } = await policies.get(contextOf(req), req.params.policy_id, version);
      return reply.header('etag', etag).send(policy);
    });
    app.put(`${base}/:policy_id`, { config, schema: { tags, summary: 'Replace a policy (If-Match required)', params: PolicyParams, body: Body, response: { 200: Policy } } }, async (req, reply) => {
      const { policy, etag } = await policies.replace(contextOf(req), req.params.policy_id, req.headers['if-match'], req.body as Record<string, unknown>, version);
      return reply.header('etag', etag).send(policy);
    });
    app.patch(`${base}/:policy_id`, { config, schema: { tags, summary: 'Restore a deleted policy (state: active; If-Match required)', params: PolicyParams, body: StateBody, response: { 200: Policy } } }, async (req, reply) => {
      const { policy, etag } = await policies.restore(contextOf(req), req.params.policy_id, req.headers['if-match'], version);
      return reply.header('etag', etag).send(policy);
    });
    app.delete(`${base}/:policy_id`, { config, schema: { tags, summary: 'Delete a policy', params: PolicyParams } }, async (req, reply) => {
      await policies.remove(contextOf(req), req.params.policy_id);
      return reply.status(204).send();
    });
  }

  const tags = ['Roles'];
  app.get('/v2/roles', { config, schema: { tags, summary: 'List system, service and custom roles', querystring: ListRolesQuery, response: { 200: RoleCollection } } },
    async (req) => roles.list(contextOf(req), req.query));
  app.post('/v2/roles', { config, schema: { tags, summary: 'Create a custom role', body: CreateRoleBody, response: { 201: CustomRole } } }, async (req, reply) => {
    const { role, etag } = await roles.create(contextOf(req), req.body);
    return reply.status(201).header('etag', etag).send(role);
  });
  app.get('/v2/roles/:role_id', { config, schema: { tags, summary: 'Get a custom role', params: RoleParams, response: { 200: CustomRole } } }, async (req, reply) => {
    const { role, etag } = await roles.get(contextOf(req), req.params.role_id);
    return reply.header('etag', etag).send(role);
  });
  app.put('/v2/roles/:role_id', { config, schema: { tags, summary: 'Update a custom role (If-Match required)', params: RoleParams, body: UpdateRoleBody, response: { 200: CustomRole } } }, async (req, reply) => {
    const { role, etag } = await roles.update(contextOf(req), req.params.role_id, req.headers['if-match'], req.body);
    return reply.header('etag', etag).send(role);
  });
  app.delete('/v2/roles/:role_id', { config, schema: { tags, summary: 'Delete a custom role no policy grants', params: RoleParams } }, async (req, reply) => {
    await roles.remove(contextOf(req), req.params.role_id);
    return reply.status(204).send();
  });
}
