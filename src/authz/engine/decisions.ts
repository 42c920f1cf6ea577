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

/** What a grant needs from the policy that made it (its fields never change). */
export interface GrantSource {
  readonly id: string;
  /** The group the policy is granted to (Public Access included), undefined for a direct grant. */
  readonly owner: { readonly groupId: string | undefined };
  readonly roles: { readonly roles: readonly string[] };
}

/**
 * A grant: it names the policy, the role that grants and the group it came through. Checks mostly
 * read `permitted` only, so everything else is read from the (immutable) policy on first use: the
 * grant path costs one small allocation and touches nothing beyond the policy. Read its fields (or
 * serialise it: `toJSON`); spreading it copies only `permitted` and `action`. Treat it as immutable.
 */
export class GrantDecision implements Decision {
  readonly permitted = true;
  readonly #source: GrantSource;
  /** Position in the policy's roles of the role that grants. */
  readonly #roleAt: number;
  #matched: readonly MatchedGrant[] | null = null;

  constructor(source: GrantSource, roleAt: number, readonly action: string) {
    this.#source = source;
    this.#roleAt = roleAt;
  }

  get policyId(): string {
    return this.#source.id;
  }

  get roleId(): string {
    return this.#source.roles.roles[this.#roleAt]!;
  }

  get groupId(): string | undefined {
    return this.#source.owner.groupId;
  }

  get reason(): string {
    const group = this.groupId;
    const via = group === undefined ? '' : ` through access group ${group}`;
    return `policy ${this.policyId} grants ${this.action} with role ${roleName(this.roleId)}${via}`;
  }

  get matched(): readonly MatchedGrant[] {
    if (this.#matched === null) {
      const policy_id = this.policyId;
      const role_id = this.roleId;
      const group = this.groupId;
      this.#matched = Object.freeze([Object.freeze(group === undefined ? { policy_id, role_id } : { policy_id, role_id, access_group_id: group })]);
    }
    return this.#matched;
  }

  /** Plain data, so logs and JSON answers show the same fields as a denial. */
  toJSON(): Decision {
    return { permitted: true, reason: this.reason, matched: this.matched };
  }
}
