/**
 * The decision point every route asks before it acts: may this caller take this action on this resource?
 *
 * @remarks In order: nothing is allowed across accounts (answered as "not found", so ids of other
 * accounts cannot be probed); the account owner may do everything in the account; anyone may do the
 * {@link SELF_ACTIONS} on what belongs to themselves; otherwise IAM policies decide (granted to the
 * caller directly, through their access groups, or through Public Access), allow-only and additive as
 * on IBM Cloud, deny by default.
 */
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import type { Principal } from './principal.js';
import { SELF_ACTIONS, type Action } from './actions.js';
import type { DecisionPoint } from './decision-point.js';
import type { MatchedGrant } from './engine/index.js';

export interface Resource {
  readonly accountId: string;
  /** The identity the object belongs to (an API key's owner, a user's own profile). */
  readonly ownerIamId?: string;
  readonly type: string;
  readonly id?: string;
  /**
   * IAM resource attributes beyond the account (`serviceInstance`, `resource`, `resourceType`,
   * `resourceGroupId`, `region`); `serviceName` defaults to the action's service.
   */
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface Decision {
  readonly permitted: boolean;
  readonly reason: string;
  readonly matched: readonly MatchedGrant[];
}

export interface Authorizer {
  decide(principal: Principal, action: Action | string, resource: Resource): Decision;
  /** Throws 404 for another account's resource, 403 when not permitted; returns the caller otherwise. */
  require(ctx: RequestContext, action: Action | string, resource: Resource): Principal;
}

/** The service an action belongs to: `quantum-computing.job.read` → `quantum-computing`. */
export function serviceOfAction(action: string): string {
  return action.slice(0, action.indexOf('.'));
}

const NONE: readonly MatchedGrant[] = Object.freeze([]);

export function createAuthorizer(deps: { decisions: DecisionPoint; clock: Clock }): Authorizer {
  const decide = (principal: Principal, action: string, resource: Resource): Decision => {
    if (principal.accountId !== resource.accountId) return { permitted: false, reason: 'resource belongs to another account', matched: NONE };
    if (principal.isOwner) return { permitted: true, reason: 'account owner', matched: NONE };
    if (resource.ownerIamId === principal.iamId && SELF_ACTIONS.has(action as Action)) return { permitted: true, reason: 'own resource', matched: NONE };
    if (!deps.decisions.trusted) {
      throw appError('service_unavailable', 'access policies are being resynchronized; retry in a moment', undefined, { 'Retry-After': '1' });
    }
    const attributes = resource.attributes ?? {};
    return deps.decisions.decide({
      subject: { iamId: principal.iamId, accountId: principal.accountId },
      action,
      resource: { accountId: resource.accountId, serviceName: attributes.serviceName ?? serviceOfAction(action), ...attributes },
      now: deps.clock.now(),
    });
  };
  return {
    decide,
    require(ctx, action, resource) {
      const principal = ctx.principal;
      if (!principal) throw appError('missing_token', 'authentication required: send Authorization: Bearer <access token>');
      const decision = decide(principal, action, resource);
      if (decision.permitted) return principal;
      if (principal.accountId !== resource.accountId) {
        throw appError('not_found', `${resource.type}${resource.id ? ` ${resource.id}` : ''} not found`, { action });
      }
      throw appError('insufficient_permissions', `you are not permitted to ${action} on this ${resource.type}`, { action });
    },
  };
}
