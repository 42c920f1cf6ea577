/**
 * Resource groups: the account's groups that instances are made in; create, rename, and delete an empty one that is
 * not the default (the server says why when it refuses).
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { session } from '../app/session.js';
import { ConfirmDialog, formatDate, Notice, OverflowMenu, PageHeader } from '../ui/components.js';
import { useCan, useLoad, type Check } from '../ui/hooks.js';
import { LoadedTable } from '../ui/LoadedTable.js';
import { NameDialog } from './NameDialog.js';

interface Group { id: string; name: string }

const groupCheck = (action: string, id?: string): Check => ({
  action, attributes: { serviceName: 'resource-controller', resourceType: 'resource-group', ...(id ? { resource: id } : {}) },
});

export default function ResourceGroupsPage() {
  const s = session()!;
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Group>();
  const [deleting, setDeleting] = useState<Group>();
  const [notice, setNotice] = useState<string>();
  const groups = useLoad(() => ok(s.client.GET('/v2/resource_groups', {})), []);
  // Asked per group: a policy may grant one group and not another.
  const checks: Record<string, Check> = { create: groupCheck('resource-controller.group.create') };
  for (const g of groups.data?.resources ?? []) {
    checks[`update:${g.id}`] = groupCheck('resource-controller.group.update', g.id);
    checks[`delete:${g.id}`] = groupCheck('resource-controller.group.delete', g.id);
  }
  const can = useCan(checks);
  return (
    <>
      <PageHeader title="Resource groups" breadcrumb={<span>Resources</span>} actions={
        <button type="button" className="button primary" disabled={!can.create} onClick={() => setCreating(true)}>Create resource group</button>
      } />
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <LoadedTable loaded={groups} what="resource groups" caption="Resource groups" columns={['Name', 'ID', 'Default', 'State', 'Created']} actions
        empty="No resource groups you may see." rows={(data) => data.resources.map((g) => (
          <tr key={g.id}>
            <td>{g.name}</td>
            <td><code>{g.id}</code></td>
            <td>{g.default ? 'Yes' : 'No'}</td>
            <td><span className={`tag tag-${g.state.toLowerCase()}`}>{g.state.charAt(0) + g.state.slice(1).toLowerCase()}</span></td>
            <td>{formatDate(g.created_at)}</td>
            <td className="cell-actions">
              <OverflowMenu label={`Actions for resource group ${g.name}`} items={[
                { label: 'Rename', disabled: !can[`update:${g.id}`], onSelect: () => setRenaming(g) },
                { label: 'Delete', danger: true, disabled: !can[`delete:${g.id}`], onSelect: () => setDeleting(g) },
              ]} />
            </td>
          </tr>
        ))} />
      <NameDialog title="Create a resource group" submitLabel="Create" open={creating} onClose={() => setCreating(false)}
        submit={async (name) => {
          await ok(s.client.POST('/v2/resource_groups', { body: { name } }));
          setNotice(`Created ${name}.`);
          groups.reload();
        }} />
      <NameDialog title="Rename resource group" submitLabel="Rename" initial={renaming?.name} open={Boolean(renaming)} onClose={() => setRenaming(undefined)}
        submit={async (name) => {
          await ok(s.client.PATCH('/v2/resource_groups/{id}', { params: { path: { id: renaming!.id } }, body: { name } }));
          setNotice(`Renamed ${renaming!.name} to ${name}.`);
          groups.reload();
        }} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete resource group" confirmLabel="Delete" onClose={() => setDeleting(undefined)}
        body={<p>Delete <strong>{deleting?.name}</strong>? Only an empty group that is not the account's default can be deleted.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v2/resource_groups/{id}', { params: { path: { id: deleting!.id } } }));
          setNotice(`Deleted ${deleting!.name}.`);
          groups.reload();
        }} />
    </>
  );
}
