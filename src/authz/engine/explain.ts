/**
 * Why one policy does or does not grant a request: every failing test in words, for "why may Amyra
 * delete this job?" and "why not?". Only the explain path runs this; checks never do.
 */
import { explainRule, ruleHolds } from './conditions.js';
import { roleName } from './decisions.js';
import type { CompiledPolicy } from './index-state.js';
import { describeMismatch, matcherAccepts } from './resource-match.js';
import { hasBit, type RoleRegistry } from './role-sets.js';
import { PUBLIC_ACCESS_GROUP_ID, type DecisionRequest, type PolicyExplanation } from './types.js';

export interface ExplainInput {
  readonly policy: CompiledPolicy;
  readonly request: DecisionRequest;
  /** Catalog numbers of the request's service and action; undefined when unknown. */
  readonly service: number | undefined;
  readonly action: number | undefined;
  /** A Public Access policy while Public Access is disabled in the account. */
  readonly publicDisabled: boolean;
  readonly registry: RoleRegistry;
  readonly groupId: string | undefined;
}

export function explainPolicy(input: ExplainInput): PolicyExplanation {
  const { policy: p, request, service, action, registry, groupId } = input;
  const r = request.resource;
  const reasons: string[] = [];
  if (input.publicDisabled) reasons.push('Public Access is disabled in this account');
  if (service === undefined || (p.scope.mask & (1 << service)) === 0) reasons.push(`the policy covers ${p.scope.description}, not ${r.serviceName}`);
  const instance = r.serviceInstance === '' ? undefined : r.serviceInstance;
  if (p.instance !== undefined && p.instance !== instance) {
    reasons.push(instance === undefined ? `resource has no serviceInstance (the policy names ${p.instance})` : `resource attribute serviceInstance=${instance} does not match ${p.instance}`);
  }
  for (const m of p.attrs ?? []) if (!matcherAccepts(m, r)) reasons.push(describeMismatch(m, r));
  let roleId: string | undefined;
  if (action === undefined) reasons.push(`no service defines the action ${request.action}`);
  else if (service !== undefined) {
    if (hasBit(p.roles.bits, service, action)) roleId = registry.grantingRole(p.roles, service, action);
    else reasons.push(`roles grant no such action: ${p.roles.roles.map(roleName).join(', ')} on ${r.serviceName} do not include ${request.action}`);
  }
  if (p.rule !== null && !ruleHolds(p.rule, request.now.getTime())) reasons.push(`condition not met: ${explainRule(p.rule, request.now.getTime())}`);
  const grants = reasons.length === 0 && roleId !== undefined;
  const via = groupId === undefined ? 'iam_id' : groupId === PUBLIC_ACCESS_GROUP_ID ? 'public_access' : 'access_group';
  return {
    policy_id: p.id,
    via,
    ...(groupId !== undefined ? { access_group_id: groupId } : {}),
    roles: p.roles.roles,
    grants,
    ...(grants ? { role_id: roleId } : {}),
    reasons,
  };
}
