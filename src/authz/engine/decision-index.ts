/**
 * The decision point's engine: every policy, custom role and group membership of every account in
 * memory, indexed so that a check reads a handful of objects and allocates nothing.
 *
 * A check on an instance reads two packed records: the caller's (its owner number and its groups')
 * and the instance's (per policy naming it: owner number, gate, slot), and keeps the policies whose
 * owner is the caller, one of the caller's groups, or Public Access: integer comparisons, no
 * lookups per group. Policies not tied to one instance are read from the caller and its groups only
 * when there are any. A policy grants when it covers the service (a
 * bit of its scope), one of its roles grants the action there (a bit of its role set), its other
 * resource attributes match, and its time conditions hold at `now`. Grants are additive and nothing
 * crosses accounts.
 *
 * Room for explicit denies: a deny layer would be a second set of posting lists and owner lists
 * per account, scanned first in {@link DecisionIndex.decide}; a match there would return a deny
 * decision naming the policy. Nothing else would change.
 */
import { compileRule, ruleHolds } from './conditions.js';
import { DENY_NO_GRANT, DENY_OTHER_ACCOUNT, DENY_UNKNOWN_ACTION, DENY_UNKNOWN_SERVICE, GrantDecision } from './decisions.js';
import { explainPolicy } from './explain.js';
import { AccountState, CompiledPolicy, dropFrom, Gate, GroupState, POSTING_STRIDE, POSTINGS_SCAN_LIMIT, PUBLIC_ORD, pushTo, SubjectEntry, type Owner } from './index-state.js';
import { addPosting, instanceKey, policiesOf, removePosting } from './postings.js';
import { parsePolicy } from './parse-policy.js';
import { hashOf } from './packed-table.js';
import { compileMatcher, matchersAccept, SCOPE_ATTRIBUTES, SERVICE_INDEX, scopeOf, type ServiceScope } from './resource-match.js';
import { ACTION_INDEX, RoleRegistry, WORDS, type RoleSet } from './role-sets.js';
import {
  PUBLIC_ACCESS_GROUP_ID,
  type CustomRoleInput,
  type Decision,
  type DecisionRequest,
  type Explanation,
  type FieldError,
  type MatchedGrant,
  type MembershipInput,
  type PolicyExplanation,
  type PolicySpec,
} from './types.js';

/** Everything the index holds, for {@link DecisionIndex.load}. */
export interface IndexSnapshot {
  /** Active policies (v1 or v2 JSON with their `id`) and the account each belongs to. */
  readonly policies: readonly { readonly accountId: string; readonly policy: unknown }[];
  readonly roles?: readonly CustomRoleInput[];
  readonly memberships?: readonly MembershipInput[];
  /** Accounts whose Public Access setting is not the default (enabled). */
  readonly publicAccess?: readonly { readonly accountId: string; readonly enabled: boolean }[];
}

export interface LoadReport {
  readonly indexed: number;
  /** Policies left out because they are malformed: they grant nothing. */
  readonly skipped: readonly { readonly policy_id: string | undefined; readonly errors: readonly FieldError[] }[];
}

export interface IndexStats {
  readonly accounts: number;
  readonly policies: number;
  readonly memberships: number;
  readonly groups: number;
  readonly subjects: number;
  readonly customRoles: number;
  readonly roleSets: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A policy's account attribute that names another account: it can never match. */
const NO_SERVICES = (accountId: string): ServiceScope => ({ mask: 0, description: `accountId=${accountId}, another account` });

/** The in-memory decision index over many accounts. Create with {@link createDecisionIndex}. */
export class DecisionIndex {
  private readonly accounts = new Map<string, AccountState>();
  private readonly policies = new Map<string, CompiledPolicy>();
  /** Group id → its state in each account that mentions it (normally exactly one). */
  private readonly groups = new Map<string, GroupState[]>();
  private readonly roles = new RoleRegistry();
  /** Shared gates by services mask and role set. */
  private readonly gates = new Map<string, Gate>();
  /** Gates by id, as instance records name them. */
  private gateList: (Gate | undefined)[] = [];
  private readonly freeGateIds: number[] = [];
  /** Accounts with stale records, rewritten before a mutation returns. */
  private readonly stale = new Set<AccountState>();
  /** The caller's owner numbers during a check (0: none): itself, its first three groups, Public Access. */
  private self = 0;
  private g0 = 0;
  private g1 = 0;
  private g2 = 0;
  private everyone = 0;
  /** Checks asked again because a record found by hash was another key's (rare; tests read it). */
  private retries = 0;
  /** The owner number of the instance-record policy that granted during the current check, else 0. */
  private grantOwner = 0;
  /** Where the caller's record lists its groups, and how many (more than three is rare). */
  private groupInts: Int32Array = new Int32Array(0);
  private groupsAt = 0;
  private groupCount = 0;
  private membershipCount = 0;
  /** The gate of the posting that granted during the current check, if one did. */
  private hit: Gate | null = null;

