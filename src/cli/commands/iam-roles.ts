/**
 * `qgate iam roles`, `role-create`, `role-update`, `role-delete`: system, service and custom roles.
 */
import type { Command } from 'commander';
import { ok } from '#src/client/client.js';
import { okWithEtag } from '#src/client/etag.js';
import { action, confirmed, done, list, outputOf, sub, withForce, withOutput, type Ctx } from '../command-kit.js';
import { usageError } from '../io.js';
import { printList } from '../output.js';
import { listRoles, roleName } from '../listings.js';
import { resolveCustomRole } from '../resolve.js';

export function registerIamRoles(iam: Command, ctx: Ctx): void {
  const roles = sub(iam, 'roles', 'List platform, service and custom roles, with the actions each grants', [
    'qgate iam roles --service quantum-computing',
    'qgate iam roles --output json',
  ]).option('--service <name>', 'only the roles of this service');
  action(withOutput(roles), async (_a, opts) => {
    const s = ctx.session();
    const all = await listRoles(s, opts.service as string | undefined);
    const rows = [
      ...all.system_roles.map((r) => ({ name: roleName(r.crn), kind: 'platform', service: '', display_name: r.display_name, actions: r.actions, crn: r.crn })),
      ...all.service_roles.map((r) => ({ name: roleName(r.crn), kind: 'service', service: '', display_name: r.display_name, actions: r.actions, crn: r.crn })),
      ...all.custom_roles.map((r) => ({ name: r.name, kind: 'custom', service: r.service_name, display_name: r.display_name, actions: r.actions, crn: r.crn, id: r.id })),
    ];
    printList(ctx.io, outputOf(opts), rows, [
      ['Name', (r) => r.name],
      ['Kind', (r) => r.kind],
      ['Display name', (r) => r.display_name],
      ['Service', (r) => r.service],
      ['Actions', (r) => (opts.service ? r.actions.join('\n') : `${r.actions.length}`)],
    ], 'No roles.');
  });

  const create = sub(iam, 'role-create <name>', 'Create a custom role from a list of actions', [
    'qgate iam role-create JobDeleter --display-name "Job deleter" --service quantum-computing --actions quantum-computing.job.delete',
  ])
    .requiredOption('--actions <actions>', 'comma-separated actions, e.g. quantum-computing.job.delete')
    .option('--service <name>', 'the service whose actions the role grants', 'quantum-computing')
    .option('--display-name <text>', 'the name people see (default: the name)')
    .option('-d, --description <text>');
  action(withOutput(create), async ([name], opts) => {
    const actions = list(opts.actions as string);
    if (actions.length === 0) throw usageError("option '--actions' needs at least one action");
    const s = ctx.session();
    const role = await ok(s.client.POST('/v2/roles', {
      body: { name: name!, display_name: (opts.displayName as string | undefined) ?? name!, account_id: s.accountId, service_name: opts.service as string, actions, ...(opts.description ? { description: opts.description as string } : {}) },
    }));
    done(ctx, opts, role, `Custom role ${role.name} created (${role.id}): ${role.actions.join(', ')}.`);
  });

  const update = sub(iam, 'role-update <role>', "Change a custom role's actions, display name or description", [
    'qgate iam role-update JobDeleter --actions quantum-computing.job.delete,quantum-computing.job.cancel',
  ])
    .option('--actions <actions>', 'the new comma-separated list of actions (replaces the old one)')
    .option('--display-name <text>')
    .option('-d, --description <text>');
  action(withOutput(update), async ([ref], opts) => {
    if (opts.actions === undefined && opts.displayName === undefined && opts.description === undefined) throw usageError('nothing to change: give --actions, --display-name or --description');
    const s = ctx.session();
    const found = await resolveCustomRole(s, ref!);
    const { data: current, etag } = await okWithEtag(s.client.GET('/v2/roles/{role_id}', { params: { path: { role_id: found.id } } }));
    const actions = opts.actions !== undefined ? list(opts.actions as string) : current.actions;
    if (actions.length === 0) throw usageError("option '--actions' needs at least one action");
    const role = await ok(s.client.PUT('/v2/roles/{role_id}', {
      params: { path: { role_id: found.id } },
      headers: { 'If-Match': etag },
      body: { actions, display_name: (opts.displayName as string | undefined) ?? current.display_name, description: (opts.description as string | undefined) ?? current.description },
    }));
    done(ctx, opts, role, `Custom role ${role.name} updated: ${role.actions.join(', ')}.`);
  });

  action(withOutput(withForce(sub(iam, 'role-delete <role>', 'Delete a custom role that no policy grants', ['qgate iam role-delete JobDeleter', 'qgate iam role-delete JobDeleter -f']))), async ([ref], opts) => {
    const s = ctx.session();
    const role = await resolveCustomRole(s, ref!);
    await confirmed(ctx, opts, `Delete custom role ${role.name} (${role.actions.join(', ')})?`);
    await ok(s.client.DELETE('/v2/roles/{role_id}', { params: { path: { role_id: role.id } } }));
    done(ctx, opts, { deleted: role.id, name: role.name }, `Custom role ${role.name} deleted.`);
  });
}
