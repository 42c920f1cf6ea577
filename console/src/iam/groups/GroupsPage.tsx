/**
 * Access groups: the account's groups (a project each, in the seed tutorial), create and delete.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { Link, navigate } from '../../app/router.js';
import { messageOf, session } from '../../app/session.js';
import { ConfirmDialog, errorByField, Field, Loading, Modal, Notice, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';

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
      {groups.error ? <Notice kind="error">{groups.error}</Notice> : null}
      {groups.loading && !groups.data ? <Loading what="access groups" /> : null}
      {groups.data ? (
        <table className="data-table">
          <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {groups.data.groups.map((g) => (
              <tr key={g.id}>
                <td><Link to={`/iam/groups/${encodeURIComponent(g.id)}`}>{g.name}</Link></td>
                <td>{g.description || '—'}</td>
                <td className="cell-actions">
                  {g.id !== 'AccessGroupId-PublicAccess' ? <OverflowMenu label={`Actions for group ${g.name}`} items={[{ label: 'Delete group', danger: true, disabled: !can.remove, onSelect: () => setDeleting(g) }]} /> : null}
                </td>
              </tr>
            ))}
            {groups.data.groups.length === 0 ? <tr><td colSpan={3}>No access groups yet.</td></tr> : null}
          </tbody>
        </table>
      ) : null}
      <CreateGroupDialog open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/iam/groups/${encodeURIComponent(id)}`)} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete access group" confirmLabel="Delete" onClose={() => setDeleting(undefined)}
        body={<p>Delete <strong>{deleting?.name}</strong>? Its members lose the access its policies give.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v2/groups/{access_group_id}', { params: { path: { access_group_id: deleting!.id }, query: { force: true } } }));
          groups.reload();
        }} />
    </>
  );
}

function CreateGroupDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const s = session()!;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string>();
  const split = errorByField(error, ['name', 'description'] as const);
  const close = () => { setName(''); setDescription(''); setError(undefined); onClose(); };
  const create = async () => {
    try {
      const g = await ok(s.client.POST('/v2/groups', { params: { query: { account_id: s.me.accountId } }, body: { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) } }));
      close();
      onCreated(g.id);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Modal title="Create access group" open={open} onClose={close} footer={
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
