/**
 * `qgate iam …`: people, access groups, policies, roles, API keys, service IDs, decisions and the audit trail.
 */
import type { Command } from 'commander';
import { sub, type Ctx } from '../command-kit.js';
import { registerIamAuthz } from './iam-authz.js';
import { registerIamGroups } from './iam-groups.js';
import { registerIamKeys } from './iam-keys.js';
import { registerIamRoles } from './iam-roles.js';
import { registerIamUsers } from './iam-users.js';

export function registerIam(program: Command, ctx: Ctx): void {
  const iam = sub(program, 'iam', 'Identity and access: users, access groups, policies, roles, API keys, service IDs, audit', [
    'qgate iam users',
    'qgate iam access-group-policy-create ml --instance QR-ml --roles Viewer,Writer',
  ]);
  registerIamUsers(iam, ctx);
  registerIamGroups(iam, ctx);
  registerIamRoles(iam, ctx);
  registerIamKeys(iam, ctx);
  registerIamAuthz(iam, ctx);
}
