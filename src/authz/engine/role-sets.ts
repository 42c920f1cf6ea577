/**
 * What a policy's roles grant, precomputed as bitsets: one row per service, one bit per action.
 * Policies with the same roles share one RoleSet, so a check costs one array read and a mask, and
 * memory grows with the number of distinct role combinations, not with policies. A custom role's
 * change recomputes only the sets that name it.
 */
import { ALL_ACTIONS, roleActions } from './catalog/catalog.js';
import { PLATFORM_ROLE_NAMES, SERVICE_ROLE_NAMES, systemRoleCrn } from './catalog/roles.js';
import { SERVICES } from './catalog/services.js';
import { parseRoleCrn } from './role-crn.js';
import { SERVICE_INDEX } from './resource-match.js';
import type { CustomRoleInput } from './types.js';

/** Every catalog action's number: its bit in a role set's row. */
export const ACTION_INDEX: ReadonlyMap<string, number> = new Map(ALL_ACTIONS.map((a, i) => [a, i]));
/** 32-bit words per service row. */
export const WORDS = Math.ceil(ALL_ACTIONS.length / 32);
const ROW_COUNT = SERVICES.length;
const ACTION_COUNT = ALL_ACTIONS.length;

const emptyBits = () => new Uint32Array(ROW_COUNT * WORDS);

function setBit(bits: Uint32Array, service: number, action: number): void {
  const i = service * WORDS + (action >>> 5);
  bits[i] = bits[i]! | (1 << (action & 31));
}

/** Whether a bitset grants an action on a service. */
export function hasBit(bits: Uint32Array, service: number, action: number): boolean {
  return (bits[service * WORDS + (action >>> 5)]! & (1 << (action & 31))) !== 0;
}

/** Bits of each system role (by canonical CRN) over every service that defines it. */
const SYSTEM_BITS = new Map<string, Uint32Array>();
for (const role of [...PLATFORM_ROLE_NAMES, ...SERVICE_ROLE_NAMES]) {
  const bits = emptyBits();
  SERVICES.forEach((s, si) => {
    for (const action of roleActions(role, s.name)) setBit(bits, si, ACTION_INDEX.get(action)!);
  });
  SYSTEM_BITS.set(systemRoleCrn(role), bits);
}

interface CustomRoleRecord {
  readonly accountId: string;
  readonly bits: Uint32Array;
}

/** The roles of one or more policies and what they grant together. */
export class RoleSet {
  bits: Uint32Array = emptyBits();
  /** Per service and action, the position in `roles` of the first role that grants it (-1: none), so a grant names its role in O(1). */
  firstRole: Int8Array = new Int8Array(0);
  refs = 0;
  constructor(
    readonly key: string,
    readonly accountId: string,
    /** Canonical role CRNs in the policy's order. */
    readonly roles: readonly string[],
    readonly customCrns: readonly string[],
  ) {}
}

/** Shares role sets between policies and keeps them in step with custom roles. */
export class RoleRegistry {
  private readonly sets = new Map<string, RoleSet>();
  private readonly dependents = new Map<string, Set<RoleSet>>();
  private readonly custom = new Map<string, CustomRoleRecord>();

  get customRoleCount(): number {
    return this.custom.size;
  }

  get roleSetCount(): number {
    return this.sets.size;
  }

  /** The shared set for these roles in this account (custom roles only count in their own account). */
  acquire(accountId: string, roles: readonly string[]): RoleSet {
    const customCrns = roles.filter((r) => parseRoleCrn(r)?.kind === 'custom');
    const key = customCrns.length > 0 ? `${accountId}\n${roles.join('\n')}` : roles.join('\n');
    let set = this.sets.get(key);
    if (!set) {
      set = new RoleSet(key, accountId, Object.freeze([...roles]), customCrns);
      this.compute(set);
      this.sets.set(key, set);
      for (const crn of customCrns) {
        let deps = this.dependents.get(crn);
        if (!deps) this.dependents.set(crn, (deps = new Set()));
        deps.add(set);
      }
    }
    set.refs += 1;
    return set;
  }

  release(set: RoleSet): void {
    set.refs -= 1;
    if (set.refs > 0) return;
    this.sets.delete(set.key);
    for (const crn of set.customCrns) {
      const deps = this.dependents.get(crn);
      deps?.delete(set);
      if (deps?.size === 0) this.dependents.delete(crn);
    }
  }

  /** Adds or replaces a custom role; only actions its service defines count. */
  setCustomRole(role: CustomRoleInput): void {
    const crn = parseRoleCrn(role.crn)?.crn;
    if (!crn) return;
    const bits = emptyBits();
    const si = SERVICE_INDEX.get(role.serviceName);
    if (si !== undefined) {
      const service = SERVICES[si]!;
      for (const action of role.actions) if (Object.hasOwn(service.actions, action)) setBit(bits, si, ACTION_INDEX.get(action)!);
    }
    this.custom.set(crn, { accountId: role.accountId, bits });
    this.recompute(crn);
  }

  deleteCustomRole(crn: string): boolean {
    const canonical = parseRoleCrn(crn)?.crn;
    if (!canonical || !this.custom.delete(canonical)) return false;
    this.recompute(canonical);
    return true;
  }

  clear(): void {
    this.sets.clear();
    this.dependents.clear();
    this.custom.clear();
  }

  /** The bits one role contributes to a set (a custom role only in its own account). */
  roleBits(crn: string, accountId: string): Uint32Array | undefined {
    const system = SYSTEM_BITS.get(crn);
    if (system) return system;
    const custom = this.custom.get(crn);
    return custom && custom.accountId === accountId ? custom.bits : undefined;
  }

  /** The first role of a set that grants the action on the service. */
  grantingRole(set: RoleSet, service: number, action: number): string | undefined {
    const at = set.firstRole[service * ACTION_COUNT + action]!;
    return at < 0 ? undefined : set.roles[at];
  }

  /** Its position in the set's roles, or -1. */
  grantingRoleAt(set: RoleSet, service: number, action: number): number {
    return set.firstRole[service * ACTION_COUNT + action]!;
  }

  private compute(set: RoleSet): void {
    const bits = emptyBits();
    const first = new Int8Array(ROW_COUNT * ACTION_COUNT).fill(-1);
    set.roles.forEach((crn, at) => {
      const role = this.roleBits(crn, set.accountId);
      if (!role) return;
      for (let i = 0; i < bits.length; i++) bits[i] = bits[i]! | role[i]!;
      for (let service = 0; service < ROW_COUNT; service++) {
        for (let action = 0; action < ACTION_COUNT; action++) {
          if (first[service * ACTION_COUNT + action] === -1 && hasBit(role, service, action)) first[service * ACTION_COUNT + action] = at;
        }
      }
    });
    set.bits = bits;
    set.firstRole = first;
  }

  private recompute(crn: string): void {
    for (const set of this.dependents.get(crn) ?? []) this.compute(set);
  }
}
