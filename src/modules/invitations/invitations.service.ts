/**
 * Inviting people into an account and their acceptance.
 *
 * @remarks An invitation token is 256 random bits, sent only in the email and stored as its SHA-256
 * digest. It is single-use (accepting moves the invitation out of PENDING in the same statement that
 * checks it), expires, and belongs to one invited user of one account: accepting it can only activate
 * that user. Resending makes a new token and voids the old one.
 */
import type { Logger } from 'pino';
import { ACTIONS } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import type { Transactor, UnitOfWork } from '#src/db/transactor.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { ids, USER_REALM } from '#src/platform/ids.js';
import { randomSecret, sha256Hex } from '#src/platform/secrets.js';
import type { AccountsRepo } from '#src/modules/accounts/accounts.repo.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { Mailer } from '#src/modules/mail/mailer.js';
import type { PasswordHasher } from '#src/modules/passwords/password-hasher.js';
import { assertAcceptablePassword } from '#src/modules/passwords/password-policy.js';
import { TOPICS } from '#src/db/change-topics.js';
import type { LoginThrottle } from '#src/modules/tokens/login-throttle.js';
import type { UsersRepo } from '#src/modules/users/users.repo.js';
import type { InviteInput, InvitationView } from '#src/modules/users/users.schemas.js';
import type { AccessGroupsService } from '#src/modules/access-groups/access-groups.service.js';
import type { PoliciesService } from '#src/modules/policies/policies.service.js';
import { invitationEmail } from './invitation-email.js';
import type { InvitationRow, InvitationsRepo } from './invitations.repo.js';

export const DEFAULT_SETTINGS = { language: '', notification_language: '', allowed_ip_addresses: '', self_manage: false };

/** What an invitation grants once the user exists: membership of access groups, and policies. */
export interface InvitationGrants {
  groups: Pick<AccessGroupsService, 'addInvitee'>;
  policies: Pick<PoliciesService, 'prepare' | 'insert'>;
}

export interface InvitationsServiceDeps {
  grants: InvitationGrants;
  /** Removes what an identity was granted (memberships, policies) when it goes. */
  forget: (uow: UnitOfWork, iamId: string) => Promise<void>;
  repo: InvitationsRepo;
  users: UsersRepo;
  accounts: AccountsRepo;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  mailer: Mailer;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  clock: Clock;
  log: Logger;
  publicUrl: string;
  ttlSeconds: number;
}

