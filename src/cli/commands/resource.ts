/**
 * `qgate resource …`: resource groups and service instances.
 */
import type { Command } from 'commander';
import { ok } from '#src/client/client.js';
import { action, confirmed, done, outputOf, sub, withForce, withOutput, type Ctx } from '../command-kit.js';
import { CliError } from '../io.js';
import { printList, printObject } from '../output.js';
import { listInstances, listResourceGroups } from '../listings.js';
import { resolveInstance, resolveResourceGroup } from '../resolve.js';

export function registerResource(program: Command, ctx: Ctx): void {
  const resource = sub(program, 'resource', 'Resource groups and service instances', ['qgate resource service-instances']);

  action(withOutput(sub(resource, 'groups', 'List resource groups', ['qgate resource groups'])), async (_a, opts) => {
    const groups = await listResourceGroups(ctx.session());
    printList(ctx.io, outputOf(opts), groups, [['Name', (g) => g.name], ['ID', (g) => g.id], ['Default', (g) => (g.default ? 'yes' : '')], ['State', (g) => g.state]], 'No resource groups.');
  });

  action(withOutput(sub(resource, 'group-create <name>', 'Create a resource group', ['qgate resource group-create finance'])), async ([name], opts) => {
    const s = ctx.session();
    const group = await ok(s.client.POST('/v2/resource_groups', { body: { name: name!, account_id: s.accountId } }));
    done(ctx, opts, { ...group, name }, `Resource group ${name} created (${group.id}).`);
  });

  action(withOutput(sub(resource, 'service-instances', 'List the service instances you may see', ['qgate resource service-instances --output json'])), async (_a, opts) => {
    const s = ctx.session();
    const [instances, groups] = await Promise.all([listInstances(s), listResourceGroups(s)]);
    const groupName = new Map(groups.map((g) => [g.id, g.name]));
    printList(ctx.io, outputOf(opts), instances, [
      ['Name', (i) => i.name],
      ['Plan', (i) => i.resource_plan_id],
      ['Location', (i) => i.region_id],
      ['Resource group', (i) => groupName.get(i.resource_group_id) ?? i.resource_group_id],
      ['State', (i) => i.state],
      ['GUID', (i) => i.guid],
    ], 'No service instances.');
  });

  const create = sub(resource, 'service-instance-create <name> <service> <plan> <location>', 'Create a service instance', [
    'qgate resource service-instance-create QR-ml quantum-computing standard us-east',
    'qgate resource service-instance-create QR-finance quantum-computing open us-east -g finance',
  ]).option('-g, --resource-group <group>', 'resource group (name or id; default: the default group)');
  action(withOutput(create), async ([name, service, plan, location], opts) => {
    const s = ctx.session();
    const catalog = (await ok(s.client.GET('/v1/catalog/services', { params: { query: { account_id: s.accountId } } }))).resources;
    const offered = catalog.find((c) => c.name === service || c.id === service);
    if (!offered) throw new CliError(`the catalog offers no service '${service}'; it offers ${catalog.map((c) => c.name).join(', ')}`);
    const group = await resolveResourceGroup(s, opts.resourceGroup as string | undefined);
    const inst = await ok(s.client.POST('/v2/resource_instances', { body: { name: name!, target: location!, resource_group: group.id, resource_plan_id: plan! } }));
    done(ctx, opts, inst, `Service instance ${inst.name} created.\nGUID: ${inst.guid}\nCRN:  ${inst.crn}`);
  });

  action(withOutput(sub(resource, 'service-instance <instance>', 'Show a service instance (name, GUID or CRN)', ['qgate resource service-instance QR-ml'])), async ([ref], opts) => {
    const inst = await resolveInstance(ctx.session(), ref!);
    printObject(ctx.io, outputOf(opts), inst as unknown as Record<string, unknown>, [
      ['Name', (i) => i.name], ['GUID', (i) => i.guid], ['CRN', (i) => i.crn], ['Plan', (i) => i.resource_plan_id], ['Location', (i) => i.region_id],
      ['Resource group', (i) => i.resource_group_id], ['State', (i) => i.state], ['Locked', (i) => (i.locked ? 'yes' : 'no')], ['Created', (i) => i.created_at],
    ]);
  });

  const del = withForce(sub(resource, 'service-instance-delete <instance>', 'Delete a service instance (its queued and running jobs are cancelled)', [
    'qgate resource service-instance-delete QR-ml',
    'qgate resource service-instance-delete QR-ml -f',
  ]));
  action(withOutput(del), async ([ref], opts) => {
    const s = ctx.session();
    const inst = await resolveInstance(s, ref!);
    await confirmed(ctx, opts, `Delete service instance ${inst.name} (${inst.guid})? Its queued and running jobs are cancelled.`);
    await ok(s.client.DELETE('/v2/resource_instances/{id}', { params: { path: { id: inst.guid } } }));
    done(ctx, opts, { deleted: inst.guid, name: inst.name }, `Service instance ${inst.name} deleted.`);
  });
}
