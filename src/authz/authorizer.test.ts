import { describe, expect, it } from 'vitest';
import { ACTIONS, SELF_ACTIONS, type Action } from './actions.js';
import { createAuthorizer } from './authorizer.js';
import type { DecisionPoint } from './decision-point.js';
import { createManualClock } from '#src/platform/clock.js';
import type { Principal } from './principal.js';

const person = (over: Partial<Principal> = {}): Principal => ({ iamId: 'QGid-A', accountId: 'acct', kind: 'user', name: 'A', email: 'a@x', isOwner: false, apiKeyId: undefined, ...over });
// No policies at all: what remains is the owner, self-service and cross-account rules.
const noPolicies = { trusted: true, decide: () => ({ permitted: false, reason: 'no policy', matched: [] }) } as unknown as DecisionPoint;
const authz = createAuthorizer({ decisions: noPolicies, clock: createManualClock() });
const ctx = (principal: Principal | undefined) => ({ principal, requestId: 'r', ip: '' });

describe('authorizer without policies', () => {
  const all = Object.values(ACTIONS) as Action[];

  it.each(all)('the owner may %s in their account, nobody may across accounts', (action) => {
    expect(authz.decide(person({ isOwner: true }), action, { accountId: 'acct', type: 't' }).permitted).toBe(true);
    expect(authz.decide(person({ isOwner: true }), action, { accountId: 'other', type: 't' }).permitted).toBe(false);
  });

  it.each(all)('a member may %s on their own things only if it is a self action', (action) => {
    const own = authz.decide(person(), action, { accountId: 'acct', ownerIamId: 'QGid-A', type: 't' }).permitted;
    expect(own).toBe(SELF_ACTIONS.has(action));
    expect(authz.decide(person(), action, { accountId: 'acct', ownerIamId: 'QGid-B', type: 't' }).permitted).toBe(false);
    expect(authz.decide(person(), action, { accountId: 'acct', type: 't' }).permitted).toBe(false);
  });

  it('answers 401 without a caller, 404 across accounts and 403 otherwise', () => {
    expect(() => authz.require(ctx(undefined), ACTIONS.userList, { accountId: 'acct', type: 't' })).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => authz.require(ctx(person()), ACTIONS.userList, { accountId: 'other', type: 't' })).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => authz.require(ctx(person()), ACTIONS.userList, { accountId: 'acct', type: 't' })).toThrow(expect.objectContaining({ status: 403 }));
  });
});
