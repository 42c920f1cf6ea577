/**
 * The authorization benchmark's peers, fed the same grants and asked the same questions as qgate:
 *
 * - npm `casbin`: RBAC with domains. `p = sub, dom, obj, act` with one row per grant and role
 *   (sub: the person or group, dom: the account, obj: the instance, act: the role), `g = user, group,
 *   dom` for memberships, and `g2 = action, role` for what each role may do. One row per role rather
 *   than per action keeps casbin's table 10× smaller, which only helps it.
 * - npm `@cedar-policy/cedar-wasm`: one `permit` per grant (principal a user or `in` a group, action
 *   `in` the grant's roles as action groups, resource the instance), the policy set parsed once
 *   (`preparsePolicySet`), and per request the entities Cedar needs: the caller with its groups as
 *   parents and the action with its roles as parents.
 *
 * Both are loaded with a dynamic import, so the benchmark still runs (and says so) when one is not
 * installed.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { rolesForService } from '#src/authz/engine/catalog/catalog.js';
import type { DecisionRequest } from '#src/authz/engine/types.js';
import type { Dataset } from './authz-data.js';

export interface PeerEngine {
  readonly name: string;
  readonly version: string;
  /** Seconds spent loading the grants. */
  readonly buildSeconds: number;
  check(request: DecisionRequest): boolean;
}

/** A peer's answer to "can it run here": the engine, or why not. */
export type PeerLoad = { readonly ok: true; readonly engine: PeerEngine } | { readonly ok: false; readonly name: string; readonly reason: string };

const SERVICE = 'quantum-computing';

/** The last segment of a role CRN; custom roles get their account so they stay apart. */
function roleKey(crn: string, accountId: string): string {
  const name = crn.slice(crn.lastIndexOf(':') + 1);
  return crn.includes(':customRole:') ? `${accountId}/${name}` : name;
}

/** action → role keys that grant it on Qiskit Runtime, system and custom. */
function actionRoles(ds: Dataset): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (action: string, role: string) => {
    const list = out.get(action) ?? [];
    list.push(role);
    out.set(action, list);
  };
  const roles = rolesForService(SERVICE)!;
  for (const role of [...roles.system_roles, ...roles.service_roles]) for (const action of role.actions) add(action, role.display_name);
  for (const custom of ds.customRoles) for (const action of custom.actions) add(action, roleKey(custom.crn, custom.accountId));
  return out;
}

async function importPeer(name: string): Promise<{ module: unknown; version: string } | { error: string }> {
  try {
    const module: unknown = await import(name);
    return { module, version: packageVersion(name) };
  } catch (err) {
    return { error: `peer not installed (${name}): ${(err as Error).message.split('\n')[0]}` };
  }
}

/** The version in the package.json nearest to the module's entry file (some packages do not export package.json). */
function packageVersion(name: string): string {
  try {
    let dir = path.dirname(createRequire(import.meta.url).resolve(name));
    for (let i = 0; i < 5; i++) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string };
        if (pkg.version) return pkg.version;
      }
      dir = path.dirname(dir);
    }
  } catch {
    // Unknown version: still run.
  }
  return '?';
}

// ---------------------------------------------------------------------------------------------
// casbin

interface CasbinModule {
  newModelFromString(text: string): unknown;
  newEnforcer(model: unknown, adapter: unknown): Promise<{ enforceSync(...values: string[]): boolean }>;
  StringAdapter: new (text: string) => unknown;
}