  // ---------------------------------------------------------------------------------------------
  // Mutations

  /**
   * Adds or replaces a policy (v1 or v2 JSON with its `id`) of an account. A malformed policy is not
   * indexed (and replaces nothing: any previous version with its id is removed, failing closed);
   * its errors are returned. A policy with `state: "deleted"` is removed.
   */
  upsertPolicy(accountId: string, policy: unknown): readonly FieldError[] {
    const errors = this.compilePolicy(accountId, policy);
    this.refresh();
    return errors;
  }

  /** {@link upsertPolicy} without rewriting the stale records (a bulk load does that once per account). */
  private compilePolicy(accountId: string, policy: unknown): readonly FieldError[] {
    const id = isObject(policy) && typeof policy.id === 'string' ? policy.id : undefined;
    const existing = id === undefined ? undefined : this.policies.get(id);
    if (isObject(policy) && policy.state === 'deleted') {
      if (existing) this.detach(existing);
      return [];
    }
    const parsed = parsePolicy(policy);
    if (!parsed.ok) {
      if (existing) this.detach(existing);
      return parsed.errors;
    }
    if (parsed.value.id === undefined) return [{ field: 'id', message: 'id: is required' }];
    this.applySpec(accountId, parsed.value);
    return [];
  }

  /** Adds or replaces an already parsed policy (its `id` is required). */
  upsertSpec(accountId: string, spec: PolicySpec): void {
    this.applySpec(accountId, spec);
    this.refresh();
  }

  private applySpec(accountId: string, spec: PolicySpec): void {
    const id = spec.id;
    if (id === undefined) throw new TypeError('policy id is required');
    const existing = this.policies.get(id);
    if (existing) this.detach(existing);

    const account = this.account(accountId);
    const owner: Owner =
      spec.subject.kind === 'iam_id' ? this.subject(account, spec.subject.value) : spec.subject.value === PUBLIC_ACCESS_GROUP_ID ? account : this.group(account, spec.subject.value);
    const accountAttr = spec.resource.find((c) => c.name === 'accountId')?.value;
    const scope = accountAttr === accountId ? scopeOf(spec.resource) : NO_SERVICES(String(accountAttr));
    const keyed = spec.resource.find((c) => c.name === 'serviceInstance' && c.operator === 'stringEquals');
    const narrowing = spec.resource.filter((c) => !SCOPE_ATTRIBUTES.has(c.name) && c !== keyed).map(compileMatcher);
    const roles = this.roles.acquire(accountId, spec.roles);
    const policy = new CompiledPolicy(
      id,
      owner,
      keyed === undefined ? undefined : instanceKey(account, keyed.value as string),
      scope,
      roles,
      narrowing.length > 0 ? narrowing : null,
      spec.rule === undefined ? null : compileRule(spec.rule),
      keyed !== undefined && narrowing.length === 0 && spec.rule === undefined ? this.acquireGate(scope.mask, roles) : null,
    );
    this.policies.set(id, policy);
    if (owner instanceof SubjectEntry || owner instanceof GroupState) owner.policyCount += 1;
    if (policy.instance !== undefined) addPosting(account, policy.instance, policy);
    else this.addOther(owner, policy);
    this.stale.add(account);
  }

  /** Removes a policy; false when it was not indexed. */
  removePolicy(id: string): boolean {
    const policy = this.policies.get(id);
    if (!policy) return false;
    this.detach(policy);
    this.refresh();
    return true;
  }

  /** Adds or replaces a custom role; the policies that name it change at once. */
  upsertCustomRole(role: CustomRoleInput): void {
    this.roles.setCustomRole(role);
  }

