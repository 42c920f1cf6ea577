/**
 * IAM Access Groups v2 routes (`/v2/groups`).
 */
import { Type } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { AccessGroupsService } from './access-groups.service.js';
import {
  AccountQuery, AddMembersBody, AddMembersResponse, AddToAllBody, AllGroupsResponse, CreateGroupBody, Group, GroupParams, GroupsList, IamIdParams,
  ListGroupsQuery, ListMembersQuery, MemberParams, MembersList, RemoveMembersBody, RemoveMembersResponse, Rule, RuleBody, RuleParams, Settings, UpdateGroupBody,
} from './access-groups.schemas.js';

const tags = ['Access Groups'];
const config = { service: 'platform', auth: 'token' } as const;

export function accessGroupRoutes(app: App, deps: { groups: AccessGroupsService }): void {
  const { groups } = deps;

  app.get('/v2/groups/settings', { config, schema: { tags, summary: 'Get the access group settings of an account', querystring: AccountQuery, response: { 200: Settings } } },
    async (req) => groups.getSettings(contextOf(req), req.query.account_id));
  app.patch('/v2/groups/settings', {
    config, schema: { tags, summary: 'Update the access group settings (public_access_enabled=false deletes every Public Access policy)', querystring: AccountQuery, body: Type.Object({ public_access_enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: Settings } },
  }, async (req) => groups.updateSettings(contextOf(req), req.query.account_id, req.body ?? {}));

  app.post('/v2/groups', { config, schema: { tags, summary: 'Create an access group', querystring: AccountQuery, body: CreateGroupBody, response: { 201: Group } } }, async (req, reply) => {
    const { group, etag } = await groups.create(contextOf(req), req.query.account_id, req.body);
    return reply.status(201).header('etag', etag).send(group);
  });
  app.get('/v2/groups', { config, schema: { tags, summary: 'List access groups', querystring: ListGroupsQuery, response: { 200: GroupsList } } },
    async (req) => groups.list(contextOf(req), req.query));
  app.get('/v2/groups/:access_group_id', {
    config, schema: { tags, summary: 'Get an access group', params: GroupParams, querystring: Type.Object({ show_federated: Type.Optional(Type.Boolean()), show_crn: Type.Optional(Type.Boolean()) }), response: { 200: Group } },
  }, async (req, reply) => {
    const { group, etag } = await groups.get(contextOf(req), req.params.access_group_id, req.query.show_crn);
    return reply.header('etag', etag).send(group);
  });
  app.patch('/v2/groups/:access_group_id', { config, schema: { tags, summary: 'Update an access group (If-Match required)', params: GroupParams, body: UpdateGroupBody, response: { 200: Group } } }, async (req, reply) => {
    const { group, etag } = await groups.update(contextOf(req), req.params.access_group_id, req.headers['if-match'], req.body ?? {});
    return reply.header('etag', etag).send(group);
  });
  app.delete('/v2/groups/:access_group_id', {
    config, schema: { tags, summary: 'Delete an access group (force=true also removes its members, rules and policies)', params: GroupParams, querystring: Type.Object({ force: Type.Optional(Type.Boolean()) }) },
  }, async (req, reply) => {
    await groups.remove(contextOf(req), req.params.access_group_id, req.query.force ?? false);
    return reply.status(204).send();
  });

  app.put('/v2/groups/_allgroups/members/:iam_id', {
    config, schema: { tags, summary: 'Add an identity to several access groups', params: IamIdParams, querystring: AccountQuery, body: AddToAllBody, response: { 207: AllGroupsResponse } },
  }, async (req, reply) => reply.status(207).send(await groups.addToAll(contextOf(req), req.query.account_id, req.params.iam_id, req.body)));
  app.delete('/v2/groups/_allgroups/members/:iam_id', {
    config, schema: { tags, summary: 'Remove an identity from every access group', params: IamIdParams, querystring: AccountQuery, response: { 207: AllGroupsResponse } },
  }, async (req, reply) => reply.status(207).send(await groups.removeFromAll(contextOf(req), req.query.account_id, req.params.iam_id)));

  app.put('/v2/groups/:access_group_id/members', {
    config, schema: { tags, summary: 'Add members (a status per member)', params: GroupParams, body: AddMembersBody, response: { 207: AddMembersResponse } },
  }, async (req, reply) => reply.status(207).send(await groups.addMembers(contextOf(req), req.params.access_group_id, req.body.members)));
  app.get('/v2/groups/:access_group_id/members', { config, schema: { tags, summary: 'List members', params: GroupParams, querystring: ListMembersQuery, response: { 200: MembersList } } },
    async (req) => groups.listMembers(contextOf(req), req.params.access_group_id, req.query));
  app.head('/v2/groups/:access_group_id/members/:iam_id', { config, schema: { tags, summary: 'Is this identity a member? (204 yes, 404 no)', params: MemberParams } }, async (req, reply) => {
    const member = await groups.isMember(contextOf(req), req.params.access_group_id, req.params.iam_id);
    return reply.status(member ? 204 : 404).send();
  });
  app.delete('/v2/groups/:access_group_id/members/:iam_id', { config, schema: { tags, summary: 'Remove a member', params: MemberParams } }, async (req, reply) => {
    await groups.removeMember(contextOf(req), req.params.access_group_id, req.params.iam_id);
    return reply.status(204).send();
  });
  app.post('/v2/groups/:access_group_id/members/delete', {
    config, schema: { tags, summary: 'Remove several members (a status per member)', params: GroupParams, body: RemoveMembersBody, response: { 207: RemoveMembersResponse } },
  }, async (req, reply) => reply.status(207).send(await groups.removeMembers(contextOf(req), req.params.access_group_id, req.body.members)));

  app.post('/v2/groups/:access_group_id/rules', { config, schema: { tags, summary: 'Add a dynamic rule', params: GroupParams, body: RuleBody, response: { 201: Rule } } }, async (req, reply) => {
    const { rule, etag } = await groups.createRule(contextOf(req), req.params.access_group_id, req.body);
    return reply.status(201).header('etag', etag).send(rule);
  });
  app.get('/v2/groups/:access_group_id/rules', { config, schema: { tags, summary: 'List dynamic rules', params: GroupParams, response: { 200: Type.Object({ rules: Type.Array(Rule) }) } } },
    async (req) => groups.listRules(contextOf(req), req.params.access_group_id));
  app.get('/v2/groups/:access_group_id/rules/:rule_id', { config, schema: { tags, summary: 'Get a dynamic rule', params: RuleParams, response: { 200: Rule } } }, async (req, reply) => {
    const { rule, etag } = await groups.getRule(contextOf(req), req.params.access_group_id, req.params.rule_id);
    return reply.header('etag', etag).send(rule);
  });
  app.put('/v2/groups/:access_group_id/rules/:rule_id', { config, schema: { tags, summary: 'Replace a dynamic rule (If-Match required)', params: RuleParams, body: RuleBody, response: { 200: Rule } } }, async (req, reply) => {
    const { rule, etag } = await groups.replaceRule(contextOf(req), req.params.access_group_id, req.params.rule_id, req.headers['if-match'], req.body);
    return reply.header('etag', etag).send(rule);
  });
  app.delete('/v2/groups/:access_group_id/rules/:rule_id', { config, schema: { tags, summary: 'Delete a dynamic rule', params: RuleParams } }, async (req, reply) => {
    await groups.removeRule(contextOf(req), req.params.access_group_id, req.params.rule_id);
    return reply.status(204).send();
  });
}
