/**
 * User Management v2 routes (`/v2/accounts/{account_id}/users`) and the v3 removal.
 */
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { InvitationsService } from '#src/modules/invitations/invitations.service.js';
import type { UsersService } from './users.service.js';
import { AccountParams, AccountUserParams, InviteBody, InviteResponse, ListUsersQuery, UpdateUserBody, UserList, UserProfile, UserSettings, UserSettingsPatch } from './users.schemas.js';
import { Type } from 'typebox';

const tags = ['User Management'];
const config = { service: 'platform', auth: 'token' } as const;

export function userRoutes(app: App, deps: { users: UsersService; invitations: InvitationsService }): void {
  const { users, invitations } = deps;

  app.get('/v2/accounts/:account_id/users', { config, schema: { tags, summary: 'List the users of an account', params: AccountParams, querystring: ListUsersQuery, response: { 200: UserList } } },
    async (req) => users.list(contextOf(req), req.params.account_id, req.query));

  app.post('/v2/accounts/:account_id/users', { config, schema: { tags, summary: 'Invite users by email', params: AccountParams, body: InviteBody, response: { 202: InviteResponse } } },
    async (req, reply) => reply.status(202).send(await invitations.invite(contextOf(req), req.params.account_id, req.body)));

  app.get('/v2/accounts/:account_id/users/:iam_id', {
    config, schema: { tags, summary: "Get a user's profile", params: AccountUserParams, querystring: Type.Object({ include_activity: Type.Optional(Type.Boolean()) }), response: { 200: UserProfile } },
  }, async (req) => users.get(contextOf(req), req.params.account_id, req.params.iam_id));

  app.patch('/v2/accounts/:account_id/users/:iam_id', {
    config, schema: { tags, summary: "Update a user's profile or state (ACTIVE, DISABLED)", params: AccountUserParams, querystring: Type.Object({ include_activity: Type.Optional(Type.Boolean()) }), body: UpdateUserBody },
  }, async (req, reply) => {
    await users.update(contextOf(req), req.params.account_id, req.params.iam_id, req.body ?? {});
    return reply.status(204).send();
  });

  app.delete('/v2/accounts/:account_id/users/:iam_id', { config, schema: { tags, summary: 'Remove a user from the account', params: AccountUserParams, querystring: Type.Object({ include_activity: Type.Optional(Type.Boolean()) }) } },
    async (req, reply) => {
      await users.remove(contextOf(req), req.params.account_id, req.params.iam_id);
      return reply.status(204).send();
    });

  app.delete('/v3/accounts/:account_id/users/:iam_id', { config, schema: { tags, summary: 'Remove a user from the account (v3; completes before answering)', params: AccountUserParams } },
    async (req, reply) => {
      await users.remove(contextOf(req), req.params.account_id, req.params.iam_id);
      return reply.status(202).send();
    });

  app.post('/v2/users/accept', {
    config,
    schema: { tags, summary: 'Accept an invitation as a signed-in user (answers 204 once the caller is an active member)', body: Type.Object({ account_id: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }) },
  }, async (req, reply) => {
    await users.acceptAsMember(contextOf(req), req.body?.account_id);
    return reply.status(204).send();
  });

  app.get('/v2/accounts/:account_id/users/:iam_id/settings', { config, schema: { tags, summary: "Get a user's settings", params: AccountUserParams, response: { 200: UserSettings } } },
    async (req) => users.getSettings(contextOf(req), req.params.account_id, req.params.iam_id));

  app.patch('/v2/accounts/:account_id/users/:iam_id/settings', { config, schema: { tags, summary: "Update a user's settings", params: AccountUserParams, body: UserSettingsPatch } },
    async (req, reply) => {
      await users.updateSettings(contextOf(req), req.params.account_id, req.params.iam_id, req.body ?? {});
      return reply.status(204).send();
    });
}