  /** Removes a custom role: policies that name it keep their other roles. */
  removeCustomRole(crn: string): boolean {
    return this.roles.deleteCustomRole(crn);
  }

  /** Makes an identity a member of a group of the account. Public Access needs no members. */
  addMember(accountId: string, groupId: string, iamId: string): void {
    this.join(accountId, groupId, iamId);
    this.refresh();
  }

  private join(accountId: string, groupId: string, iamId: string): void {
    if (groupId === PUBLIC_ACCESS_GROUP_ID) return;
    const account = this.account(accountId);
    const group = this.group(account, groupId);
    const subject = this.subject(account, iamId);
    if (subject.hasGroup(group)) return;
    subject.addGroup(group);
    group.members.push(subject);
    if (group.other !== null) subject.reachOther += 1;
    this.membershipCount += 1;
    this.staleSubject(subject);
  }

  /** Ends a membership; false when there was none. */
  removeMember(groupId: string, iamId: string): boolean {
    let removed = false;
    for (const group of [...(this.groups.get(groupId) ?? [])]) {
      const subject = group.account.subjects.get(iamId);
      if (!subject?.hasGroup(group)) continue;
      this.leave(subject, group);
      group.members.splice(group.members.indexOf(subject), 1);
      removed = true;
      this.tidySubject(subject);
      this.tidyGroup(group);
    }
    this.refresh();
    return removed;
  }

  /** Removes a group with its memberships and the policies granted to it. */
  removeGroup(groupId: string): void {
    // Public Access cannot be deleted; its policies go with the account setting or one by one.
    if (groupId === PUBLIC_ACCESS_GROUP_ID) return;
    for (const group of [...(this.groups.get(groupId) ?? [])]) {
      for (const subject of group.members) {
        this.leave(subject, group);
        this.tidySubject(subject);
      }
      group.members.length = 0;
      for (const policy of policiesOf(group.account, (owner) => owner === group)) this.detach(policy);
      this.tidyGroup(group);
    }
    this.refresh();
  }

  /** Turns the Public Access group of an account on or off (IBM: on by default). */
  setPublicAccess(accountId: string, enabled: boolean): void {
    this.account(accountId).publicEnabled = enabled;
  }

  clear(): void {
    this.accounts.clear();
    this.gates.clear();
    this.gateList = [];
    this.freeGateIds.length = 0;
    this.stale.clear();
    this.policies.clear();
    this.groups.clear();
    this.roles.clear();
    this.membershipCount = 0;
  }

  /**
   * Replaces everything with a snapshot. Custom roles go first, so each policy compiles once; then
   * one account at a time (its policies, then its memberships), so the objects a check of that
   * account reads were allocated together, and its maps are rebuilt at their final size.
   */
  load(snapshot: IndexSnapshot): LoadReport {
    this.clear();
    for (const role of snapshot.roles ?? []) this.upsertCustomRole(role);
    const byAccount = new Map<string, { policies: unknown[]; memberships: MembershipInput[] }>();
    const slot = (accountId: string) => {
      let s = byAccount.get(accountId);
      if (!s) byAccount.set(accountId, (s = { policies: [], memberships: [] }));
      return s;
    };
    for (const { accountId, policy } of snapshot.policies) slot(accountId).policies.push(policy);
    for (const m of snapshot.memberships ?? []) slot(m.accountId).memberships.push(m);
    const skipped: { policy_id: string | undefined; errors: readonly FieldError[] }[] = [];
    let indexed = 0;
    for (const [accountId, { policies, memberships }] of byAccount) {
      for (const policy of policies) {
        const errors = this.compilePolicy(accountId, policy);
        if (errors.length > 0) skipped.push({ policy_id: isObject(policy) && typeof policy.id === 'string' ? policy.id : undefined, errors });
        else indexed += 1;
      }
      for (const m of memberships) this.join(accountId, m.groupId, m.iamId);
      const account = this.accounts.get(accountId);
      if (account !== undefined) {
        account.repack();
        this.stale.delete(account);
      }
    }
    this.refresh();
    for (const p of snapshot.publicAccess ?? []) this.setPublicAccess(p.accountId, p.enabled);
    return { indexed, skipped };
  }

