/**
 * Role names in a file's policies must name a role of the policy's service (or a custom role the file declares):
 * checked against the account before anything changes, each problem at the role's place in the file.
 */
import { pickRole, roleChoices, type RoleChoice } from '../resolve.js';
import type { Session } from '../session.js';
import { key } from './state.js';
import type { OrgFile } from './model.js';
import type { PlanProblem } from './plan.js';

export async function checkRoleReferences(s: Session, file: OrgFile): Promise<PlanProblem[]> {
  const declared = new Set((file.roles ?? []).map((r) => key(r.name)));
  const choices = new Map<string, Promise<RoleChoice[]>>();
  const problems: PlanProblem[] = [];
  for (const [gi, g] of (file.accessGroups ?? []).entries()) {
    for (const [pi, p] of (g.policies ?? []).entries()) {
      const service = p.service ?? (p.instance !== undefined ? 'quantum-computing' : '');
      if (!choices.has(service)) choices.set(service, roleChoices(s, service || undefined));
      const known = await choices.get(service)!;
      for (const [ri, name] of p.roles.entries()) {
        if (declared.has(key(name))) continue;
        try {
          pickRole(known, name);
        } catch (err) {
          problems.push({ at: ['accessGroups', gi, 'policies', pi, 'roles', ri], message: `role '${name}'${service ? ` of ${service}` : ''}: ${(err as Error).message}` });
        }
      }
    }
  }
  return problems;
}
