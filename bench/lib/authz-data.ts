/**
 * Synthetic organisations for the authorization benchmark: accounts of 1,000 people, 100 access
 * groups and 500 Qiskit Runtime instances with 3,000 grants each (IBM's documented limits allow
 * 7,500 users, 500 groups and 4,020 policies per account), repeated to reach each scale. Policies
 * are produced as JSON text and parsed, as they come out of the store.
 */
import { customRoleCrn } from '#src/authz/engine/role-crn.js';
import type { CustomRoleInput, DecisionRequest, MembershipInput } from '#src/authz/engine/types.js';

export interface Scale {
  readonly name: string;
  readonly users: number;
  readonly groups: number;
  readonly instances: number;
  readonly grants: number;
}

export const SCALES: readonly Scale[] = [
  { name: '1k users', users: 1_000, groups: 100, instances: 500, grants: 3_000 },
  { name: '10k users', users: 10_000, groups: 1_000, instances: 5_000, grants: 30_000 },
  { name: '100k users', users: 100_000, groups: 10_000, instances: 50_000, grants: 300_000 },
];

const PER_ACCOUNT = { users: 1_000, groups: 100, instances: 500, grants: 3_000 } as const;
const SERVICE = 'quantum-computing';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const READER = 'crn:v1:bluemix:public:iam::::serviceRole:Reader';
const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';
const MANAGER = 'crn:v1:bluemix:public:iam::::serviceRole:Manager';

/** One grant in peer-neutral form: who, where, which roles. */
export interface Grant {
  readonly id: string;
  readonly accountId: string;
  readonly subject: { readonly kind: 'iam_id' | 'access_group_id'; readonly value: string };
  readonly instance: string;
  /** Canonical role CRNs. */
  readonly roles: readonly string[];
}

export interface Dataset {
  readonly scale: Scale;
  readonly accounts: readonly string[];
  readonly grants: readonly Grant[];
  readonly memberships: readonly MembershipInput[];
  readonly customRoles: readonly CustomRoleInput[];
  /** Policies as the store would hand them over (v1 JSON, parsed from text). */
  readonly policies: readonly { readonly accountId: string; readonly policy: unknown }[];
  /** Questions from anyone about anything: every question likely touches memory no recent one did. */
  readonly queries: readonly DecisionRequest[];
  /**
   * The same kind of questions with the skew of real traffic: accounts and, within an account,
   * people drawn from a Zipf distribution (s = 1), so busy people ask most.
   */
  readonly skewedQueries: readonly DecisionRequest[];
}

