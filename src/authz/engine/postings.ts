/**
 * Posting lists: per account, per instance, the policies naming that instance exactly and who holds
 * each. Short lists are flat arrays scanned by pointer comparison; long ones become maps by owner.
 */
import { LongPostings, POSTING_STRIDE, POSTINGS_SCAN_LIMIT, type AccountState, type CompiledPolicy, type Owner } from './index-state.js';

/** The account's copy of an instance id when it already has postings: policies share it instead of each keeping its own. */
export function instanceKey(account: AccountState, instance: string): string {
  const postings = account.byInstance.get(instance);
  if (postings === undefined) return instance;
  return Array.isArray(postings) ? (postings[0] as string) : postings.instance;
}

export function addPosting(account: AccountState, instance: string, owner: Owner, policy: CompiledPolicy): void {
  const postings = account.byInstance.get(instance);
  if (postings === undefined) {
    account.byInstance.set(instance, [instance, owner, policy, policy.gate]);
  } else if (Array.isArray(postings)) {
    if (postings.length < 1 + POSTINGS_SCAN_LIMIT * POSTING_STRIDE) {
      postings.push(owner, policy, policy.gate);
      return;
    }
    const long = new LongPostings(postings[0] as string);
    for (let i = 1; i < postings.length; i += POSTING_STRIDE) addToOwner(long, postings[i] as Owner, postings[i + 1] as CompiledPolicy);
    addToOwner(long, owner, policy);
    account.byInstance.set(instance, long);
  } else {
    addToOwner(postings, owner, policy);
  }
}

function addToOwner(long: LongPostings, owner: Owner, policy: CompiledPolicy): void {
  const v = long.byOwner.get(owner);
  if (v === undefined) long.byOwner.set(owner, policy);
  else if (Array.isArray(v)) v.push(policy);
  else long.byOwner.set(owner, [v, policy]);
  long.size += 1;
}

export function removePosting(account: AccountState, instance: string, owner: Owner, policy: CompiledPolicy): void {
  const postings = account.byInstance.get(instance);
  if (postings === undefined) return;
  if (Array.isArray(postings)) {
    for (let i = 2; i < postings.length; i += POSTING_STRIDE) {
      if (postings[i] === policy) {
        postings.splice(i - 1, POSTING_STRIDE);
        break;
      }
    }
    if (postings.length === 1) account.byInstance.delete(instance);
    return;
  }
  const v = postings.byOwner.get(owner);
  if (v === policy) {
    postings.byOwner.delete(owner);
    postings.size -= 1;
  } else if (Array.isArray(v) && v.includes(policy)) {
    const left = v.filter((p) => p !== policy);
    postings.byOwner.set(owner, left.length === 1 ? left[0]! : left);
    postings.size -= 1;
  }
  if (postings.size === 0) account.byInstance.delete(instance);
}

/** Every policy of an account whose owner passes the test (cold paths: explain, deleting a group). */
export function policiesOf(account: AccountState, test: (owner: Owner) => boolean): CompiledPolicy[] {
  const out: CompiledPolicy[] = [];
  for (const postings of account.byInstance.values()) {
    if (Array.isArray(postings)) {
      for (let i = 1; i < postings.length; i += POSTING_STRIDE) if (test(postings[i] as Owner)) out.push(postings[i + 1] as CompiledPolicy);
    } else {
      for (const [owner, v] of postings.byOwner) if (test(owner)) out.push(...(Array.isArray(v) ? v : [v]));
    }
  }
  for (const entry of account.subjects.values()) if (entry.other !== null && test(entry)) out.push(...entry.other);
  for (const group of account.groups.values()) if (group.other !== null && test(group)) out.push(...group.other);
  if (account.publicOther !== null && test(account)) out.push(...account.publicOther);
  return out;
}
