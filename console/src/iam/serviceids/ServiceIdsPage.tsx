/**
 * Service IDs: identities for applications, which get their own API keys and access.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { session } from '../../app/session.js';
import { ConfirmDialog, formatDate, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';
import { LoadedTable } from '../../ui/LoadedTable.js';
import { NameDescriptionDialog } from '../../ui/NameDescriptionDialog.js';

export default function ServiceIdsPage() {
  const s = session()!;
  const account_id = s.me.accountId;
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<{ id: string; name: string }>();
  const ids = useLoad(() => ok(s.client.GET('/v1/serviceids/', { params: { query: { account_id, pagesize: 100 } } })), []);
  const can = useCan({ create: { action: 'iam-identity.serviceid.create' }, remove: { action: 'iam-identity.serviceid.delete' } });
  return (
    <>
      <PageHeader title="Service IDs" breadcrumb={<span>Manage → Access (IAM)</span>} actions={
        <button type="button" className="button primary" disabled={!can.create} onClick={() => setCreating(true)}>Create</button>
      } />
      <LoadedTable loaded={ids} what="service IDs" caption="Service IDs" columns={['Name', 'Description', 'IAM ID', 'Created']} actions empty="No service IDs yet."
        rows={(data) => data.serviceids.map((sid) => (
          <tr key={sid.id}>
            <td>{sid.name}</td>
            <td>{sid.description || '—'}</td>
            <td><code>{sid.iam_id}</code></td>
            <td>{formatDate(sid.created_at)}</td>
            <td className="cell-actions"><OverflowMenu label={`Actions for service ID ${sid.name}`} items={[{ label: 'Delete', danger: true, disabled: !can.remove || sid.locked, onSelect: () => setDeleting(sid) }]} /></td>
          </tr>
        ))} />
      <NameDescriptionDialog title="Create a service ID" open={creating} onClose={() => setCreating(false)}
        create={(input) => ok(s.client.POST('/v1/serviceids/', { body: { account_id, ...input } }))} onCreated={ids.reload} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete service ID" confirmLabel="Delete" onClose={() => setDeleting(undefined)}
        body={<p>Delete <strong>{deleting?.name}</strong> and its API keys?</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v1/serviceids/{id}', { params: { path: { id: deleting!.id } } }));
          ids.reload();
        }} />
    </>
  );
}