const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && g2(r.act, p.act)
`;

export async function loadCasbin(ds: Dataset): Promise<PeerLoad> {
  const imported = await importPeer('casbin');
  if ('error' in imported) return { ok: false, name: 'casbin', reason: imported.error };
  const casbin = imported.module as CasbinModule;
  const started = performance.now();
  const lines: string[] = [];
  for (const g of ds.grants) for (const role of g.roles) lines.push(`p, ${g.subject.value}, ${g.accountId}, ${g.instance}, ${roleKey(role, g.accountId)}`);
  for (const m of ds.memberships) lines.push(`g, ${m.iamId}, ${m.groupId}, ${m.accountId}`);
  for (const [action, roles] of actionRoles(ds)) for (const role of roles) lines.push(`g2, ${action}, ${role}`);
  const enforcer = await casbin.newEnforcer(casbin.newModelFromString(CASBIN_MODEL), new casbin.StringAdapter(lines.join('\n')));
  return {
    ok: true,
    engine: {
      name: 'casbin',
      version: imported.version,
      buildSeconds: (performance.now() - started) / 1000,
      check: (q) => enforcer.enforceSync(q.subject.iamId, q.resource.accountId, q.resource.serviceInstance ?? '', q.action),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cedar

interface CedarUid {
  type: string;
  id: string;
}
interface CedarEntity {
  uid: CedarUid;
  attrs: Record<string, never>;
  parents: CedarUid[];
}
interface CedarModule {
  preparsePolicySet(id: string, policies: { staticPolicies: Record<string, string> }): { type: 'success' } | { type: 'failure'; errors: { message: string }[] };
  statefulIsAuthorized(call: {
    principal: CedarUid;
    action: CedarUid;
    resource: CedarUid;
    context: Record<string, never>;
    preparsedPolicySetId: string;
    entities: CedarEntity[];
  }): { type: 'success'; response: { decision: 'allow' | 'deny' } } | { type: 'failure'; errors: { message: string }[] };
}

const quote = (s: string) => JSON.stringify(s);

export async function loadCedar(ds: Dataset): Promise<PeerLoad> {
  const imported = await importPeer('@cedar-policy/cedar-wasm/nodejs');
  if ('error' in imported) return { ok: false, name: 'cedar', reason: imported.error };
  const cedar = imported.module as CedarModule;
  const started = performance.now();
  const policies: Record<string, string> = {};
  for (const g of ds.grants) {
    const who = g.subject.kind === 'iam_id' ? `principal == QGate::User::${quote(`${g.accountId}/${g.subject.value}`)}` : `principal in QGate::Group::${quote(`${g.accountId}/${g.subject.value}`)}`;
    const roles = g.roles.map((r) => `QGate::Action::${quote(`role:${roleKey(r, g.accountId)}`)}`).join(', ');
    policies[g.id] = `permit(${who}, action in [${roles}], resource == QGate::Instance::${quote(`${g.accountId}/${g.instance}`)});`;
  }
  const parsed = cedar.preparsePolicySet('qgate-bench', { staticPolicies: policies });
  if (parsed.type !== 'success') return { ok: false, name: 'cedar', reason: `policies did not parse: ${parsed.errors[0]?.message}` };

  // Entities Cedar needs per request, built once: the caller with its groups, the action with its roles.
  const users = new Map<string, CedarEntity>();
  for (const m of ds.memberships) {
    const key = `${m.accountId}/${m.iamId}`;
    let user = users.get(key);
    if (!user) users.set(key, (user = { uid: { type: 'QGate::User', id: key }, attrs: {}, parents: [] }));
    user.parents.push({ type: 'QGate::Group', id: `${m.accountId}/${m.groupId}` });
  }
  const actions = new Map<string, CedarEntity>();
  for (const [action, roles] of actionRoles(ds)) {
    actions.set(action, { uid: { type: 'QGate::Action', id: action }, attrs: {}, parents: roles.map((r) => ({ type: 'QGate::Action', id: `role:${r}` })) });
  }
  const noRoles = (action: string): CedarEntity => ({ uid: { type: 'QGate::Action', id: action }, attrs: {}, parents: [] });
  return {
    ok: true,
    engine: {
      name: 'cedar',
      version: imported.version,
      buildSeconds: (performance.now() - started) / 1000,
      check(q) {
        const key = `${q.resource.accountId}/${q.subject.iamId}`;
        const user = users.get(key) ?? { uid: { type: 'QGate::User', id: key }, attrs: {}, parents: [] };
        const action = actions.get(q.action) ?? noRoles(q.action);
        const answer = cedar.statefulIsAuthorized({
          principal: user.uid,
          action: action.uid,
          resource: { type: 'QGate::Instance', id: `${q.resource.accountId}/${q.resource.serviceInstance ?? ''}` },
          context: {},
          preparsedPolicySetId: 'qgate-bench',
          entities: [user, action],
        });
        if (answer.type !== 'success') throw new Error(`cedar: ${answer.errors[0]?.message}`);
        return answer.response.decision === 'allow';
      },
    },
  };
}
