/**
 * Shared, frozen answers: a denial allocates nothing, and a grant is built once per policy and
 * action, then reused.
 */
import type { Decision, MatchedGrant } from './types.js';

const NONE: readonly MatchedGrant[] = Object.freeze([]);

const deny = (reason: string): Decision => Object.freeze({ permitted: false, reason, matched: NONE });

export const DENY_OTHER_ACCOUNT = deny('the resource belongs to another account');
export const DENY_UNKNOWN_SERVICE = deny('no such service');
export const DENY_UNKNOWN_ACTION = deny('no service defines this action');
export const DENY_NO_GRANT = deny('no policy grants this action on this resource');

/** The last segment of a role CRN: `Writer`, `JobDeleter`. */
export const roleName = (crn: string): string => crn.slice(crn.lastIndexOf(':') + 1);

/**
 * A grant: it names the policy, the role that grants and the group it came through. Checks mostly
 * read `permitted` only, so the reason and the `matched` list are built on first read, keeping
 * the grant path to one small allocation. Treat it as immutable.
 */
export class GrantDecision implements Decision {
  readonly permitted = true;
  private matchedList: readonly MatchedGrant[] | null = null;
  constructor(
    readonly policyId: string,
    readonly roleId: string,
    readonly groupId: string | undefined,
    readonly action: string,
  ) {}

  get reason(): string {
    const via = this.groupId === undefined ? '' : ` through access group ${this.groupId}`;
    return `policy ${this.policyId} grants ${this.action} with role ${roleName(this.roleId)}${via}`;
  }

  get matched(): readonly MatchedGrant[] {
    if (this.matchedList === null) {
      const { policyId: policy_id, roleId: role_id, groupId } = this;
      this.matchedList = Object.freeze([Object.freeze(groupId === undefined ? { policy_id, role_id } : { policy_id, role_id, access_group_id: groupId })]);
    }
    return this.matchedList;
  }

  /** Plain data, so logs and JSON answers show the same fields as a denial. */
  toJSON(): Decision {
    return { permitted: true, reason: this.reason, matched: this.matched };
  }
}
