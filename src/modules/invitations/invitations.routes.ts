/**
 * Invitation routes: the administrator's list, resend and revoke, and the public preview and
 * acceptance behind the emailed link.
 */
import { Type } from 'typebox';
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { UsersService } from '#src/modules/users/users.service.js';
import { AcceptBody, AccountParams, AccountUserParams, Invitation, InvitationPreview, TokenParams, UserProfile } from '#src/modules/users/users.schemas.js';
import type { InvitationsService } from './invitations.service.js';

const tags = ['Invitations'];

export function invitationRoutes(app: App, deps: { invitations: InvitationsService; users: UsersService }): void {
  const { invitations } = deps;
  const admin = { service: 'platform', auth: 'token' } as const;
  const anyone = { service: 'platform', auth: 'public' } as const;

  app.get('/v2/accounts/:account_id/invitations', {
    config: admin,
    schema: {
      tags, summary: 'List invitations', params: AccountParams,
      querystring: Type.Object({
        state: Type.Optional(Type.Enum(['PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED'])),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        offset: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
      response: { 200: Type.Object({ offset: Type.Integer(), limit: Type.Integer(), invitations: Type.Array(Invitation) }) },
    },
  }, async (req) => invitations.list(contextOf(req), req.params.account_id, req.query));

  app.post('/v2/accounts/:account_id/invitations/:iam_id/resend', {
    config: admin, schema: { tags, summary: 'Send the invitation again with a new link (the old link stops working)', params: AccountUserParams, response: { 202: Invitation } },
  }, async (req, reply) => reply.status(202).send(await invitations.resend(contextOf(req), req.params.account_id, req.params.iam_id)));

  app.delete('/v2/accounts/:account_id/invitations/:iam_id', {
    config: admin, schema: { tags, summary: 'Revoke an invitation (removes the pending user)', params: AccountUserParams },
  }, async (req, reply) => {
    await invitations.revoke(contextOf(req), req.params.account_id, req.params.iam_id);
    return reply.status(204).send();
  });

  app.get('/v2/invitations/:token', {
    config: anyone, schema: { tags, summary: 'What an invitation link is for (consumes nothing)', params: TokenParams, response: { 200: InvitationPreview } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return invitations.preview(contextOf(req), req.params.token);
  });

  app.post('/v2/invitations/:token/accept', {
    config: anyone, schema: { tags, summary: 'Accept an invitation: set a password and activate the user', params: TokenParams, body: AcceptBody, response: { 200: UserProfile } },
  }, async (req) => deps.users.view(await invitations.accept(contextOf(req), req.params.token, req.body)));
}