  stats(): IndexStats {
    let groups = 0;
    let subjects = 0;
    for (const a of this.accounts.values()) {
      groups += a.groups.size;
      subjects += a.subjects.size;
    }
    return {
      accounts: this.accounts.size,
      policies: this.policies.size,
      memberships: this.membershipCount,
      groups,
      subjects,
      customRoles: this.roles.customRoleCount,
      roleSets: this.roles.roleSetCount,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Decisions

  /**
   * May the subject take the action on the resource at `now`? Deny by default; a denial is a shared
   * frozen object. A grant names one policy that grants (the first found); {@link explain} lists all.
   */
  decide(request: DecisionRequest): Decision {
    return this.check(request, false);
  }

  /**
   * {@link decide}; `exact` compares the keys of both records before reading them, which only the
   * rare retry needs (a grant from a record that turned out to be another key's).
   */
  private check(request: DecisionRequest, exact: boolean): Decision {
    const resource = request.resource;
    const subject = request.subject;
    if (subject.accountId !== resource.accountId) return DENY_OTHER_ACCOUNT;
    const service = SERVICE_INDEX.get(resource.serviceName);
    if (service === undefined) return DENY_UNKNOWN_SERVICE;
    const action = ACTION_INDEX.get(request.action);
    if (action === undefined) return DENY_UNKNOWN_ACTION;
    const account = this.accounts.get(resource.accountId);
    if (account === undefined) return DENY_NO_GRANT;
    // At scale each lookup waits for memory: both keys are hashed first (reading both request
    // strings at once), then both records are found, the two waits overlapping. While no two keys
    // of a table share a hash, the record found by hash is the key's own or the key has none; a
    // record only ever adds owners or policies, so a denial needs no key compared, and a grant
    // compares the keys of the records it came from (below).
    const instance = resource.serviceInstance;
    const iamId = subject.iamId;
    const keyed = instance !== undefined && instance !== '';
    const instanceHash = keyed ? hashOf(instance) : 0;
    const subjectHash = hashOf(iamId);
    const instances = account.instances;
    const people = account.people;
    const trust = !exact && instances.unique && people.unique;
    const postings = !keyed ? -1 : trust ? instances.find(instanceHash) : instances.findExactly(instance, instanceHash);
    const me = trust ? people.find(subjectHash) : people.findExactly(iamId, subjectHash);
    this.grantOwner = 0;

    // The caller's record: in its slot, or (more than three groups) in the table's heap.
    let reachesOther = false;
    if (me >= 0) {
      let ints = people.slots;
      let at = me + 3;
      if (ints[me + 2]! < 0) {
        at = ints[me + 3]!;
        ints = people.heap;
      }
      this.self = ints[at]!;
      const info = ints[at + 1]!;
      reachesOther = (info & 1) !== 0;
      const count = info >>> 1;
      this.groupCount = count;
      this.groupInts = ints;
      this.groupsAt = at + 2;
      this.g0 = count > 0 ? ints[at + 2]! : 0;
      this.g1 = count > 1 ? ints[at + 3]! : 0;
      this.g2 = count > 2 ? ints[at + 4]! : 0;
    } else {
      this.self = this.g0 = this.g1 = this.g2 = this.groupCount = 0;
    }
    this.everyone = account.publicEnabled ? PUBLIC_ORD : 0;

    const word = service * WORDS + (action >>> 5);
    const bit = 1 << (action & 31);
    const serviceBit = 1 << service;
    let found: CompiledPolicy | null = null;
    if (postings >= 0) {
      // The instance's record: in its slot, or (more than nine policies) in the table's heap.
      let ints = instances.slots;
      let at = postings + 3;
      if (ints[postings + 2]! < 0) {
        at = ints[postings + 3]!;
        ints = instances.heap;
      }
      const count = ints[at]!;
      found =
        count <= POSTINGS_SCAN_LIMIT
          ? this.scanPostings(ints, at + 1, count, account, request, serviceBit, word, bit)
          : this.searchPostings(ints, at + 1, count, account, request, serviceBit, word, bit);
    }
    if (found === null && reachesOther) {
      // The flag came from the record found by hash: the entry itself is looked up by its key.
      const entry = account.subjects.get(iamId);
      if (entry !== undefined) found = this.scanOthers(entry, request, serviceBit, word, bit);
    }
    if (found === null && account.publicOther !== null && account.publicEnabled) found = this.scanList(account.publicOther, request, serviceBit, word, bit);
    if (found === null) return DENY_NO_GRANT;
    // A grant from the instance's record (and, unless through Public Access, the caller's) stands
    // only if they are the request's own; otherwise ask again, comparing keys first.
    if (trust && this.grantOwner !== 0 && (!instances.holds(postings, instance!) || (this.grantOwner !== PUBLIC_ORD && !people.holds(me, iamId)))) {
      this.hit = null;
      this.retries += 1;
      return this.check(request, true);
    }
    // The gate that granted holds the policy's roles: the policy itself is not read.
    const roles = this.hit !== null ? this.hit.roles : found.roles;
    this.hit = null;
    return new GrantDecision(found, this.roles.grantingRoleAt(roles, service, action), request.action);
  }

  /**
   * The decision with its reasons: every policy that applies to the subject (directly, through which
   * group, or through Public Access) and why it does or does not grant. `matched` lists every policy
   * that grants.
   */
  explain(request: DecisionRequest): Explanation {
    const resource = request.resource;
    const subject = request.subject;
    if (subject.accountId !== resource.accountId) return { permitted: false, reason: DENY_OTHER_ACCOUNT.reason, matched: [], policies: [] };
    const account = this.accounts.get(resource.accountId);
    const applicable: { policy: CompiledPolicy; publicDisabled: boolean }[] = [];
    if (account) {
      // Direct policies first, then each group's in membership order, then Public Access.
      const entry = account.subjects.get(subject.iamId);
      const owners: Owner[] = entry ? [entry, ...entry.groups(), account] : [account];
      const all = policiesOf(account, (owner) => owners.includes(owner));
      for (const owner of owners) for (const p of all) if (p.owner === owner) applicable.push({ policy: p, publicDisabled: owner === account && !account.publicEnabled });
    }
    const service = SERVICE_INDEX.get(resource.serviceName);
    const action = ACTION_INDEX.get(request.action);
    const policies: PolicyExplanation[] = applicable.map(({ policy, publicDisabled }) =>
      explainPolicy({ policy, request, service, action, publicDisabled, registry: this.roles, groupId: groupIdOf(policy) }),
    );
    const matched: MatchedGrant[] = policies
      .filter((p) => p.grants)
      .map((p) => (p.access_group_id === undefined ? { policy_id: p.policy_id, role_id: p.role_id! } : { policy_id: p.policy_id, role_id: p.role_id!, access_group_id: p.access_group_id }));
    if (matched.length > 0) {
      const first = this.policies.get(matched[0]!.policy_id)!;
      const reason = new GrantDecision(first, this.roles.grantingRoleAt(first.roles, service!, action!), request.action).reason;
      return { permitted: true, reason, matched, policies };
    }
    const denial = service === undefined ? DENY_UNKNOWN_SERVICE : action === undefined ? DENY_UNKNOWN_ACTION : DENY_NO_GRANT;
    return { permitted: false, reason: denial.reason, matched: [], policies };
  }

  // ---------------------------------------------------------------------------------------------
  // Checks

  /** Whether an owner number is the caller or one of its groups beyond the first three. */
  private isCaller(owner: number): boolean {
    if (owner === this.self || owner === this.g0 || owner === this.g1 || owner === this.g2 || owner === this.everyone) return true;
    const groups = this.groupInts;
    for (let i = 3; i < this.groupCount; i++) if (groups[this.groupsAt + i] === owner) return true;
    return false;
  }

  /** A short instance record: keep the policies whose owner is the caller, one of its groups, or Public Access. */
  private scanPostings(ints: Int32Array, from: number, count: number, account: AccountState, request: DecisionRequest, serviceBit: number, word: number, bit: number): CompiledPolicy | null {
    const self = this.self;
    const g0 = this.g0;
    const g1 = this.g1;
    const g2 = this.g2;
    const everyone = this.everyone;
    const end = from + count * POSTING_STRIDE;
    for (let i = from; i < end; i += POSTING_STRIDE) {
      // Owner numbers start at 1, so a 0 above (no entry, no such group, Public Access off) matches nothing.
      const owner = ints[i]!;
      if (owner === self || owner === g0 || owner === g1 || owner === g2 || owner === everyone || (this.groupCount > 3 && this.isCaller(owner))) {
        const found = this.tryPosting(ints, i, account, request, serviceBit, word, bit);
        if (found !== null) {
          this.grantOwner = owner;
          return found;
        }
      }
    }
    return null;
  }

  /** A long instance record is sorted by owner: look up the caller, each of its groups, and Public Access. */
  private searchPostings(ints: Int32Array, from: number, count: number, account: AccountState, request: DecisionRequest, serviceBit: number, word: number, bit: number): CompiledPolicy | null {
    const owners = [this.self, this.everyone];
    for (let i = 0; i < this.groupCount; i++) owners.push(this.groupInts[this.groupsAt + i]!);
    for (const owner of owners) {
      if (owner === 0) continue;
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ints[from + mid * POSTING_STRIDE]! < owner) lo = mid + 1;
        else hi = mid;
      }
      for (let i = from + lo * POSTING_STRIDE; lo < count && ints[i] === owner; i += POSTING_STRIDE, lo++) {
        const found = this.tryPosting(ints, i, account, request, serviceBit, word, bit);
        if (found !== null) {
          this.grantOwner = owner;
          return found;
        }
      }
    }
    return null;
  }

