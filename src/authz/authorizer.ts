/**
 * The decision point every route asks before it acts: may this caller take this action on this resource?
 *
 * @remarks Rules in force now: nothing is allowed across accounts (answered as "not found", so ids of
 * other accounts cannot be probed); the account owner may do everything in the account; anyone may do
 * the {@link SELF_ACTIONS} on what belongs to themselves; everything else is denied. Policies and
 * access groups extend this point, never bypass it.
 */
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Principal } from './principal.js';
import { SELF_ACTIONS, type Action } from './actions.js';

export interface Resource {
  readonly accountId: string;
  /** The identity the object belongs to (an API key's owner, a user's own profile). */
  readonly ownerIamId?: string;
  readonly type: string;
  readonly id?: string;
  /**
   * IAM resource attributes beyond the account (`serviceInstance`, `resource`, `resourceType`,
   * `resourceGroupId`); `serviceName` defaults to the action's service.
   */
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface Decision {
  readonly permitted: boolean;
  readonly reason: string;
}

export interface Authorizer {
  decide(principal: Principal, action: Action, resource: Resource): Decision;
  /** Throws 404 for another account's resource, 403 when not permitted; returns the caller otherwise. */
  require(ctx: RequestContext, action: Action, resource: Resource): Principal;
}

export function createAuthorizer(): Authorizer {
  const decide = (principal: Principal, action: Action, resource: Resource): Decision => {
    if (principal.accountId !== resource.accountId) return { permitted: false, reason: 'resource belongs to another account' };
    if (principal.isOwner) return { permitted: true, reason: 'account owner' };
    if (resource.ownerIamId === principal.iamId && SELF_ACTIONS.has(action)) return { permitted: true, reason: 'own resource' };
    return { permitted: false, reason: 'no policy grants this action' };
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