/** Seeded PRNG (mulberry32): the same data on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` random hex digits (n ≤ 32), eight at a time. */
function hex(rand: () => number, n: number): string {
  let out = '';
  while (out.length < n) out += ((rand() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  return out.slice(0, n);
}
const uuid = (rand: () => number) => `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-8${hex(rand, 3)}-${hex(rand, 12)}`;

/** Actions the queries ask: what the Qiskit Runtime routes ask most, plus instance management. */
export const QUERY_ACTIONS = [
  'quantum-computing.job.create',
  'quantum-computing.job.read',
  'quantum-computing.job.cancel',
  'quantum-computing.job.delete',
  'quantum-computing.session.create',
  'quantum-computing.device.read',
  'quantum-computing.instance.read',
  'quantum-computing.instance.configuration.update',
  'resource-controller.instance.retrieve',
  'resource-controller.instance.delete',
] as const;

export function makeDataset(scale: Scale, queryCount: number, seed = 42): Dataset {
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const accountCount = scale.users / PER_ACCOUNT.users;
  const accounts: string[] = [];
  const grants: Grant[] = [];
  const memberships: MembershipInput[] = [];
  const customRoles: CustomRoleInput[] = [];
  const usersOf: string[][] = [];
  const instancesOf: string[][] = [];
  /** Per account and user: the instances some grant of theirs names (to aim half the queries at real access). */
  const reach: Map<string, string[]>[] = [];

  for (let a = 0; a < accountCount; a++) {
    const accountId = hex(rand, 32);
    accounts.push(accountId);
    const users = Array.from({ length: PER_ACCOUNT.users }, () => `QGid-${hex(rand, 10).toUpperCase()}`);
    const groups = Array.from({ length: PER_ACCOUNT.groups }, () => `AccessGroupId-${uuid(rand)}`);
    const instances = Array.from({ length: PER_ACCOUNT.instances }, () => uuid(rand));
    usersOf.push(users);
    instancesOf.push(instances);
    const jobDeleter = customRoleCrn(accountId, 'JobDeleter');
    customRoles.push({ crn: jobDeleter, accountId, serviceName: SERVICE, actions: ['quantum-computing.job.delete'] });
    const palettes = [[VIEWER, WRITER], [VIEWER, WRITER, jobDeleter], [VIEWER, READER], [READER], [MANAGER]];
    const groupInstances = new Map<string, string[]>();

    // A third of the grants go to people directly, the rest to groups (about 20 per group).
    const direct = PER_ACCOUNT.grants / 3;
    for (let i = 0; i < PER_ACCOUNT.grants; i++) {
      const subject = i < direct ? { kind: 'iam_id' as const, value: users[i % users.length]! } : { kind: 'access_group_id' as const, value: groups[i % groups.length]! };
      const instance = pick(instances);
      grants.push({ id: uuid(rand), accountId, subject, instance, roles: pick(palettes) });
      if (subject.kind === 'access_group_id') {
        const list = groupInstances.get(subject.value) ?? [];
        list.push(instance);
        groupInstances.set(subject.value, list);
      }
    }
    const userReach = new Map<string, string[]>();
    for (const g of grants.slice(-PER_ACCOUNT.grants, -PER_ACCOUNT.grants + direct)) userReach.set(g.subject.value, [g.instance]);
    // Everyone is in one to three groups (two on average).
    for (const iamId of users) {
      const count = 1 + Math.floor(rand() * 3);
      const mine = new Set<string>();
      while (mine.size < count) mine.add(pick(groups));
      for (const groupId of mine) {
        memberships.push({ accountId, groupId, iamId });
        userReach.get(iamId)?.push(...(groupInstances.get(groupId) ?? []));
      }
    }
    reach.push(userReach);
  }

  const policyText = grants.map((g) =>
    JSON.stringify({
      id: g.id,
      type: 'access',
      subjects: [{ attributes: [{ name: g.subject.kind, value: g.subject.value }] }],
      roles: g.roles.map((role_id) => ({ role_id })),
      resources: [{ attributes: [{ name: 'accountId', value: g.accountId }, { name: 'serviceName', value: SERVICE }, { name: 'serviceInstance', value: g.instance }] }],
    }),
  );
  const policies = policyText.map((text, i) => ({ accountId: grants[i]!.accountId, policy: JSON.parse(text) as unknown }));

  const now = new Date('2025-03-03T10:00:00Z');
  const zipfAccounts = zipf(accountCount, rand);
  const zipfUsers = zipf(PER_ACCOUNT.users, rand);
  const ask = (q: number, skewed: boolean): DecisionRequest => {
    const a = skewed ? zipfAccounts() : Math.floor(rand() * accountCount);
    const accountId = accounts[a]!;
    const iamId = skewed ? usersOf[a]![zipfUsers()]! : pick(usersOf[a]!);
    const reachable = reach[a]!.get(iamId) ?? [];
    // Half the queries aim at an instance the person has some access to, half at any instance.
    const instance = rand() < 0.5 && reachable.length > 0 ? pick(reachable) : pick(instancesOf[a]!);
    return {
      subject: { iamId, accountId },
      action: pick(QUERY_ACTIONS),
      resource: { accountId, serviceName: SERVICE, serviceInstance: instance, resourceType: 'job', resource: `job-${q}` },
      now,
    };
  };
  const queries = Array.from({ length: queryCount }, (_, q) => ask(q, false));
  const skewedQueries = Array.from({ length: queryCount }, (_, q) => ask(q, true));
  return { scale, accounts, grants, memberships, customRoles, policies, queries, skewedQueries };
}

/** A sampler of 0..n-1 with Zipf weights (s = 1): item k is drawn in proportion to 1/(k+1). */
function zipf(n: number, rand: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cumulative[k] = total += 1 / (k + 1);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