export function createInvitationsService(deps: InvitationsServiceDeps) {
  const view = (row: InvitationRow, now: number): InvitationView => ({
    id: row.id,
    iam_id: row.iam_id,
    email: row.email,
    account_id: row.account_id,
    state: row.state === 'PENDING' && Date.parse(row.expires_at) <= now ? 'EXPIRED' : row.state,
    created_at: row.created_at,
    created_by: row.created_by,
    expires_at: row.expires_at,
    last_sent_at: row.last_sent_at,
    send_count: row.send_count,
    access_groups: JSON.parse(row.access_groups) as string[],
  });

  const sendInvitation = async (email: string, accountId: string, inviter: string, token: string, expiresAt: Date) => {
    const account = await deps.accounts.findById(accountId);
    try {
      await deps.mailer.send(invitationEmail({ to: email, accountName: account?.name ?? accountId, inviterName: inviter, link: `${deps.publicUrl}/invite/${token}`, expiresAt }));
    } catch (err) {
      // The invitation stands; an administrator can resend it once mail works again.
      deps.log.error({ err, to: email }, 'could not send the invitation email');
    }
  };

  const inviterName = (ctx: RequestContext) => ctx.principal?.name ?? 'An administrator';

  const lookup = async (token: string, address: string) => {
    await deps.throttle.checkAddress(address);
    const row = await deps.repo.findByDigest(sha256Hex(token));
    if (!row || row.state === 'REVOKED') {
      await deps.throttle.recordAddressFailure(address);
      throw appError('invitation_not_found', 'this invitation link is not valid; ask the administrator for a new one');
    }
    if (row.state === 'ACCEPTED') throw appError('invitation_used', 'this invitation was already accepted; sign in instead');
    if (Date.parse(row.expires_at) <= deps.clock.now().getTime()) throw appError('invitation_expired', 'this invitation has expired; ask the administrator to resend it');
    return row;
  };

  /** Writes a fresh token for an invitation and returns it (the caller mails it after commit). */
  const renew = () => {
    const token = randomSecret();
    const now = deps.clock.now();
    return { token, digest: sha256Hex(token), now, expiresAt: new Date(now.getTime() + deps.ttlSeconds * 1000) };
  };

  return {
    view,

    /** Invites people by email (IBM's `POST /v2/accounts/{id}/users`); answers 202 with the new users. */
    async invite(ctx: RequestContext, accountId: string, input: InviteInput) {
      deps.authorizer.require(ctx, ACTIONS.userInvite, { accountId, type: 'account' });
      assertThat(ctx.principal?.kind === 'user', () => appError('insufficient_permissions', 'only people can invite users; service IDs cannot'));
      for (const group of input.access_groups ?? []) {
        assertThat(/^AccessGroupId-[A-Za-z0-9-]+$/.test(group), () => appError('invalid_body', `field 'access_groups': '${group}' is not an access group id (AccessGroupId-…)`));
        deps.authorizer.require(ctx, ACTIONS.membersAdd, { accountId, type: 'access group', id: group, attributes: { resource: group } });
      }
      for (const policy of input.iam_policy ?? []) {
        const account = policy.resources?.[0]?.attributes.find((a) => a.name === 'accountId');
        assertThat(!account || account.value === accountId, () => appError('invalid_body', "field 'iam_policy': a policy's accountId must be the inviting account"));
      }
      // The invitation's policies are checked (and the inviter's right to grant them) before anything is written.
      const policyBody = (p: NonNullable<InviteInput['iam_policy']>[number], iamId: string) =>
        ({ type: p.type, subjects: [{ attributes: [{ name: 'iam_id', value: iamId }] }], roles: p.roles, resources: p.resources ?? [{ attributes: [{ name: 'accountId', value: accountId }] }] });
      const policies = await Promise.all((input.iam_policy ?? []).map(async (p) => ({ p, spec: await deps.grants.policies.prepare(ctx, accountId, policyBody(p, 'QGid-INVITEE'), 'v1') })));
      const emails = input.users.map((u) => u.email.trim().toLowerCase());
      assertThat(new Set(emails).size === emails.length, () => appError('invalid_body', "field 'users' lists the same email more than once"));
      const sends: { email: string; token: string; expiresAt: Date }[] = [];
      const resources = await deps.transact(async (uow) => {
        // The limits' locks first, in the order every other path takes them (memberships, then policies),
        // before any row is written: two invitations cannot wait on each other.
        if ((input.access_groups ?? []).length > 0) await uow.serialize(`memberships-in:${accountId}`);
        if (policies.length > 0) await uow.serialize(`policies-in:${accountId}`);
        const out: { email: string; id: string; state: string }[] = [];
        for (const email of emails) {
          const existing = await deps.users.findByEmail(accountId, email, uow.trx);
          if (existing && existing.state !== 'PENDING') throw appError('user_already_member', `${email} is already a member of this account`);
          const t = renew();
          let iamId = existing?.iam_id;
          if (!iamId) {
            iamId = ids.user();
            await deps.users.insert(uow.trx, {
              iam_id: iamId, account_id: accountId, email, user_id: email, realm: USER_REALM, firstname: '', lastname: '', phonenumber: '', altphonenumber: '', photo: '',
              state: 'PENDING', password_hash: null, settings: JSON.stringify(DEFAULT_SETTINGS), invited_by: ctx.principal?.iamId ?? null,
              added_on: t.now.toISOString(), updated_at: t.now.toISOString(), last_login_at: null, tokens_valid_after: null,
            });
          }
          // Inviting a pending person again replaces the open invitation (and voids its link).
          await deps.repo.revokeAllForUser(uow.trx, iamId, t.now.toISOString());
          await deps.repo.insert(uow.trx, {
            id: ids.invitation(), account_id: accountId, iam_id: iamId, email, token_digest: t.digest, state: 'PENDING', expires_at: t.expiresAt.toISOString(),
            created_at: t.now.toISOString(), created_by: ctx.principal?.iamId ?? '', accepted_at: null, revoked_at: null, last_sent_at: t.now.toISOString(), send_count: 1,
            access_groups: JSON.stringify(input.access_groups ?? []), iam_policy: JSON.stringify(input.iam_policy ?? []),
          });
          uow.changed(TOPICS.user, iamId);
          if (!existing) {
            await deps.grants.groups.addInvitee(uow, ctx, accountId, iamId, input.access_groups ?? []);
            for (const { p, spec } of policies) {
              await deps.grants.policies.insert(uow, ctx, accountId, policyBody(p, iamId), 'v1', { ...spec, subject: { kind: 'iam_id', value: iamId } });
            }
          }
          await deps.audit.record(uow.trx, ctx, { action: ACTIONS.userInvite, target: { type: 'user', id: iamId }, outcome: 'success', status: 202, details: { email, access_groups: input.access_groups ?? [] } });
          sends.push({ email, token: t.token, expiresAt: t.expiresAt });
          out.push({ email, id: iamId, state: 'PENDING' });
        }
        return out;
      });
      for (const s of sends) await sendInvitation(s.email, accountId, inviterName(ctx), s.token, s.expiresAt);
      return { resources };
    },

    async list(ctx: RequestContext, accountId: string, query: { state?: string; limit?: number; offset?: number }) {
      deps.authorizer.require(ctx, ACTIONS.invitationList, { accountId, type: 'invitations' });
      const limit = query.limit ?? 100;
      const offset = query.offset ?? 0;
      const now = deps.clock.now().getTime();
      const rows = await deps.repo.list(accountId, query.state === 'EXPIRED' ? 'PENDING' : query.state, offset, limit);
      const invitations = rows.map((r) => view(r, now)).filter((v) => !query.state || v.state === query.state);
      return { offset, limit, invitations };
    },

    async resend(ctx: RequestContext, accountId: string, iamId: string): Promise<InvitationView> {
      deps.authorizer.require(ctx, ACTIONS.invitationResend, { accountId, type: 'invitation', id: iamId });
      const user = await deps.users.findByIamId(iamId);
      if (!user || user.account_id !== accountId) throw appError('user_not_found', `user ${iamId} not found`);
      assertThat(user.state === 'PENDING', () => appError('user_already_member', `${user.email} has already accepted the invitation`));
      const t = renew();
      const row = await deps.transact(async (uow) => {
        const open = await deps.repo.findPendingForUser(iamId, uow.trx);
        if (!open) throw appError('invitation_not_found', `user ${iamId} has no open invitation; invite them again`);
        await deps.repo.updateById(uow.trx, open.id, { token_digest: t.digest, expires_at: t.expiresAt.toISOString(), last_sent_at: t.now.toISOString(), send_count: open.send_count + 1 });
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.invitationResend, target: { type: 'user', id: iamId }, outcome: 'success', status: 202, details: { email: user.email } });
        return { ...open, expires_at: t.expiresAt.toISOString(), last_sent_at: t.now.toISOString(), send_count: open.send_count + 1 };
      });
      await sendInvitation(user.email, accountId, inviterName(ctx), t.token, t.expiresAt);
      return view(row, t.now.getTime());
    },

    /** What the invitation page shows before the person accepts (nothing is consumed). */
    async preview(ctx: RequestContext, token: string) {
      const row = await lookup(token, ctx.ip);
      const account = await deps.accounts.findById(row.account_id);
      return { email: row.email, account_id: row.account_id, account_name: account?.name ?? row.account_id, expires_at: row.expires_at };
    },

    async accept(ctx: RequestContext, token: string, body: { password: string; firstname?: string; lastname?: string }) {
      const row = await lookup(token, ctx.ip);
      const firstname = body.firstname?.trim() ?? '';
      const lastname = body.lastname?.trim() ?? '';
      assertAcceptablePassword(body.password, 'password', [row.email.split('@')[0] ?? '', firstname, lastname]);
      const passwordHash = await deps.hasher.hash(body.password);
      const now = deps.clock.now().toISOString();
      const user = await deps.transact(async (uow) => {
        if (!(await deps.repo.closeIfPending(uow.trx, row.id, 'ACCEPTED', now))) throw appError('invitation_used', 'this invitation was already accepted; sign in instead');
        const pending = await deps.users.findByIamId(row.iam_id, uow.trx);
        if (!pending || pending.state !== 'PENDING' || pending.account_id !== row.account_id || pending.email !== row.email) {
          throw appError('invitation_not_found', 'this invitation link is not valid; ask the administrator for a new one');
        }
        await deps.users.updateByIamId(uow.trx, row.iam_id, {
          state: 'ACTIVE', password_hash: passwordHash, updated_at: now,
          ...(firstname ? { firstname } : {}), ...(lastname ? { lastname } : {}),
        });
        uow.changed(TOPICS.user, row.iam_id);
        await deps.audit.record(uow.trx, ctx, {
          action: 'user-management.invitation.accept', target: { type: 'user', id: row.iam_id }, outcome: 'success', status: 200,
          accountId: row.account_id, actorIamId: row.iam_id, details: { email: row.email },
        });
        return (await deps.users.findByIamId(row.iam_id, uow.trx))!;
      });
      return user;
    },

    /** Revokes the open invitation of a pending user and removes that user. */
    async revoke(ctx: RequestContext, accountId: string, iamId: string): Promise<void> {
      deps.authorizer.require(ctx, ACTIONS.invitationRevoke, { accountId, type: 'invitation', id: iamId });
      const user = await deps.users.findByIamId(iamId);
      if (!user || user.account_id !== accountId) throw appError('user_not_found', `user ${iamId} not found`);
      assertThat(user.state === 'PENDING', () => appError('user_already_member', `${user.email} has already accepted; remove the user instead`));
      await deps.transact(async (uow) => {
        await deps.repo.revokeAllForUser(uow.trx, iamId, deps.clock.now().toISOString());
        await deps.forget(uow, iamId);
        await deps.users.deleteByIamId(uow.trx, iamId);
        uow.changed(TOPICS.user, iamId);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.invitationRevoke, target: { type: 'user', id: iamId }, outcome: 'success', status: 204, details: { email: user.email } });
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
