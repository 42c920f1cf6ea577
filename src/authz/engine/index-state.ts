/**
 * The decision index's data. A check on an instance reads one posting list: who holds a policy on
 * that instance (an identity, a group, or Public Access) next to the policy. Whether the caller is
 * one of those owners is a pointer comparison against the caller's entry and its groups, so a check
 * touches few objects however large the account. Policies not tied to one instance hang off their
 * owner. Classes with fixed fields keep objects small and property access monomorphic.
 */
import type { RuleNode } from './conditions.js';
import type { AttrMatcher, ServiceScope } from './resource-match.js';
import type { RoleSet } from './role-sets.js';
import { StringTable } from './string-table.js';
import { PUBLIC_ACCESS_GROUP_ID } from './types.js';

/** Who a policy is granted to: an identity, an access group, or (the account itself) Public Access. */
export type Owner = SubjectEntry | GroupState | AccountState;

/** A policy ready for checks. */
export class CompiledPolicy {
  constructor(
    readonly id: string,
    readonly owner: Owner,
    /** The `serviceInstance` the policy names exactly (its posting list), or undefined. */
    readonly instance: string | undefined,
    readonly scope: ServiceScope,
    readonly roles: RoleSet,
    /** Narrowing attributes other than a keyed `serviceInstance`; null when none. */
    readonly attrs: readonly AttrMatcher[] | null,
    readonly rule: RuleNode | null,
    /** What a check needs from the policy, shared; null when it has narrowing attributes or conditions. */
    readonly gate: Gate | null,
  ) {}
}

/**
 * The services and roles of policies with nothing else to check, shared between them, stored next
 * to each posting: a check on an instance reads neither the policy nor its scope until it grants.
 */
export class Gate {
  refs = 0;
  constructor(
    readonly key: string,
    readonly mask: number,
    readonly roles: RoleSet,
  ) {}
}

/**
 * The policies on one instance: `[instance, owner, policy, gate, owner, policy, gate, …]` while
 * short (the instance string first, so every policy on it shares that one copy; the gate, when not
 * null, decides without reading the policy); once long, an owner → policies map, so one instance
 * granted to thousands stays cheap to check.
 */
export type Postings = (string | Owner | CompiledPolicy | Gate | null)[] | LongPostings;

export class LongPostings {
  readonly byOwner = new Map<Owner, CompiledPolicy | CompiledPolicy[]>();
  size = 0;
  constructor(readonly instance: string) {}
}

/** Slots per posting in a short list. */
export const POSTING_STRIDE = 3;

/** Posting lists longer than this many policies become maps. */
export const POSTINGS_SCAN_LIMIT = 24;

/** Adds an item to a lazily created list. */
export function pushTo<T>(list: T[] | null, item: T): T[] {
  if (list === null) return [item];
  list.push(item);
  return list;
}

/** Removes an item from a list; null when it empties. */
export function dropFrom<T>(list: T[] | null, item: T): T[] | null {
  if (list === null) return null;
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
  return list.length === 0 ? null : list;
}

/** An identity of an account with direct policies or group memberships. */
export class SubjectEntry {
  /** The first three groups inline (most people are in one to three), the rest in `more`. */
  g0: GroupState | null = null;
  g1: GroupState | null = null;
  g2: GroupState | null = null;
  more: GroupState[] | null = null;
  /** Direct policies not tied to one instance. */
  other: CompiledPolicy[] | null = null;
  /** How many of (own `other`, each group's `other`) are non-empty: when 0, checks skip them. */
  reachOther = 0;
  /** Direct policies, keyed or not. */
  policyCount = 0;
  constructor(
    readonly iamId: string,
    readonly account: AccountState,
  ) {}

  groups(): GroupState[] {
    const out: GroupState[] = [];
    if (this.g0 !== null) out.push(this.g0);
    if (this.g1 !== null) out.push(this.g1);
    if (this.g2 !== null) out.push(this.g2);
    if (this.more !== null) out.push(...this.more);
    return out;
  }

  hasGroup(g: GroupState): boolean {
    return this.g0 === g || this.g1 === g || this.g2 === g || (this.more !== null && this.more.includes(g));
  }

  addGroup(g: GroupState): void {
    if (this.g0 === null) this.g0 = g;
    else if (this.g1 === null) this.g1 = g;
    else if (this.g2 === null) this.g2 = g;
    else this.more = pushTo(this.more, g);
  }

  removeGroup(g: GroupState): void {
    if (this.g0 === g) this.g0 = null;
    else if (this.g1 === g) this.g1 = null;
    else if (this.g2 === g) this.g2 = null;
    else this.more = dropFrom(this.more, g);
    // Refill the inline slots so checks find the groups there.
    while (this.more !== null && (this.g0 === null || this.g1 === null || this.g2 === null)) {
      const next = this.more.pop()!;
      if (this.more.length === 0) this.more = null;
      if (this.g0 === null) this.g0 = next;
      else if (this.g1 === null) this.g1 = next;
      else this.g2 = next;
    }
  }

  /** A direct grant names no group. */
  get groupId(): undefined {
    return undefined;
  }

  get empty(): boolean {
    return this.policyCount === 0 && this.g0 === null && this.g1 === null && this.g2 === null && this.more === null;
  }
}

/** An access group of an account. */
export class GroupState {
  readonly members: SubjectEntry[] = [];
  /** Policies not tied to one instance. */
  other: CompiledPolicy[] | null = null;
  /** Policies granted to the group, keyed or not. */
  policyCount = 0;
  constructor(
    readonly id: string,
    readonly account: AccountState,
  ) {}

  get groupId(): string {
    return this.id;
  }
}

/** One account: nothing is ever looked up across accounts. */
export class AccountState {
  readonly subjects = new StringTable<SubjectEntry>();
  readonly groups = new Map<string, GroupState>();
  /** Policies naming one instance exactly, by instance. */
  readonly byInstance = new StringTable<Postings>();
  /** Public Access policies not tied to one instance. */
  publicOther: CompiledPolicy[] | null = null;
  /** IBM's default is enabled. */
  publicEnabled = true;
  constructor(readonly id: string) {}
  /** Public Access, when a grant names the group it came through. */
  get groupId(): string {
    return PUBLIC_ACCESS_GROUP_ID;
  }

  /** Rebuilds the maps checks read at their final size, next to each other (after a bulk load). */
  compact(): void {
    this.subjects.compact();
    // Exact-size copies of the posting lists, each allocated in one piece.
    for (const [instance, postings] of this.byInstance) if (Array.isArray(postings)) this.byInstance.set(instance, postings.slice());
    this.byInstance.compact();
  }
}
