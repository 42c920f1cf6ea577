/**
 * The decision index's data, in two forms.
 *
 * Objects (policies, identities, groups, per-instance policy lists) carry everything: explanations,
 * bookkeeping and the rarer checks read them. What a check on an instance needs is also packed per
 * account into two {@link PackedTable}s, so that it waits for memory about once per table rather
 * than once per object: the caller's record (its owner number and its groups' numbers) and the
 * instance's record (per policy on it: the owner's number, the policy's gate, the policy's slot).
 * Owners are numbered within their account, so "is the caller one of the owners" is integer
 * comparisons. Every mutation marks the records it affects stale and the index rewrites them
 * before it returns.
 */
import type { RuleNode } from './conditions.js';
import { PackedTable } from './packed-table.js';
import type { AttrMatcher, ServiceScope } from './resource-match.js';
import type { RoleSet } from './role-sets.js';
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
  /** Its place in its account's {@link AccountState.policySlots} while on an instance's list; -1 otherwise. */
  slot = -1;
}

/**
 * The services and roles of policies with nothing else to check, shared between them, stored next
 * to each posting: a check on an instance reads neither the policy nor its scope until it grants.
 */
export class Gate {
  refs = 0;
  constructor(
    /** Its place in the index's gate list, which instance records name. */
    readonly id: number,
    readonly key: string,
    readonly mask: number,
    readonly roles: RoleSet,
  ) {}
}

/** Instance lists longer than this many policies are packed sorted by owner and searched. */
export const POSTINGS_SCAN_LIMIT = 24;

/** Ints per policy in an instance record: owner number, gate id (-1: test the policy), policy slot. */
export const POSTING_STRIDE = 3;

/** Ints per slot of the packed tables: a header of three, then the record (longer ones go elsewhere). */
const PEOPLE_SLOT_INTS = 8;
const INSTANCE_SLOT_INTS = 32;

/** The owner number of Public Access in every account; 0 is nobody. */
export const PUBLIC_ORD = 1;

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
  /** Its owner number in the account. */
  readonly ord: number;
  constructor(
    readonly iamId: string,
    readonly account: AccountState,
  ) {
    this.ord = account.nextOrd();
  }

  groups(): GroupState[] {
    const out: GroupState[] = [];
    if (this.g0 !== null) out.push(this.g0);
    if (this.g1 !== null) out.push(this.g1);
    if (this.g2 !== null) out.push(this.g2);
    if (this.more !== null) out.push(...this.more);
    return out;
  }

  groupCount(): number {
    return (this.g0 === null ? 0 : 1) + (this.g1 === null ? 0 : 1) + (this.g2 === null ? 0 : 1) + (this.more === null ? 0 : this.more.length);
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
  readonly ord: number;
  constructor(
    readonly id: string,
    readonly account: AccountState,
  ) {
    this.ord = account.nextOrd();
  }

  get groupId(): string {
    return this.id;
  }
}

/** One account: nothing is ever looked up across accounts. */
export class AccountState {
  readonly subjects = new Map<string, SubjectEntry>();
  readonly groups = new Map<string, GroupState>();
  /** Policies naming one instance exactly, by instance. */
  readonly byInstance = new Map<string, CompiledPolicy[]>();
  /** Public Access policies not tied to one instance. */
  publicOther: CompiledPolicy[] | null = null;
  /** IBM's default is enabled. */
  publicEnabled = true;
  readonly ord = PUBLIC_ORD;

  /**
   * Packed for checks: per identity `[ord, group count × 2 + (reaches policies not tied to an
   * instance ? 1 : 0), group ords…]`; three groups fit in the slot.
   */
  readonly people = new PackedTable(PEOPLE_SLOT_INTS);
  /** Packed for checks: per instance `[count, (owner ord, gate id or -1, policy slot) × count]`; nine policies fit in the slot. */
  readonly instances = new PackedTable(INSTANCE_SLOT_INTS);
  /** The policies instance records name, by slot. */
  readonly policySlots: (CompiledPolicy | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Records to rewrite before the mutation returns. */
  readonly staleSubjects = new Set<string>();
  readonly staleInstances = new Set<string>();
  private ords = PUBLIC_ORD;

  constructor(readonly id: string) {}

  /** Public Access, when a grant names the group it came through. */
  get groupId(): string {
    return PUBLIC_ACCESS_GROUP_ID;
  }

  nextOrd(): number {
    this.ords += 1;
    return this.ords;
  }

  takeSlot(policy: CompiledPolicy): void {
    const slot = this.freeSlots.pop() ?? this.policySlots.length;
    this.policySlots[slot] = policy;
    policy.slot = slot;
  }

  releaseSlot(policy: CompiledPolicy): void {
    if (policy.slot < 0) return;
    this.policySlots[policy.slot] = undefined;
    this.freeSlots.push(policy.slot);
    policy.slot = -1;
  }

  /** Rewrites the stale records. */
  refresh(): void {
    for (const iamId of this.staleSubjects) {
      const entry = this.subjects.get(iamId);
      if (entry === undefined) this.people.delete(iamId);
      else this.people.put(iamId, subjectRecord(entry));
    }
    this.staleSubjects.clear();
    for (const instance of this.staleInstances) {
      const list = this.byInstance.get(instance);
      if (list === undefined) this.instances.delete(instance);
      else this.instances.put(instance, instanceRecord(list));
    }
    this.staleInstances.clear();
  }

  /** Rebuilds both packed tables at their final size, each record next to the one before (after a bulk load). */
  repack(): void {
    this.staleSubjects.clear();
    this.staleInstances.clear();
    let ints = 0;
    for (const [iamId, entry] of this.subjects) ints += this.people.heapInts(iamId, 2 + entry.groupCount());
    this.people.reset(this.subjects.size, ints);
    for (const [iamId, entry] of this.subjects) this.people.put(iamId, subjectRecord(entry));
    ints = 0;
    for (const [instance, list] of this.byInstance) ints += this.instances.heapInts(instance, 1 + list.length * POSTING_STRIDE);
    this.instances.reset(this.byInstance.size, ints);
    for (const [instance, list] of this.byInstance) this.instances.put(instance, instanceRecord(list));
  }
}

function subjectRecord(entry: SubjectEntry): number[] {
  const groups = entry.groups();
  const out = [entry.ord, groups.length * 2 + (entry.reachOther > 0 ? 1 : 0)];
  for (const g of groups) out.push(g.ord);
  return out;
}

function instanceRecord(list: readonly CompiledPolicy[]): number[] {
  // Long lists are sorted by owner, so a check searches for the caller's owners instead of scanning.
  const ordered = list.length > POSTINGS_SCAN_LIMIT ? [...list].sort((a, b) => a.owner.ord - b.owner.ord) : list;
  const out = [ordered.length];
  for (const p of ordered) out.push(p.owner.ord, p.gate === null ? -1 : p.gate.id, p.slot);
  return out;
}
