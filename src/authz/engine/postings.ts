/**
 * Posting lists: per account, per instance, the policies naming that instance exactly. The lists
 * are the source of the instance records checks read (index-state.ts); every change here marks the
 * instance's record stale.
 */
import type { AccountState, CompiledPolicy, Owner } from './index-state.js';

/** The account's copy of an instance id when it already has postings: policies share it instead of each keeping its own. */
export function instanceKey(account: AccountState, instance: string): string {
  return account.byInstance.get(instance)?.[0]?.instance ?? instance;
}

export function addPosting(account: AccountState, instance: string, policy: CompiledPolicy): void {
  const list = account.byInstance.get(instance);
  if (list === undefined) account.byInstance.set(instance, [policy]);
  else list.push(policy);
  account.takeSlot(policy);
  account.staleInstances.add(instance);
}

export function removePosting(account: AccountState, instance: string, policy: CompiledPolicy): void {
  const list = account.byInstance.get(instance);
  if (list === undefined) return;
  const at = list.indexOf(policy);
  if (at < 0) return;
  list.splice(at, 1);
  if (list.length === 0) account.byInstance.delete(instance);
  account.releaseSlot(policy);
  account.staleInstances.add(instance);
}

/** Every policy of an account whose owner passes the test (cold paths: explain, deleting a group). */
export function policiesOf(account: AccountState, test: (owner: Owner) => boolean): CompiledPolicy[] {
  const out: CompiledPolicy[] = [];
  for (const list of account.byInstance.values()) for (const p of list) if (test(p.owner)) out.push(p);
  for (const entry of account.subjects.values()) if (entry.other !== null && test(entry)) out.push(...entry.other);
  for (const group of account.groups.values()) if (group.other !== null && test(group)) out.push(...group.other);
  if (account.publicOther !== null && test(account)) out.push(...account.publicOther);
  return out;
}
