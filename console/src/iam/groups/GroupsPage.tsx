/**
 * Access groups: the account's groups (a project each, in the seed tutorial), create and delete.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { Link, navigate } from '../../app/router.js';
import { session } from '../../app/session.js';
import { ConfirmDialog, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';
import { LoadedTable } from '../../ui/LoadedTable.js';
import { NameDescriptionDialog } from '../../ui/NameDescriptionDialog.js';

export default function GroupsPage() {
  const s = session()!;
  const account_id = s.me.accountId;
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<{ id: string; name: string }>();
  const groups = useLoad(() => ok(s.client.GET('/v2/groups', { params: { query: { account_id, limit: 100 } } })), []);
  const can = useCan({ create: { action: 'iam-groups.groups.create' }, remove: { action: 'iam-groups.groups.delete' } });
  return (
    <>
      <PageHeader title="Access groups" breadcrumb={<span>Manage → Access (IAM)</span>} actions={
        <button type="button" className="button primary" disabled={!can.create} onClick={() => setCreating(true)}>Create access group</button>
      } />
      <LoadedTable loaded={groups} what="access groups" columns={['Name', 'Description']} actions empty="No access groups yet."
        rows={(data) => data.groups.map((g) => (
          <tr key={g.id}>
            <td><Link to={`/iam/groups/${encodeURIComponent(g.id)}`}>{g.name}</Link></td>
            <td>{g.description || '—'}</td>
            <td className="cell-actions">
              {g.id !== 'AccessGroupId-PublicAccess' ? <OverflowMenu label={`Actions for group ${g.name}`} items={[{ label: 'Delete group', danger: true, disabled: !can.remove, onSelect: () => setDeleting(g) }]} /> : null}
            </td>
          </tr>
        ))} />
      <NameDescriptionDialog title="Create access group" open={creating} onClose={() => setCreating(false)}
        create={(input) => ok(s.client.POST('/v2/groups', { params: { query: { account_id } }, body: input }))}
        onCreated={(g) => navigate(`/iam/groups/${encodeURIComponent(g.id)}`)} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete access group" confirmLabel="Delete" onClose={() => setDeleting(undefined)}
        body={<p>Delete <strong>{deleting?.name}</strong>? Its members lose the access its policies give.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v2/groups/{access_group_id}', { params: { path: { access_group_id: deleting!.id }, query: { force: true } } }));
          groups.reload();
        }} />
    </>
  );
}
