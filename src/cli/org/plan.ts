/**
 * The planner: compares an organization file with the account as it is and lists the changes that would make
 * them match, in the order they can be made. Pure (no IO), so it is tested on its own and `--dry-run` is exact.
 *
 * Rules: names are identities (compared without case); a key left out of the file leaves that part alone;
 * removals happen only with `prune`, and only within the sections (and group keys) the file has. Changes the
 * API cannot make (moving an instance, changing a role's service) are problems that stop the whole apply.
 */
import { policyTarget, sameSet, SECTIONS, type DocPath, type InstanceSpec, type OrgFile, type PolicySpec, type RoleSpec } from './model.js';
import { key, type CurrentState } from './state.js';

export type Change =
  | { kind: 'resource group'; op: '+'; name: string }
  | { kind: 'resource group'; op: '-'; name: string; id: string }
  | { kind: 'instance'; op: '+'; spec: Required<InstanceSpec> }
  | { kind: 'instance'; op: '~'; spec: Required<InstanceSpec>; guid: string; diff: string[] }
  | { kind: 'instance'; op: '-'; name: string; guid: string }
  | { kind: 'role'; op: '+'; spec: Required<RoleSpec> }
  | { kind: 'role'; op: '~'; spec: Required<RoleSpec>; id: string; diff: string[] }
  | { kind: 'role'; op: '-'; name: string; id: string }
  | { kind: 'service ID'; op: '+'; name: string; description: string }
  | { kind: 'service ID'; op: '~'; name: string; description: string; id: string; diff: string[] }
  | { kind: 'service ID'; op: '-'; name: string; id: string }
  | { kind: 'access group'; op: '+'; name: string; description: string }
  | { kind: 'access group'; op: '~'; name: string; description: string; id: string; diff: string[] }
  | { kind: 'access group'; op: '-'; name: string; id: string }
  | { kind: 'user'; op: '+'; email: string; groups: string[] }
  | { kind: 'user'; op: '-'; email: string; iamId: string }
  | { kind: 'member'; op: '+'; group: string; member: string; type: 'user' | 'service' }
  | { kind: 'member'; op: '-'; group: string; member: string; iamId: string }
  | { kind: 'policy'; op: '+'; group: string; spec: PolicySpec }
  | { kind: 'policy'; op: '~'; group: string; spec: PolicySpec; id: string; from: string[] }
  | { kind: 'policy'; op: '-'; group: string; spec: PolicySpec; id: string; folded?: true };

export interface Plan {
  changes: Change[];
  /** Reasons the file cannot be applied, each at the place in the file it is about; nothing changes while there are any. */
  problems: PlanProblem[];
  /** How many removals `--prune` would add (when not pruning). */
  prunable: number;
  /** Things in the account the format cannot express (left alone). */
  unmanaged: string[];
}

export interface PlanProblem {
  message: string;
  /** Where in the file: `['accessGroups', 0, 'policies', 1, 'instance']`. */
  at: DocPath;
}

export interface PlanOptions {
  prune: boolean;
  /** The signed-in identity: never removed from the account by its own apply. */
  self?: string;
}

/** The order changes are made in: what others refer to is created first and removed last. */
const ORDER: Record<string, number> = {
  '+resource group': 0, '+instance': 1, '~instance': 1, '+role': 2, '~role': 2, '+service ID': 3, '~service ID': 3,
  '+access group': 4, '~access group': 4, '+user': 5, '+member': 6, '+policy': 7, '~policy': 7,
  '-policy': 8, '-member': 9, '-user': 10, '-access group': 11, '-service ID': 12, '-role': 13, '-instance': 14, '-resource group': 15,
};

export function changeOrder(c: Change): number {
  return ORDER[`${c.op}${c.kind}`] ?? 99;
}

