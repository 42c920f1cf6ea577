/**
 * Who a federated sign-in is, in qgate: the user a provider's subject is bound to, an invited
 * user the sign-in binds to that subject, or (when the provider allows it) a user made for them.
 *
 * @remarks A provider's word on an email address counts only when the provider says it verified the
 * address (`email_verified: true`): otherwise anyone able to set any email at the provider could take
 * an invitation meant for someone else, or give themselves another person's address. Invitations are
 * bound only by a provider the account set to `require_invitation` (its explicit choice to admit invited
 * people through it). An active user is never taken over by email. A user is bound to the issuer that
 * vouched for them: another issuer under the same realm never signs in as them. Every refusal tells the
 * person the same thing; the reason goes to the account's audit trail.
 */
import type { JWTPayload } from 'jose';
import { TOPICS } from '#src/db/change-topics.js';
import { isUniqueViolation } from '#src/db/dialect.js';
import type { UnitOfWork } from '#src/db/transactor.js';
import type { AppError } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import { ids } from '#src/platform/ids.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { InvitationsRepo } from '#src/modules/invitations/invitations.repo.js';
import { DEFAULT_SETTINGS } from '#src/modules/invitations/invitations.service.js';
import type { UsersRepo } from '#src/modules/users/users.repo.js';
import type { ProviderRow } from './providers.repo.js';

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined);

/** What a refused person is told, whatever the reason: the reason itself could reveal who is a user of the account. */
export const REFUSED_MESSAGE = 'this sign-in is not accepted by the account; ask one of its administrators (the account\'s audit trail records why)';

/** A refusal whose `reason` is for the audit trail only. */
export const refused = (reason: string): AppError & { auditReason: string } => Object.assign(appError('federated_user_refused', REFUSED_MESSAGE), { auditReason: reason });

const sameIssuer = (a: string | null, b: string) => a !== null && a.replace(/\/$/, '') === b.replace(/\/$/, '');

export function createFederatedUsers(deps: { users: UsersRepo; invitations: InvitationsRepo; audit: AuditService }) {
  return {
    /** Returns the iam_id of the person the claims name, making or binding their user as needed. */
    async resolve(uow: UnitOfWork, ctx: RequestContext, provider: ProviderRow, claims: JWTPayload, nowIso: string): Promise<{ iamId: string; created: boolean }> {
      const subject = claims.sub!;
      const email = text(claims.email, 320)?.toLowerCase();
      const verified = claims.email_verified === true || claims.email_verified === 'true';
      const names = { ...(text(claims.given_name, 100) ? { firstname: text(claims.given_name, 100) } : {}), ...(text(claims.family_name, 100) ? { lastname: text(claims.family_name, 100) } : {}) };
      const audit = (action: string, iamId: string, details: Record<string, unknown>) =>
        deps.audit.record(uow.trx, ctx, { action, target: { type: 'user', id: iamId }, outcome: 'success', status: 200, accountId: provider.account_id, actorIamId: iamId, details: { realm_id: provider.realm_id, ...details } });

      const known = await uow.trx.selectFrom('users').selectAll().where('realm', '=', provider.realm_id).where('idp_subject', '=', subject).executeTakeFirst();
      if (known) {
        if (known.account_id !== provider.account_id) throw refused('subject_bound_in_another_account');
        if (!sameIssuer(known.idp_issuer, provider.issuer)) throw refused(`subject_bound_to_another_issuer: ${known.idp_issuer ?? 'none'}`);
        if (known.state !== 'ACTIVE') throw refused(`user_${known.state.toLowerCase()}`);
        // Only an address the provider verified replaces the one on record, and only when no one else has it.
        const emailChange = email && verified && email !== known.email && !(await deps.users.findByEmail(provider.account_id, email, uow.trx)) ? { email, user_id: email } : {};
        await deps.users.updateByIamId(uow.trx, known.iam_id, { ...names, ...emailChange, last_login_at: nowIso, updated_at: nowIso });
        // An address taken over from the provider is a change to the user like any other: it is in the trail.
        if ('email' in emailChange) await audit('user-management.user.update', known.iam_id, { email: { from: known.email, to: emailChange.email }, source: 'identity provider' });
        uow.changed(TOPICS.user, known.iam_id);
        return { iamId: known.iam_id, created: false };
      }

      // Verification first: an unverified address must not reveal whether it belongs to a user.
      if (!email) throw refused('no_email_claim');
      if (!verified) throw refused('email_not_verified');
      const sameEmail = await deps.users.findByEmail(provider.account_id, email, uow.trx);
      if (sameEmail) {
        if (sameEmail.state !== 'PENDING' || sameEmail.idp_subject !== null) throw refused('email_belongs_to_another_user');
        if (provider.first_sign_in !== 'require_invitation') throw refused('invitation_not_bindable_by_this_provider');
        const invitation = await deps.invitations.findPendingForUser(sameEmail.iam_id, uow.trx);
        if (invitation) await deps.invitations.closeIfPending(uow.trx, invitation.id, 'ACCEPTED', nowIso);
        await deps.users.updateByIamId(uow.trx, sameEmail.iam_id, { ...names, realm: provider.realm_id, idp_subject: subject, idp_issuer: provider.issuer, state: 'ACTIVE', last_login_at: nowIso, updated_at: nowIso });
        uow.changed(TOPICS.user, sameEmail.iam_id);
        await audit('user-management.invitation.accept', sameEmail.iam_id, { email, federated: true });
        return { iamId: sameEmail.iam_id, created: false };
      }

      if (provider.first_sign_in !== 'create_user') throw refused('not_invited');
      const iamId = ids.user();
      try {
        await deps.users.insert(uow.trx, {
          iam_id: iamId, account_id: provider.account_id, email, user_id: email, realm: provider.realm_id, idp_subject: subject, idp_issuer: provider.issuer, firstname: names.firstname ?? '', lastname: names.lastname ?? '',
          phonenumber: '', altphonenumber: '', photo: '', state: 'ACTIVE', password_hash: null, settings: JSON.stringify(DEFAULT_SETTINGS), invited_by: null,
          added_on: nowIso, updated_at: nowIso, last_login_at: nowIso, tokens_valid_after: null,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw Object.assign(appError('federated_user_refused', 'another sign-in of the same person is being completed; sign in again'), { auditReason: 'concurrent_sign_in' });
        throw err;
      }
      uow.changed(TOPICS.user, iamId);
      await audit('user-management.user.federated-create', iamId, { email });
      return { iamId, created: true };
    },
  };
}

export type FederatedUsers = ReturnType<typeof createFederatedUsers>;
