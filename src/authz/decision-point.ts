/**
 * Keeps the in-memory decision index in step with the store, on this node and every other.
 *
 * @remarks The index is built from the store at start. After that every change announced on the
 * change feed (a policy, a custom role, a group's members, the Public Access setting) is re-read
 * from the store and applied. The re-read is asynchronous, so requests wait for it: every request
 * awaits {@link DecisionPoint.ready} after authentication, which returns at once when nothing is
 * pending. A change made on this node is therefore obeyed by the very next request, and one made on
 * another node as soon as its notification arrives. While the feed cannot be trusted (its listening
 * connection is down) decisions other than the owner's are refused with 503 until the index has
 * been rebuilt.
 */
import type { Logger } from 'pino';
import type { ChangeFeed } from '#src/db/change-feed.js';
import { TOPICS } from '#src/db/change-topics.js';
import type { Clock } from '#src/platform/clock.js';
import type { AccessGroupsRepo } from '#src/modules/access-groups/access-groups.repo.js';
import type { PoliciesRepo, PolicyRow } from '#src/modules/policies/policies.repo.js';
import { createDecisionIndex, type Decision, type DecisionRequest, type Explanation } from './engine/index.js';

export interface DecisionPoint {
  /** Resolves once every announced change has been applied to the index. */
  ready(): Promise<void>;
  /** False while the index may be missing changes made elsewhere. */
  readonly trusted: boolean;
  decide(request: DecisionRequest): Decision;
  explain(request: DecisionRequest): Explanation;
  start(): Promise<void>;
  stop(): void;
}

/** The JSON the index reads for a stored policy. */
export function policyDocument(row: PolicyRow): Record<string, unknown> {
  return { ...(JSON.parse(row.body) as Record<string, unknown>), id: row.id, type: row.type, state: row.state };
}

export function createDecisionPoint(deps: { policies: PoliciesRepo; groups: AccessGroupsRepo; feed: ChangeFeed; clock: Clock; log: Logger }): DecisionPoint {
  const index = createDecisionIndex();
  /** Group id → its members as last applied (to turn a re-read into additions and removals). */
  const members = new Map<string, { accountId: string; iamIds: Set<string> }>();
  const expiryTimers = new Map<string, NodeJS.Timeout>();
  let pending: Promise<void> = Promise.resolve();
  let pendingCount = 0;
  let loaded = false;
  let stopped = false;

  const schedule = (work: () => Promise<void>) => {
    pendingCount++;
    pending = pending
      .then(work)
      .catch((err: unknown) => {
        deps.log.error({ err }, 'decision index could not apply a change; rebuilding it');
        return rebuild();
      })
      .finally(() => {
        pendingCount--;
      });
  };

  /** Re-reads dynamic memberships when the earliest of them lapses. */
  const watchExpiry = (groupId: string, expiries: number[]) => {
    const previous = expiryTimers.get(groupId);
    if (previous) clearTimeout(previous);
    expiryTimers.delete(groupId);
    const next = Math.min(...expiries);
    if (!Number.isFinite(next) || stopped) return;
    const timer = setTimeout(() => schedule(() => applyGroup(groupId)), Math.max(0, next - deps.clock.now().getTime()) + 5);
    timer.unref();
    expiryTimers.set(groupId, timer);
  };

  const applyGroup = async (groupId: string) => {
    const rows = await deps.groups.members.ofGroup(groupId, deps.clock.now().toISOString());
    const before = members.get(groupId);
    const now = new Set(rows.map((r) => r.iam_id));
    for (const iamId of before?.iamIds ?? []) if (!now.has(iamId)) index.removeMember(groupId, iamId);
    for (const r of rows) if (!before?.iamIds.has(r.iam_id)) index.addMember(r.account_id, groupId, r.iam_id);
    if (rows.length > 0) members.set(groupId, { accountId: rows[0]!.account_id, iamIds: now });
    else members.delete(groupId);
    watchExpiry(groupId, rows.filter((r) => r.expires_at).map((r) => Date.parse(r.expires_at!)));
  };

  const applyPolicy = async (id: string) => {
    const row = await deps.policies.findById(id);
    if (!row || row.state !== 'active') {
      index.removePolicy(id);
      return;
    }
    const errors = index.upsertPolicy(row.account_id, policyDocument(row));
    if (errors.length > 0) deps.log.error({ policy: id, errors }, 'a stored policy does not compile; it grants nothing');
  };

  const applyRole = async (crn: string) => {
    const row = await deps.policies.roles.findByCrn(crn);
    if (!row) index.removeCustomRole(crn);
    else index.upsertCustomRole({ crn: row.crn, accountId: row.account_id, serviceName: row.service_name, actions: JSON.parse(row.actions) as string[] });
  };

  const applySettings = async (accountId: string) => {
    const row = await deps.groups.settings.find(accountId);
    index.setPublicAccess(accountId, row ? row.public_access_enabled === 1 : true);
  };

  async function rebuild(): Promise<void> {
    const nowIso = deps.clock.now().toISOString();
    const [policies, roles, memberships, settings] = await Promise.all([deps.policies.allActive(), deps.policies.roles.all(), deps.groups.members.all(nowIso), deps.groups.settings.all()]);
    const report = index.load({
      roles: roles.map((r) => ({ crn: r.crn, accountId: r.account_id, serviceName: r.service_name, actions: JSON.parse(r.actions) as string[] })),
      policies: policies.map((p) => ({ accountId: p.account_id, policy: policyDocument(p) })),
      memberships: memberships.map((m) => ({ accountId: m.account_id, groupId: m.group_id, iamId: m.iam_id })),
      publicAccess: settings.map((s) => ({ accountId: s.account_id, enabled: s.public_access_enabled === 1 })),
    });
    if (report.skipped.length > 0) deps.log.error({ skipped: report.skipped }, 'stored policies that do not compile grant nothing');
    members.clear();
    const expiries = new Map<string, number[]>();
    for (const m of memberships) {
      let entry = members.get(m.group_id);
      if (!entry) members.set(m.group_id, (entry = { accountId: m.account_id, iamIds: new Set() }));
      entry.iamIds.add(m.iam_id);
      if (m.expires_at) expiries.set(m.group_id, [...(expiries.get(m.group_id) ?? []), Date.parse(m.expires_at)]);
    }
    for (const [groupId, list] of expiries) watchExpiry(groupId, list);
    loaded = true;
    deps.log.debug({ policies: report.indexed, memberships: memberships.length }, 'decision index built');
  }

  let unsubscribe: (() => void) | undefined;

  return {
    ready: () => (pendingCount === 0 ? Promise.resolve() : pending),
    get trusted() {
      return loaded && deps.feed.trusted;
    },
    decide: (request) => index.decide(request),
    explain: (request) => index.explain(request),
    async start() {
      unsubscribe = deps.feed.subscribe((change) => {
        if (change === 'all') return schedule(rebuild);
        switch (change.topic) {
          case TOPICS.policy:
            return schedule(() => applyPolicy(change.key));
          case TOPICS.customRole:
            return schedule(() => applyRole(change.key));
          case TOPICS.groupMembers:
            return schedule(() => applyGroup(change.key));
          case TOPICS.groupSettings:
            return schedule(() => applySettings(change.key));
        }
      });
      schedule(rebuild);
      await pending;
    },
    stop() {
      stopped = true;
      unsubscribe?.();
      for (const t of expiryTimers.values()) clearTimeout(t);
      expiryTimers.clear();
    },
  };
}