export function planChanges(file: OrgFile, state: CurrentState, options: PlanOptions): Plan {
  const changes: Change[] = [];
  const removals: Change[] = [];
  const problems: PlanProblem[] = [];
  const problem = (at: DocPath, message: string) => {
    if (!problems.some((p) => p.message === message && p.at.join('.') === at.join('.'))) problems.push({ at, message });
  };
  const has = (section: (typeof SECTIONS)[number]) => file[section] !== undefined;
  const ambiguous = new Set(state.ambiguous.map((a) => a.toLowerCase()));
  const checkUnambiguous = (at: DocPath, kind: string, name: string) => {
    if (ambiguous.has(`${kind} '${name}'`.toLowerCase())) problem(at, `the account has several ${kind}s named '${name}'; rename all but one before applying a file that names it`);
  };

  // Resource groups.
  const groupsDeclared = new Set((file.resourceGroups ?? []).map((g) => key(g.name)));
  for (const [gi, g] of (file.resourceGroups ?? []).entries()) {
    checkUnambiguous(['resourceGroups', gi, 'name'], 'resource group', g.name);
    if (!state.resourceGroups.has(key(g.name))) changes.push({ kind: 'resource group', op: '+', name: g.name });
  }
  if (has('resourceGroups')) {
    for (const g of state.resourceGroups.values()) {
      if (!groupsDeclared.has(key(g.name)) && key(g.name) !== key(state.defaultResourceGroup)) removals.push({ kind: 'resource group', op: '-', name: g.name, id: g.id });
    }
  }
  const resourceGroupKnown = (name: string) => groupsDeclared.has(key(name)) || state.resourceGroups.has(key(name));

  // Instances.
  const instancesDeclared = new Set((file.instances ?? []).map((i) => key(i.name)));
  for (const [ii, i] of (file.instances ?? []).entries()) {
    checkUnambiguous(['instances', ii, 'name'], 'instance', i.name);
    const spec: Required<InstanceSpec> = { name: i.name, plan: i.plan, location: i.location, resourceGroup: i.resourceGroup ?? state.defaultResourceGroup };
    const rgAt: DocPath = i.resourceGroup !== undefined ? ['instances', ii, 'resourceGroup'] : ['instances', ii];
    if (!resourceGroupKnown(spec.resourceGroup)) problem(rgAt, `instance '${i.name}' is in resource group '${spec.resourceGroup}', which neither exists nor is declared under resourceGroups`);
    const cur = state.instances.get(key(i.name));
    if (!cur) {
      changes.push({ kind: 'instance', op: '+', spec });
      continue;
    }
    if (cur.location !== spec.location) problem(['instances', ii, 'location'], `instance '${i.name}' is in ${cur.location}; an instance cannot move to ${spec.location} (delete it, or give the new one another name)`);
    if (key(cur.resourceGroup ?? '') !== key(spec.resourceGroup)) problem(rgAt, `instance '${i.name}' is in resource group '${cur.resourceGroup}'; an instance cannot move to '${spec.resourceGroup}'`);
    if (cur.plan !== spec.plan) changes.push({ kind: 'instance', op: '~', spec, guid: cur.guid, diff: [`plan ${cur.plan} → ${spec.plan}`] });
  }
  if (has('instances')) {
    for (const i of state.instances.values()) if (!instancesDeclared.has(key(i.name))) removals.push({ kind: 'instance', op: '-', name: i.name, guid: i.guid });
  }
  const instanceKnown = (name: string) => instancesDeclared.has(key(name)) || state.instances.has(key(name));

  // Custom roles.
  const rolesDeclared = new Set((file.roles ?? []).map((r) => key(r.name)));
  for (const [ri, r] of (file.roles ?? []).entries()) {
    const cur = state.roles.get(key(r.name));
    const spec: Required<RoleSpec> = {
      name: r.name, service: r.service ?? 'quantum-computing', actions: r.actions,
      displayName: r.displayName ?? cur?.displayName ?? r.name, description: r.description ?? cur?.description ?? '',
    };
    if (!cur) {
      changes.push({ kind: 'role', op: '+', spec });
      continue;
    }
    if (cur.service !== spec.service) {
      problem(r.service !== undefined ? ['roles', ri, 'service'] : ['roles', ri], `custom role '${r.name}' grants actions of ${cur.service}; a role cannot change service to ${spec.service} (delete it first)`);
      continue;
    }
    const diff: string[] = [];
    if (!sameSet(cur.actions, spec.actions)) diff.push(`actions ${cur.actions.join(', ')} → ${spec.actions.join(', ')}`);
    if (cur.displayName !== spec.displayName) diff.push(`display name '${cur.displayName}' → '${spec.displayName}'`);
    if (cur.description !== spec.description) diff.push(`description '${cur.description}' → '${spec.description}'`);
    if (diff.length > 0) changes.push({ kind: 'role', op: '~', spec, id: cur.id, diff });
  }
  if (has('roles')) {
    for (const r of state.roles.values()) if (!rolesDeclared.has(key(r.name))) removals.push({ kind: 'role', op: '-', name: r.name, id: r.id });
  }

  // Service IDs.
  const sidsDeclared = new Set((file.serviceIds ?? []).map((x) => key(x.name)));
  for (const [xi, x] of (file.serviceIds ?? []).entries()) {
    checkUnambiguous(['serviceIds', xi, 'name'], 'service ID', x.name);
    const cur = state.serviceIds.get(key(x.name));
    if (!cur) changes.push({ kind: 'service ID', op: '+', name: x.name, description: x.description ?? '' });
    else if (x.description !== undefined && x.description !== cur.description) {
      changes.push({ kind: 'service ID', op: '~', name: x.name, description: x.description, id: cur.id, diff: [`description '${cur.description}' → '${x.description}'`] });
    }
  }
  if (has('serviceIds')) {
    for (const x of state.serviceIds.values()) if (!sidsDeclared.has(key(x.name))) removals.push({ kind: 'service ID', op: '-', name: x.name, id: x.id });
  }

  // Users: those not yet in the account are invited, straight into the groups that list them.
  const usersDeclared = new Set((file.users ?? []).map((u) => key(u.email)));
  const invited = new Map<string, { email: string; groups: string[] }>();
  for (const u of file.users ?? []) {
    if (!state.users.has(key(u.email))) invited.set(key(u.email), { email: u.email, groups: [] });
  }
  const removedUsers = new Set<string>();
  if (has('users')) {
    for (const u of state.users.values()) {
      if (usersDeclared.has(key(u.email)) || u.iamId === options.self) continue;
      removals.push({ kind: 'user', op: '-', email: u.email, iamId: u.iamId });
      removedUsers.add(key(u.email));
    }
  }

  // Access groups, their members and policies.
  const agDeclared = new Set((file.accessGroups ?? []).map((g) => key(g.name)));
  for (const [gi, g] of (file.accessGroups ?? []).entries()) {
    checkUnambiguous(['accessGroups', gi, 'name'], 'access group', g.name);
    const cur = state.accessGroups.get(key(g.name));
    if (!cur) changes.push({ kind: 'access group', op: '+', name: g.name, description: g.description ?? '' });
    else if (g.description !== undefined && g.description !== cur.description) {
      changes.push({ kind: 'access group', op: '~', name: g.name, description: g.description, id: cur.id, diff: [`description '${cur.description ?? ''}' → '${g.description}'`] });
    }
    if (g.members !== undefined) {
      const wanted = new Set(g.members.map(key));
      for (const [mi, email] of g.members.entries()) {
        const pending = invited.get(key(email));
        if (pending) {
          pending.groups.push(g.name);
          continue;
        }
        if (!state.users.has(key(email))) {
          problem(['accessGroups', gi, 'members', mi], `access group '${g.name}' lists ${email}, who is not in the account: add them under users to invite them`);
          continue;
        }
        if (!cur?.members.some((m) => key(m) === key(email))) changes.push({ kind: 'member', op: '+', group: g.name, member: email, type: 'user' });
      }
      for (const m of cur?.members ?? []) {
        if (!wanted.has(key(m)) && !removedUsers.has(key(m))) removals.push({ kind: 'member', op: '-', group: g.name, member: m, iamId: state.users.get(key(m))?.iamId ?? '' });
      }
    }
    if (g.serviceIds !== undefined) {
      const wanted = new Set(g.serviceIds.map(key));
      for (const [si, name] of g.serviceIds.entries()) {
        if (!sidsDeclared.has(key(name)) && !state.serviceIds.has(key(name))) {
          problem(['accessGroups', gi, 'serviceIds', si], `access group '${g.name}' lists service ID '${name}', which neither exists nor is declared under serviceIds`);
          continue;
        }
        checkUnambiguous(['accessGroups', gi, 'serviceIds', si], 'service ID', name);
        if (!cur?.serviceIds.some((m) => key(m) === key(name))) changes.push({ kind: 'member', op: '+', group: g.name, member: name, type: 'service' });
      }
      for (const m of cur?.serviceIds ?? []) {
        if (!wanted.has(key(m))) removals.push({ kind: 'member', op: '-', group: g.name, member: m, iamId: state.serviceIds.get(key(m))?.iamId ?? '' });
      }
    }
    if (g.policies !== undefined) {
      const existing = new Map((cur?.policies ?? []).map((p) => [key(policyTarget(p)), p]));
      const wanted = new Set<string>();
      for (const [pi, p] of g.policies.entries()) {
        if (p.instance !== undefined && !instanceKnown(p.instance)) problem(['accessGroups', gi, 'policies', pi, 'instance'], `a policy of access group '${g.name}' names instance '${p.instance}', which neither exists nor is declared under instances`);
        if (p.resourceGroup !== undefined && !resourceGroupKnown(p.resourceGroup)) problem(['accessGroups', gi, 'policies', pi, 'resourceGroup'], `a policy of access group '${g.name}' names resource group '${p.resourceGroup}', which neither exists nor is declared`);
        const target = key(policyTarget(p));
        wanted.add(target);
        const match = existing.get(target);
        if (!match) changes.push({ kind: 'policy', op: '+', group: g.name, spec: p });
        else if (!sameSet(match.roles.map(key), p.roles.map(key))) {
          // Several policies on one resource (made one by one) become the file's one policy.
          changes.push({ kind: 'policy', op: '~', group: g.name, spec: p, id: match.id, from: match.roles });
          for (const id of match.alsoIds ?? []) changes.push({ kind: 'policy', op: '-', group: g.name, spec: match, id, folded: true });
        }
      }
      for (const p of cur?.policies ?? []) {
        if (!wanted.has(key(policyTarget(p)))) {
          for (const id of [p.id, ...(p.alsoIds ?? [])]) removals.push({ kind: 'policy', op: '-', group: g.name, spec: p, id });
        }
      }
    }
  }
  if (has('accessGroups')) {
    for (const g of state.accessGroups.values()) if (!agDeclared.has(key(g.name))) removals.push({ kind: 'access group', op: '-', name: g.name, id: g.id });
  }
  // A group being removed takes its members and policies with it.
  const doomedGroups = new Set(removals.filter((c) => c.kind === 'access group').map((c) => key((c as { name: string }).name)));
  const prunes = removals.filter((c) => !((c.kind === 'member' || c.kind === 'policy') && doomedGroups.has(key(c.group))));
  if (options.prune) {
    // The server refuses to delete a custom role a policy still grants: say so now rather than halfway through.
    for (const c of prunes) {
      if (c.kind !== 'role' || c.op !== '-') continue;
      for (const g of state.accessGroups.values()) {
        if (doomedGroups.has(key(g.name))) continue;
        const declared = file.accessGroups?.find((d) => key(d.name) === key(g.name));
        const kept = declared?.policies ?? g.policies;
        if (kept.some((p) => p.roles.some((r) => key(r) === key(c.name)))) {
          problem(['roles'], `custom role '${c.name}' is not under roles, so --prune would delete it, but access group '${g.name}' still grants it; keep the role or that policy`);
        }
      }
    }
  }

  for (const u of invited.values()) changes.push({ kind: 'user', op: '+', email: u.email, groups: u.groups });
  const all = [...changes, ...(options.prune ? prunes : [])];
  all.sort((a, b) => changeOrder(a) - changeOrder(b));
  return { changes: all, problems, prunable: options.prune ? 0 : prunes.length, unmanaged: state.unmanaged };
}

