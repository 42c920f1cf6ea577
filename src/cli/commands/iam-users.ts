/**
 * `qgate iam users`, `user-invite`, `user-remove`, `user-update`, `invitations`.
 */
import type { Command } from 'commander';
import { ok } from '#src/client/client.js';
import { action, confirmed, done, list, outputOf, sub, withForce, withOutput, type Ctx } from '../command-kit.js';
import { usageError } from '../io.js';
import { printList } from '../output.js';
import { listAccessGroups, listUsers } from '../listings.js';
import { resolveAccessGroup, resolveUser } from '../resolve.js';

export function registerIamUsers(iam: Command, ctx: Ctx): void {
  action(withOutput(sub(iam, 'users', 'List the people of the account', ['qgate iam users', 'qgate iam users --output json'])), async (_a, opts) => {
    const users = await listUsers(ctx.session());
    printList(ctx.io, outputOf(opts), users, [
      ['Email', (u) => u.email],
      ['Name', (u) => `${u.firstname} ${u.lastname}`.trim()],
      ['State', (u) => u.state],
      ['IAM ID', (u) => u.iam_id],
      ['Added', (u) => u.added_on],
    ], 'No users.');
  });

  const invite = sub(iam, 'user-invite <emails...>', 'Invite people by email, optionally straight into access groups', [
    'qgate iam user-invite fatima@example.com --access-groups ml',
    'qgate iam user-invite amyra@example.com ravi@example.com --access-groups ml,finance',
  ]).option('--access-groups <groups>', 'comma-separated access group names or ids');
  action(withOutput(invite), async ([emails], opts) => {
    const s = ctx.session();
    const groups = await Promise.all(list(opts.accessGroups as string | undefined).map(async (g) => (await resolveAccessGroup(s, g)).id));
    const users = (emails as unknown as string[]).map((email) => ({ email, account_role: 'Member' as const }));
    const res = await ok(s.client.POST('/v2/accounts/{account_id}/users', { params: { path: { account_id: s.accountId } }, body: { users, ...(groups.length > 0 ? { access_groups: groups } : {}) } }));
    done(ctx, opts, res.resources, `${res.resources.map((r) => `Invited ${r.email} (${r.id}, ${r.state})`).join('\n')}`);
  });

  const remove = withForce(sub(iam, 'user-remove <user>', 'Remove a person from the account (a pending invitation is revoked)', ['qgate iam user-remove ravi@example.com', 'qgate iam user-remove ravi@example.com -f']));
  action(withOutput(remove), async ([ref], opts) => {
    const s = ctx.session();
    const user = await resolveUser(s, ref!);
    await confirmed(ctx, opts, user.state === 'PENDING' ? `Revoke the invitation of ${user.email}?` : `Remove ${user.email} (${user.iam_id}) from the account?`);
    await ok(s.client.DELETE('/v2/accounts/{account_id}/users/{iam_id}', { params: { path: { account_id: s.accountId, iam_id: user.iam_id } } }));
    done(ctx, opts, { removed: user.iam_id, email: user.email }, `Removed ${user.email} (${user.iam_id}).`);
  });

  const update = sub(iam, 'user-update <user>', "Change a person's name, phone number or state (ACTIVE or DISABLED)", [
    'qgate iam user-update fatima@example.com --firstname Fatima --lastname Khan',
    'qgate iam user-update ravi@example.com --state DISABLED',
  ])
    .option('--firstname <name>')
    .option('--lastname <name>')
    .option('--phone <number>')
    .option('--state <state>', 'ACTIVE or DISABLED');
  action(withOutput(update), async ([ref], opts) => {
    const body: { firstname?: string; lastname?: string; phonenumber?: string; state?: 'ACTIVE' | 'DISABLED' } = {};
    if (opts.firstname !== undefined) body.firstname = opts.firstname as string;
    if (opts.lastname !== undefined) body.lastname = opts.lastname as string;
    if (opts.phone !== undefined) body.phonenumber = opts.phone as string;
    if (opts.state !== undefined) {
      const state = String(opts.state).toUpperCase();
      if (state !== 'ACTIVE' && state !== 'DISABLED') throw usageError(`option '--state' must be ACTIVE or DISABLED, not '${opts.state}'`);
      body.state = state;
    }
    if (Object.keys(body).length === 0) throw usageError('nothing to change: give --firstname, --lastname, --phone or --state');
    const s = ctx.session();
    const user = await resolveUser(s, ref!);
    await ok(s.client.PATCH('/v2/accounts/{account_id}/users/{iam_id}', { params: { path: { account_id: s.accountId, iam_id: user.iam_id } }, body }));
    const after = await ok(s.client.GET('/v2/accounts/{account_id}/users/{iam_id}', { params: { path: { account_id: s.accountId, iam_id: user.iam_id } } }));
    done(ctx, opts, after, `Updated ${after.email}: ${after.firstname} ${after.lastname}, ${after.state}.`);
  });

  const invitations = sub(iam, 'invitations', 'List invitations and their state', ['qgate iam invitations --state PENDING'])
    .option('--state <state>', 'PENDING, ACCEPTED, REVOKED or EXPIRED');
  action(withOutput(invitations), async (_a, opts) => {
    const s = ctx.session();
    const state = opts.state ? String(opts.state).toUpperCase() : undefined;
    if (state && !['PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED'].includes(state)) throw usageError(`option '--state' must be PENDING, ACCEPTED, REVOKED or EXPIRED, not '${opts.state}'`);
    const rows = [];
    for (let offset = 0; ; offset += 100) {
      const page = await ok(s.client.GET('/v2/accounts/{account_id}/invitations', {
        params: { path: { account_id: s.accountId }, query: { limit: 100, offset, ...(state ? { state: state as 'PENDING' } : {}) } },
      }));
      rows.push(...page.invitations);
      if (page.invitations.length < 100) break;
    }
    const groupName = new Map((await listAccessGroups(s)).map((g) => [g.id, g.name]));
    printList(ctx.io, outputOf(opts), rows, [
      ['Email', (i) => i.email],
      ['State', (i) => i.state],
      ['Access groups', (i) => i.access_groups.map((id) => groupName.get(id) ?? id)],
      ['Sent', (i) => i.last_sent_at],
      ['Expires', (i) => i.expires_at],
      ['IAM ID', (i) => i.iam_id],
    ], 'No invitations.');
  });
}
