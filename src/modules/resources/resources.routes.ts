/**
 * Resource Controller v2 (`/v2/resource_instances`), Resource Manager v2 (`/v2/resource_groups`)
 * and qgate's catalog (`/v1/catalog/services`).
 */
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { ResourcesService } from './resources.service.js';
import {
  CatalogList, CatalogQuery, CreateGroupBody, CreateGroupResponse, CreateInstanceBody, DeleteInstanceQuery, IdParams, InstanceList,
  ListGroupsQuery, ListInstancesQuery, Plan, PlanParams, ResourceGroup, ResourceGroupList, ResourceInstance, UpdateGroupBody, UpdateInstanceBody,
} from './resources.schemas.js';

const rc = { service: 'resource-controller', auth: 'token' } as const;
const platform = { service: 'platform', auth: 'token' } as const;
const instanceTags = ['Resource instances'];
const groupTags = ['Resource groups'];
const catalogTags = ['Catalog'];

export function resourceRoutes(app: App, deps: { resources: ResourcesService }): void {
  const { resources } = deps;

  app.get('/v1/catalog/services', {
    config: platform, schema: { tags: catalogTags, summary: 'List the services and plans instances can be made from, with each plan\'s limits', querystring: CatalogQuery, response: { 200: CatalogList } },
  }, async (req) => resources.listCatalog(contextOf(req), req.query.account_id));
  app.get('/v1/catalog/services/:service/plans/:plan_id', {
    config: platform, schema: { tags: catalogTags, summary: 'Get one plan of a service, with its limits', params: PlanParams, querystring: CatalogQuery, response: { 200: Plan } },
  }, async (req) => resources.getPlan(contextOf(req), req.query.account_id, req.params.service, req.params.plan_id));

  app.get('/v2/resource_groups', {
    config: rc, schema: { tags: groupTags, summary: 'List the resource groups of your account that you may see', querystring: ListGroupsQuery, response: { 200: ResourceGroupList } },
  }, async (req) => resources.listGroups(contextOf(req), req.query));
  app.post('/v2/resource_groups', {
    config: rc, schema: { tags: groupTags, summary: 'Create a resource group', body: CreateGroupBody, response: { 201: CreateGroupResponse } },
  }, async (req, reply) => reply.status(201).send(await resources.createGroup(contextOf(req), req.body)));
  app.get('/v2/resource_groups/:id', {
    config: rc, schema: { tags: groupTags, summary: 'Get a resource group', params: IdParams, response: { 200: ResourceGroup } },
  }, async (req) => resources.getGroup(contextOf(req), req.params.id));
  app.patch('/v2/resource_groups/:id', {
    config: rc, schema: { tags: groupTags, summary: 'Rename a resource group or change its state', params: IdParams, body: UpdateGroupBody, response: { 200: ResourceGroup } },
  }, async (req) => resources.updateGroup(contextOf(req), req.params.id, req.body ?? {}));
  app.delete('/v2/resource_groups/:id', {
    config: rc, schema: { tags: groupTags, summary: 'Delete an empty resource group (not the default one)', params: IdParams },
  }, async (req, reply) => {
    await resources.removeGroup(contextOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.post('/v2/resource_instances', {
    config: rc, schema: { tags: instanceTags, summary: 'Create a Qiskit Runtime service instance', body: CreateInstanceBody, response: { 201: ResourceInstance } },
  }, async (req, reply) => reply.status(201).send(await resources.createInstance(contextOf(req), req.body)));
  app.get('/v2/resource_instances', {
    config: rc, schema: { tags: instanceTags, summary: 'List the service instances you may see (paged with start/next_url)', querystring: ListInstancesQuery, response: { 200: InstanceList } },
  }, async (req) => resources.listInstances(contextOf(req), req.query));
  app.get('/v2/resource_instances/:id', {
    config: rc, schema: { tags: instanceTags, summary: 'Get a service instance by GUID or URL-encoded CRN (deleted ones answer with state removed)', params: IdParams, response: { 200: ResourceInstance } },
  }, async (req) => resources.getInstance(contextOf(req), req.params.id));
  app.patch('/v2/resource_instances/:id', {
    config: rc, schema: { tags: instanceTags, summary: 'Update a service instance (name, parameters, plan, allow_cleanup)', params: IdParams, body: UpdateInstanceBody, response: { 200: ResourceInstance } },
  }, async (req) => resources.updateInstance(contextOf(req), req.params.id, req.body ?? {}));
  app.delete('/v2/resource_instances/:id', {
    config: rc, schema: { tags: instanceTags, summary: 'Delete a service instance (its row stays, with state removed)', params: IdParams, querystring: DeleteInstanceQuery },
  }, async (req, reply) => {
    await resources.removeInstance(contextOf(req), req.params.id, req.query.recursive ?? false);
    return reply.status(204).send();
  });
  app.post('/v2/resource_instances/:id/lock', {
    config: rc, schema: { tags: instanceTags, summary: 'Lock a service instance against update and deletion', params: IdParams, response: { 200: ResourceInstance } },
  }, async (req) => resources.setLocked(contextOf(req), req.params.id, true));
  app.delete('/v2/resource_instances/:id/lock', {
    config: rc, schema: { tags: instanceTags, summary: 'Unlock a service instance', params: IdParams, response: { 200: ResourceInstance } },
  }, async (req) => resources.setLocked(contextOf(req), req.params.id, false));
}
