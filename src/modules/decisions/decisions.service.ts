/**
 * The decision API: `POST /v2/authz` answers "may S do A on R" for a batch, and the explain view
 * says why (or why not), policy by policy. Answers come from the same decision point every route
 * asks, so they are exactly what qgate will do.
 */
import { ACTIONS } from '#src/authz/actions.js';
import { serviceOfAction, type Authorizer, type Resource } from '#src/authz/authorizer.js';
import type { DecisionPoint } from '#src/authz/decision-point.js';
import type { Principal } from '#src/authz/principal.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import type { IdentityStates } from '#src/modules/tokens/identity-states.js';

export interface DecisionQuestion {
  subject: { attributes: { id: string; scope?: string } };
  action: string;
  resource: { crn?: string; attributes?: Record<string, string> };
}

/** Reads an IBM CRN into resource attributes; undefined when it is not one. */
export function resourceFromCrn(crn: string): (Record<string, string> & { accountId: string }) | undefined {
  const parts = crn.split(':');
  if (parts.length !== 10 || parts[0] !== 'crn' || parts[1] !== 'v1') return undefined;
  const [, , , , service, location, scope, instance, type, resource] = parts as [string, string, string, string, string, string, string, string, string, string];
  const account = /^a\/([A-Za-z0-9-]+)$/.exec(scope)?.[1];
  if (!account) return undefined;
  return {
    accountId: account,
    ...(service ? { serviceName: service } : {}),
    ...(location ? { region: location } : {}),
    ...(instance ? { serviceInstance: instance } : {}),
    ...(type ? { resourceType: type } : {}),
    ...(resource ? { resource } : {}),
  };
}

export function createDecisionsService(deps: { authorizer: Authorizer; decisions: DecisionPoint; states: IdentityStates; clock: Clock }) {
  /** The identity a question is about, as a principal of the caller's account; undefined when there is none. */
  const subjectPrincipal = async (iamId: string, accountId: string): Promise<Principal | undefined> => {
    if (iamId.startsWith('iam-ServiceId-')) {
      const s = await deps.states.serviceId(iamId);
      return s && s.accountId === accountId ? { iamId, accountId, kind: 'serviceid', name: s.name, email: undefined, isOwner: false, apiKeyId: undefined } : undefined;
    }
    const u = await deps.states.user(iamId);
    if (!u || u.accountId !== accountId || u.state !== 'ACTIVE') return undefined;
    return { iamId, accountId, kind: 'user', name: u.email, email: u.email, isOwner: u.isOwner, apiKeyId: undefined };
  };

  const resourceOf = (q: DecisionQuestion, index: number): Resource => {
    const attrs = q.resource.crn ? resourceFromCrn(q.resource.crn) : q.resource.attributes;
    if (!attrs) throw appError('invalid_body', `field '${index}.resource.crn' is not a CRN (crn:v1:<cname>:<ctype>:<service>:<region>:a/<account>:<instance>:<type>:<resource>)`);
    const { accountId, ...rest } = attrs;
    if (!accountId) throw appError('invalid_body', `field '${index}.resource.attributes.accountId' is required`);
    return { accountId, type: 'resource', attributes: { serviceName: rest.serviceName ?? serviceOfAction(q.action), ...rest } };
  };

  /** Asking about someone else needs the right to read the account's access (Viewer on IAM Access Management). */
  const mayAsk = (ctx: RequestContext, questions: DecisionQuestion[]) => {
    const caller = ctx.principal!;
    if (questions.some((q) => q.subject.attributes.id !== caller.iamId)) {
      deps.authorizer.require(ctx, ACTIONS.authzCheck, { accountId: caller.accountId, type: 'access decisions', attributes: { serviceName: 'iam-access-management' } });
    }
  };

  return {
    async decide(ctx: RequestContext, questions: DecisionQuestion[]) {
      mayAsk(ctx, questions);
      const caller = ctx.principal!;
      const decisions = [];
      for (const [i, q] of questions.entries()) {
        const resource = resourceOf(q, i);
        const subject = await subjectPrincipal(q.subject.attributes.id, caller.accountId);
        if (!subject) {
          decisions.push({ permitted: false, reason: 'the subject is not an active identity of this account', matched: [] });
          continue;
        }
        const d = deps.authorizer.decide(subject, q.action, resource);
        decisions.push({ permitted: d.permitted, reason: d.reason, matched: [...d.matched] });
      }
      return { decisions };
    },

    /** Every policy that reaches the subject, and whether and why it grants (or not) this action here. */
    async explain(ctx: RequestContext, q: DecisionQuestion) {
      mayAsk(ctx, [q]);
      const caller = ctx.principal!;
      const resource = resourceOf(q, 0);
      const subject = await subjectPrincipal(q.subject.attributes.id, caller.accountId);
      if (!subject) return { permitted: false, reason: 'the subject is not an active identity of this account', matched: [], policies: [] };
      const decision = deps.authorizer.decide(subject, q.action, resource);
      const explanation = deps.decisions.explain({
        subject: { iamId: subject.iamId, accountId: subject.accountId },
        action: q.action,
        resource: { accountId: resource.accountId, serviceName: resource.attributes!.serviceName!, ...resource.attributes },
        now: deps.clock.now(),
      });
      return { permitted: decision.permitted, reason: decision.reason, matched: [...decision.matched], policies: explanation.policies.map((p) => ({ ...p, roles: [...p.roles], reasons: [...p.reasons] })) };
    },
  };
}

export type DecisionsService = ReturnType<typeof createDecisionsService>;
