/**
 * `qgate iam access-group…`: groups, their members and their policies.
 */
import type { Command } from 'commander';
import { ok } from '#src/client/client.js';
import { ApiError } from '#src/client/errors.js';
import { action, confirmed, done, list, outputOf, sub, withForce, withOutput, type Ctx, type Opts } from '../command-kit.js';
import { CliError, usageError } from '../io.js';
import { printJson, printList } from '../output.js';
import { attributesOf, describeResource, roleNames, type PolicyAttribute, type V1Policy } from '../policy-view.js';
import { groupMembers, listAccessGroups, listInstances, listResourceGroups, policiesOf } from '../listings.js';
import { resolveAccessGroup, resolveIdentity, resolveInstance, resolveResourceGroup, resolveRoleCrns } from '../resolve.js';
import type { Session } from '../session.js';

/** Instance GUID → name and resource group id → name, to show policies readably. */
export async function displayNames(s: Session) {
  const [instances, groups] = await Promise.all([listInstances(s), listResourceGroups(s)]);
  return { instances: new Map(instances.map((i) => [i.guid, i.name])), resourceGroups: new Map(groups.map((g) => [g.id, g.name])) };
}

/** The resource attributes of `--service/--instance/--resource-group/--resource-type/--resource`. */
export async function resourceAttributes(s: Session, opts: Record<string, any>): Promise<PolicyAttribute[]> {
  const attrs: PolicyAttribute[] = [{ name: 'accountId', value: s.accountId }];
  let service = opts.service as string | undefined;
  if (opts.instance) {
    const inst = await resolveInstance(s, opts.instance as string);
    service ??= 'quantum-computing';
    attrs.push({ name: 'serviceName', value: service }, { name: 'serviceInstance', value: inst.guid });
  } else if (service) {
    attrs.push({ name: 'serviceName', value: service });
  }
  if (opts.resourceGroup) attrs.push({ name: 'resourceGroupId', value: (await resolveResourceGroup(s, opts.resourceGroup as string)).id });
  if (opts.resourceType) attrs.push({ name: 'resourceType', value: opts.resourceType as string });
  if (opts.resource) attrs.push({ name: 'resource', value: opts.resource as string });
  return attrs;
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The question before -r: what goes with the group, counted. */
async function recursiveQuestion(s: Session, group: { id: string; name: string }): Promise<string> {
  const [members, rules, policies] = await Promise.all([
    groupMembers(s, group.id),
    ok(s.client.GET('/v2/groups/{access_group_id}/rules', { params: { path: { access_group_id: group.id } } })),
    policiesOf(s, { access_group_id: group.id }),
  ]);
  return `Delete access group ${group.name} with its ${counted(members.length, 'member', 'members')}, ${counted(rules.rules.length, 'rule', 'rules')} and ${counted(policies.length, 'policy', 'policies')}?`;
}

interface MemberOutcome {
  iam_id: string;
  status_code: number;
  errors?: { message?: string }[] | undefined;
}

/** A bulk member change answers per member: the ones done are listed, the ones refused fail the command with the server's reasons. */
function reportMembers(ctx: Ctx, opts: Opts, identities: readonly { iamId: string; label: string }[], outcomes: readonly MemberOutcome[], done: (label: string) => string): void {
  const failed = outcomes.filter((m) => m.status_code >= 300);
  if (outputOf(opts) === 'json') printJson(ctx.io, outcomes);
  else ctx.io.stdout.write(`${failed.length === 0 ? 'OK\n' : ''}${identities.filter((i) => !failed.some((f) => f.iam_id === i.iamId)).map((i) => done(i.label)).join('\n')}\n`);
  if (failed.length > 0) throw new CliError(failed.map((f) => f.errors?.[0]?.message ?? `${f.iam_id}: ${f.status_code}`).join('\n'));
}

export function registerIamGroups(iam: Command, ctx: Ctx): void {
  action(withOutput(sub(iam, 'access-groups', 'List access groups', ['qgate iam access-groups'])), async (_a, opts) => {
    const groups = await listAccessGroups(ctx.session());
    printList(ctx.io, outputOf(opts), groups, [['Name', (g) => g.name], ['ID', (g) => g.id], ['Description', (g) => g.description]], 'No access groups.');
  });

  const create = sub(iam, 'access-group-create <name>', 'Create an access group', ['qgate iam access-group-create ml -d "Machine learning project"'])
    .option('-d, --description <text>', 'what the group is for');
  action(withOutput(create), async ([name], opts) => {
    const s = ctx.session();
    const group = await ok(s.client.POST('/v2/groups', { params: { query: { account_id: s.accountId } }, body: { name: name!, ...(opts.description ? { description: opts.description as string } : {}) } }));
    done(ctx, opts, group, `Access group ${group.name} created (${group.id}).`);
  });

  const del = withForce(sub(iam, 'access-group-delete <group>', 'Delete an access group (-r also removes its members, rules and policies)', [
    'qgate iam access-group-delete scratch',
    'qgate iam access-group-delete ml -r',
    'qgate iam access-group-delete ml -r -f --output json',
  ])).option('-r, --recursive', 'also remove its members, rules and policies (without it, a group with members or rules is refused)');
  action(withOutput(del), async ([ref], opts) => {
    const s = ctx.session();
    const group = await resolveAccessGroup(s, ref!);
    const recursive = opts.recursive === true;
    await confirmed(ctx, opts, recursive ? () => recursiveQuestion(s, group) : `Delete access group ${group.name}?`);
    try {
      await ok(s.client.DELETE('/v2/groups/{access_group_id}', { params: { path: { access_group_id: group.id }, query: recursive ? { force: true } : {} } }));
    } catch (err) {
      // The server speaks of its force=true; on the command line that is -r (-f only skips the question).
      if (err instanceof ApiError && err.code === 'group_not_empty') throw new ApiError(err.status, err.code, `${err.message}; on the command line: -r (--recursive)`, err.trace);
      throw err;
    }
    done(ctx, opts, { deleted: group.id, name: group.name, recursive }, `Access group ${group.name} deleted.`);
  });

  action(withOutput(sub(iam, 'access-group-users <group>', 'List the members of an access group', ['qgate iam access-group-users ml'])), async ([ref], opts) => {
    const s = ctx.session();
    const members = await groupMembers(s, (await resolveAccessGroup(s, ref!)).id);
    printList(ctx.io, outputOf(opts), members, [['Member', (m) => m.email || m.name || ''], ['Type', (m) => m.type], ['IAM ID', (m) => m.iam_id], ['Since', (m) => m.created_at]], 'No members.');
  });

  const add = sub(iam, 'access-group-user-add <group> <members...>', 'Add people (email) or service IDs (name) to an access group', [
    'qgate iam access-group-user-add ml fatima@example.com amyra@example.com',
    'qgate iam access-group-user-add finance ci-pipeline',
  ]);
  action(withOutput(add), async ([ref, members], opts) => {
    const s = ctx.session();
    const group = await resolveAccessGroup(s, ref!);
    const identities = await Promise.all((members as unknown as string[]).map((m) => resolveIdentity(s, m)));
    const res = await ok(s.client.PUT('/v2/groups/{access_group_id}/members', { params: { path: { access_group_id: group.id } }, body: { members: identities.map((i) => ({ iam_id: i.iamId, type: i.type })) } }));
    reportMembers(ctx, opts, identities, res.members, (label) => `Added ${label} to ${group.name}.`);
  });

  const remove = withForce(sub(iam, 'access-group-user-remove <group> <members...>', 'Remove people or service IDs from an access group', [
    'qgate iam access-group-user-remove ml fatima@example.com',
    'qgate iam access-group-user-remove finance ci-pipeline -f',
  ]));
  action(withOutput(remove), async ([ref, members], opts) => {
    const s = ctx.session();
    const group = await resolveAccessGroup(s, ref!);
    const identities = await Promise.all((members as unknown as string[]).map((m) => resolveIdentity(s, m)));
    await confirmed(ctx, opts, `Remove ${identities.map((i) => i.label).join(', ')} from access group ${group.name}?`);
    const res = await ok(s.client.POST('/v2/groups/{access_group_id}/members/delete', { params: { path: { access_group_id: group.id } }, body: { members: identities.map((i) => i.iamId) } }));
    reportMembers(ctx, opts, identities, res.members, (label) => `Removed ${label} from ${group.name}.`);
  });

  action(withOutput(sub(iam, 'access-group-policies <group>', 'List the policies of an access group', ['qgate iam access-group-policies ml'])), async ([ref], opts) => {
    const s = ctx.session();
    const group = await resolveAccessGroup(s, ref!);
    const [policies, names] = await Promise.all([policiesOf(s, { access_group_id: group.id }), displayNames(s)]);
    printList(ctx.io, outputOf(opts), policies, [['Policy ID', (p) => p.id], ['Roles', (p) => roleNames(p)], ['Resource', (p) => describeResource(attributesOf(p.resources), names)]], `No policies for ${group.name}.`);
  });

  const policyCreate = sub(iam, 'access-group-policy-create <group>', 'Grant roles to an access group on a service, an instance or a resource group', [
    'qgate iam access-group-policy-create ml --instance QR-ml --roles Viewer,Writer,JobDeleter',
    'qgate iam access-group-policy-create finance --service quantum-computing --resource-group finance --roles Reader',
    'qgate iam access-group-policy-create admins --service iam-groups --roles Editor',
  ])
    .requiredOption('--roles <roles>', 'comma-separated role names (Viewer, Writer, a custom role…) or CRNs')
    .option('--service <name>', 'service name (quantum-computing when --instance is given)')
    .option('--instance <instance>', 'a service instance (name, GUID or CRN)')
    .option('--resource-group <group>', 'a resource group (name or id)')
    .option('--resource-type <type>', 'resource type attribute')
    .option('--resource <id>', 'resource attribute')
    .option('-d, --description <text>');
  action(withOutput(policyCreate), async ([ref], opts) => {
    const roles = list(opts.roles as string);
    if (roles.length === 0) throw usageError("option '--roles' needs at least one role name");
    const s = ctx.session();
    const group = await resolveAccessGroup(s, ref!);
    const attrs = await resourceAttributes(s, opts);
    const service = attrs.find((a) => a.name === 'serviceName')?.value;
    const crns = await resolveRoleCrns(s, service, roles);
    const policy = (await ok(s.client.POST('/v1/policies', {
      body: {
        type: 'access',
        subjects: [{ attributes: [{ name: 'access_group_id', value: group.id }] }],
        roles: crns.map((role_id) => ({ role_id })),
        resources: [{ attributes: attrs }],
        ...(opts.description ? { description: opts.description as string } : {}),
      },
    }))) as V1Policy;
    done(ctx, opts, policy, `Policy ${policy.id}: ${group.name} has ${roleNames(policy).join(', ')} on ${describeResource(attributesOf(policy.resources), await displayNames(s))}.`);
  });

  const policyDelete = withForce(sub(iam, 'access-group-policy-delete <group> <policy-id>', 'Delete a policy of an access group', [
    'qgate iam access-group-policy-delete ml 1c2d…',
    'qgate iam access-group-policy-delete ml 1c2d… -f',
  ]));
  action(withOutput(policyDelete), async ([ref, policyId], opts) => {
    const s = ctx.session();
    const group = await resolveAccessGroup(s, ref!);
    const policies = await policiesOf(s, { access_group_id: group.id });
    const policy = policies.find((p) => p.id === policyId);
    if (!policy) throw new CliError(`access group ${group.name} has no policy ${policyId}; see 'qgate iam access-group-policies ${group.name}'`);
    await confirmed(ctx, opts, async () => `Delete policy ${policyId} of access group ${group.name} (${roleNames(policy).join(', ')} on ${describeResource(attributesOf(policy.resources), await displayNames(s))})?`);
    await ok(s.client.DELETE('/v1/policies/{policy_id}', { params: { path: { policy_id: policyId! } } }));
    done(ctx, opts, { deleted: policyId }, `Policy ${policyId} deleted.`);
  });
}