  /** One policy of an instance record: its gate decides without reading the policy; without a gate, the policy is tested. */
  private tryPosting(ints: Int32Array, i: number, account: AccountState, request: DecisionRequest, serviceBit: number, word: number, bit: number): CompiledPolicy | null {
    const gateId = ints[i + 1]!;
    if (gateId >= 0) {
      const gate = this.gateList[gateId]!;
      if ((gate.mask & serviceBit) === 0 || (gate.roles.bits[word]! & bit) === 0) return null;
      this.hit = gate;
      return account.policySlots[ints[i + 2]!]!;
    }
    const p = account.policySlots[ints[i + 2]!]!;
    return this.grants(p, request, serviceBit, word, bit) ? p : null;
  }

  /** Policies of the caller and its groups that are not tied to one instance. */
  private scanOthers(entry: SubjectEntry, request: DecisionRequest, serviceBit: number, word: number, bit: number): CompiledPolicy | null {
    let found: CompiledPolicy | null = null;
    if (entry.other !== null) found = this.scanList(entry.other, request, serviceBit, word, bit);
    if (found === null && entry.g0?.other) found = this.scanList(entry.g0.other, request, serviceBit, word, bit);
    if (found === null && entry.g1?.other) found = this.scanList(entry.g1.other, request, serviceBit, word, bit);
    if (found === null && entry.g2?.other) found = this.scanList(entry.g2.other, request, serviceBit, word, bit);
    if (found === null && entry.more !== null) {
      for (const g of entry.more) {
        if (g.other !== null) found = this.scanList(g.other, request, serviceBit, word, bit);
        if (found !== null) break;
      }
    }
    return found;
  }