/** One line per change: `+ instance QR-ml (standard, us-east, resource group Default)`. */
export function describeChange(c: Change): string {
  switch (c.kind) {
    case 'resource group':
      return `${c.op} resource group ${c.name}`;
    case 'instance':
      if (c.op === '+') return `+ instance ${c.spec.name} (${c.spec.plan}, ${c.spec.location}, resource group ${c.spec.resourceGroup})`;
      if (c.op === '~') return `~ instance ${c.spec.name}: ${c.diff.join('; ')}`;
      return `- instance ${c.name}`;
    case 'role':
      if (c.op === '+') return `+ role ${c.spec.name} (${c.spec.service}: ${c.spec.actions.join(', ')})`;
      if (c.op === '~') return `~ role ${c.spec.name}: ${c.diff.join('; ')}`;
      return `- role ${c.name}`;
    case 'service ID':
      if (c.op === '~') return `~ service ID ${c.name}: ${c.diff.join('; ')}`;
      return `${c.op} service ID ${c.name}`;
    case 'access group':
      if (c.op === '~') return `~ access group ${c.name}: ${c.diff.join('; ')}`;
      return `${c.op} access group ${c.name}`;
    case 'user':
      if (c.op === '+') return `+ user ${c.email} (invited${c.groups.length > 0 ? ` into ${c.groups.join(', ')}` : ''})`;
      return `- user ${c.email}`;
    case 'member':
      return `${c.op} member ${c.member} ${c.op === '+' ? 'of' : 'from'} access group ${c.group}`;
    case 'policy':
      if (c.op === '~') return `~ policy of ${c.group} on ${policyTarget(c.spec)}: roles ${c.from.join(', ')} → ${c.spec.roles.join(', ')}`;
      if (c.op === '-' && c.folded) return `- policy ${c.id} of ${c.group} on ${policyTarget(c.spec)} (its roles are now in the one policy above)`;
      return `${c.op} policy of ${c.group}: ${c.spec.roles.join(', ')} on ${policyTarget(c.spec)}`;
  }
}
