/**
 * Service IDs: identities for applications, which get their own API keys and access.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { messageOf, session } from '../../app/session.js';
import { ConfirmDialog, errorByField, Field, formatDate, Loading, Modal, Notice, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';

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
      {ids.error ? <Notice kind="error">{ids.error}</Notice> : null}
      {ids.loading && !ids.data ? <Loading what="service IDs" /> : null}
      {ids.data ? (
        <table className="data-table">
          <caption className="visually-hidden">Service IDs</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">IAM ID</th><th scope="col">Created</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {ids.data.serviceids.map((sid) => (
              <tr key={sid.id}>
                <td>{sid.name}</td>
                <td>{sid.description || '—'}</td>
                <td><code>{sid.iam_id}</code></td>
                <td>{formatDate(sid.created_at)}</td>
                <td className="cell-actions"><OverflowMenu label={`Actions for service ID ${sid.name}`} items={[{ label: 'Delete', danger: true, disabled: !can.remove || sid.locked, onSelect: () => setDeleting(sid) }]} /></td>
              </tr>
            ))}
            {ids.data.serviceids.length === 0 ? <tr><td colSpan={5}>No service IDs yet.</td></tr> : null}
          </tbody>
        </table>
      ) : null}
      <CreateDialog open={creating} onClose={() => setCreating(false)} onCreated={ids.reload} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete service ID" confirmLabel="Delete" onClose={() => setDeleting(undefined)}
        body={<p>Delete <strong>{deleting?.name}</strong> and its API keys?</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v1/serviceids/{id}', { params: { path: { id: deleting!.id } } }));
          ids.reload();
        }} />
    </>
  );
}

function CreateDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const s = session()!;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string>();
  const split = errorByField(error, ['name', 'description'] as const);
  const close = () => { setName(''); setDescription(''); setError(undefined); onClose(); };
  const create = async () => {
    try {
      await ok(s.client.POST('/v1/serviceids/', { body: { account_id: s.me.accountId, name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) } }));
      onCreated();
      close();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Modal title="Create a service ID" open={open} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={!name.trim()} onClick={() => void create()}>Create</button>
      </>
    }>
      <Field label="Name" error={split.field === 'name' ? split.message : undefined}>{(id, aria) => <input id={id} {...aria} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label="Description (optional)" error={split.field === 'description' ? split.message : undefined}>{(id, aria) => <input id={id} {...aria} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      {split.message && !split.field ? <Notice kind="error">{split.message}</Notice> : null}
    </Modal>
  );
}