  private scanList(list: readonly CompiledPolicy[], request: DecisionRequest, serviceBit: number, word: number, bit: number): CompiledPolicy | null {
    for (let i = 0; i < list.length; i++) if (this.grants(list[i]!, request, serviceBit, word, bit)) return list[i]!;
    return null;
  }

  private grants(p: CompiledPolicy, request: DecisionRequest, serviceBit: number, word: number, bit: number): boolean {
    return (
      (p.scope.mask & serviceBit) !== 0 &&
      (p.roles.bits[word]! & bit) !== 0 &&
      (p.attrs === null || matchersAccept(p.attrs, request.resource)) &&
      (p.rule === null || ruleHolds(p.rule, request.now.getTime()))
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Bookkeeping

  private addOther(owner: Owner, policy: CompiledPolicy): void {
    if (owner instanceof SubjectEntry) {
      if (owner.other === null) {
        owner.reachOther += 1;
        this.staleSubject(owner);
      }
      owner.other = pushTo(owner.other, policy);
    } else if (owner instanceof GroupState) {
      if (owner.other === null) {
        for (const m of owner.members) {
          m.reachOther += 1;
          this.staleSubject(m);
        }
      }
      owner.other = pushTo(owner.other, policy);
    } else {
      owner.publicOther = pushTo(owner.publicOther, policy);
    }
  }

  private dropOther(owner: Owner, policy: CompiledPolicy): void {
    if (owner instanceof SubjectEntry) {
      owner.other = dropFrom(owner.other, policy);
      if (owner.other === null) {
        owner.reachOther -= 1;
        this.staleSubject(owner);
      }
    } else if (owner instanceof GroupState) {
      owner.other = dropFrom(owner.other, policy);
      if (owner.other === null) {
        for (const m of owner.members) {
          m.reachOther -= 1;
          this.staleSubject(m);
        }
      }
    } else {
      owner.publicOther = dropFrom(owner.publicOther, policy);
    }
  }

  private acquireGate(mask: number, roles: RoleSet): Gate {
    const key = `${mask}\n${roles.key}`;
    let gate = this.gates.get(key);
    if (gate === undefined || gate.roles !== roles) {
      gate = new Gate(this.freeGateIds.pop() ?? this.gateList.length, key, mask, roles);
      this.gateList[gate.id] = gate;
      this.gates.set(key, gate);
    }
    gate.refs += 1;
    return gate;
  }

  private releaseGate(gate: Gate): void {
    gate.refs -= 1;
    if (gate.refs > 0) return;
    if (this.gates.get(gate.key) === gate) this.gates.delete(gate.key);
    this.gateList[gate.id] = undefined;
    this.freeGateIds.push(gate.id);
  }

  private detach(p: CompiledPolicy): void {
    this.policies.delete(p.id);
    this.roles.release(p.roles);
    if (p.gate !== null) this.releaseGate(p.gate);
    const owner = p.owner;
    const account = owner instanceof AccountState ? owner : owner.account;
    if (p.instance !== undefined) removePosting(account, p.instance, p);
    else this.dropOther(owner, p);
    this.stale.add(account);
    if (owner instanceof SubjectEntry) {
      owner.policyCount -= 1;
      this.tidySubject(owner);
    } else if (owner instanceof GroupState) {
      owner.policyCount -= 1;
      this.tidyGroup(owner);
    }
  }

  /** Takes a subject out of a group (the group's member list is the caller's business). */
  private leave(subject: SubjectEntry, group: GroupState): void {
    subject.removeGroup(group);
    if (group.other !== null) subject.reachOther -= 1;
    this.membershipCount -= 1;
    this.staleSubject(subject);
  }

  /** Marks an identity's record for rewriting (also when it has just been created or dropped). */
  private staleSubject(subject: SubjectEntry): void {
    subject.account.staleSubjects.add(subject.iamId);
    this.stale.add(subject.account);
  }

  /** Rewrites every stale record: the end of every mutation, so the next check sees it. */
  private refresh(): void {
    for (const account of this.stale) account.refresh();
    this.stale.clear();
  }

  private account(accountId: string): AccountState {
    let account = this.accounts.get(accountId);
    if (!account) this.accounts.set(accountId, (account = new AccountState(accountId)));
    return account;
  }

  private subject(account: AccountState, iamId: string): SubjectEntry {
    let subject = account.subjects.get(iamId);
    if (!subject) {
      account.subjects.set(iamId, (subject = new SubjectEntry(iamId, account)));
      this.staleSubject(subject);
    }
    return subject;
  }

  private group(account: AccountState, groupId: string): GroupState {
    let group = account.groups.get(groupId);
    if (!group) {
      account.groups.set(groupId, (group = new GroupState(groupId, account)));
      const states = this.groups.get(groupId);
      if (states) states.push(group);
      else this.groups.set(groupId, [group]);
    }
    return group;
  }

  private tidySubject(subject: SubjectEntry): void {
    if (!subject.empty) return;
    subject.account.subjects.delete(subject.iamId);
    this.staleSubject(subject);
  }

  private tidyGroup(group: GroupState): void {
    if (group.policyCount > 0 || group.members.length > 0) return;
    group.account.groups.delete(group.id);
    const states = this.groups.get(group.id);
    const at = states?.indexOf(group) ?? -1;
    if (at < 0) return;
    states!.splice(at, 1);
    if (states!.length === 0) this.groups.delete(group.id);
  }
}

function groupIdOf(p: CompiledPolicy): string | undefined {
  return p.owner.groupId;
}

/** A new, empty decision index. */
export function createDecisionIndex(): DecisionIndex {
  return new DecisionIndex();
}

