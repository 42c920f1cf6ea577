/**
 * One user: their details, the access groups they belong to (Assign group; remove from a group) and the ⋮ menu
 * with Disable (or Enable) user and Remove user.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { Link, navigate } from '../../app/router.js';
import { messageOf, session } from '../../app/session.js';
import { ConfirmDialog, formatDate, Loading, Modal, Notice, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';
import { LoadedTable } from '../../ui/LoadedTable.js';
import { displayName, StateTag } from './UsersPage.js';
import { STATE_CHECKS, stateItem, UserStateDialog, type StateChange } from './UserStateDialog.js';

export default function UserPage({ params }: { params: Record<string, string> }) {
  const s = session()!;
  const account_id = s.me.accountId;
  const iam_id = params.iamId ?? '';
  const [assigning, setAssigning] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [changing, setChanging] = useState<StateChange>();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const user = useLoad(() => ok(s.client.GET('/v2/accounts/{account_id}/users/{iam_id}', { params: { path: { account_id, iam_id } } })), [iam_id]);
  const groups = useLoad(() => ok(s.client.GET('/v2/groups', { params: { query: { account_id, iam_id, limit: 100, hide_public_access: true } } })), [iam_id]);
  const can = useCan({ remove: { action: 'user-management.user.remove' }, addMembers: { action: 'iam-groups.members.add' }, ...STATE_CHECKS });

  const leave = async (groupId: string, name: string) => {
    try {
      await ok(s.client.DELETE('/v2/groups/{access_group_id}/members/{iam_id}', { params: { path: { access_group_id: groupId, iam_id } } }));
      setMessage({ kind: 'success', text: `Removed from ${name}.` });
      groups.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };

  const title = user.data ? displayName(user.data) : 'User';
  return (
    <>
      <PageHeader title={title} breadcrumb={<><Link to="/iam/users">Users</Link> / {title}</>} actions={
        iam_id !== s.me.iamId ? <OverflowMenu label="User actions" items={[
          ...(user.data ? stateItem(user.data, Boolean(can.update && can.updateState), setChanging) : []),
          { label: 'Remove user', danger: true, disabled: !can.remove, onSelect: () => setRemoving(true) },
        ]} /> : null
      } />
      {user.error ? <Notice kind="error">{user.error}</Notice> : null}
      {user.loading && !user.data ? <Loading what="the user" /> : null}
      {user.data ? (
        <dl className="details">
          <dt>Email</dt><dd>{user.data.email}</dd>
          <dt>State</dt><dd><StateTag state={user.data.state} /></dd>
          <dt>IAM ID</dt><dd><code>{user.data.iam_id}</code></dd>
          <dt>Added</dt><dd>{formatDate(user.data.added_on)}</dd>
        </dl>
      ) : null}
      <section className="section" aria-labelledby="groups-heading">
        <div className="section-header">
          <h2 id="groups-heading">Access groups</h2>
          <button type="button" className="button primary" disabled={!can.addMembers} onClick={() => setAssigning(true)}>Assign group</button>
        </div>
        {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
        <LoadedTable loaded={groups} columns={['Group', 'Description']} actions empty="Not in any access group."
          rows={(data) => data.groups.map((g) => (
            <tr key={g.id}>
              <td><Link to={`/iam/groups/${encodeURIComponent(g.id)}`}>{g.name}</Link></td>
              <td>{g.description || '—'}</td>
              <td className="cell-actions">
                <OverflowMenu label={`Actions for group ${g.name}`} items={[{ label: 'Remove from group', danger: true, onSelect: () => void leave(g.id, g.name) }]} />
              </td>
            </tr>
          ))} />
      </section>
      <AssignGroupDialog open={assigning} iamId={iam_id} current={groups.data?.groups.map((g) => g.id) ?? []}
        onClose={() => setAssigning(false)} onDone={(names) => { setMessage({ kind: 'success', text: `Added to ${names.join(', ')}.` }); groups.reload(); }} />
      <UserStateDialog change={changing} onClose={() => setChanging(undefined)}
        onDone={(c) => { setMessage({ kind: 'success', text: c.state === 'DISABLED' ? `Disabled ${c.email}.` : `Enabled ${c.email}.` }); user.reload(); }} />
      <ConfirmDialog open={removing} title="Remove user" confirmLabel="Remove user" onClose={() => setRemoving(false)}
        body={<p>Remove <strong>{user.data?.email}</strong> from the account? Their API keys stop working and their access ends at once.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v2/accounts/{account_id}/users/{iam_id}', { params: { path: { account_id, iam_id } } }));
          navigate('/iam/users');
        }} />
    </>
  );
}

function AssignGroupDialog({ open, iamId, current, onClose, onDone }: { open: boolean; iamId: string; current: string[]; onClose: () => void; onDone: (names: string[]) => void }) {
  const s = session()!;
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const all = useLoad(() => (open ? ok(s.client.GET('/v2/groups', { params: { query: { account_id: s.me.accountId, limit: 100 } } })) : Promise.resolve(undefined)), [open]);
  const candidates = (all.data?.groups ?? []).filter((g) => !current.includes(g.id) && g.id !== 'AccessGroupId-PublicAccess');
  const close = () => { setChosen([]); setError(undefined); onClose(); };
  const assign = async () => {
    try {
      for (const id of chosen) {
        await ok(s.client.PUT('/v2/groups/{access_group_id}/members', { params: { path: { access_group_id: id } }, body: { members: [{ iam_id: iamId, type: 'user' }] } }));
      }
      onDone(candidates.filter((g) => chosen.includes(g.id)).map((g) => g.name));
      close();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Modal title="Assign group" open={open} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={chosen.length === 0} onClick={() => void assign()}>Add to groups</button>
      </>
    }>
      <fieldset className="choices">
        <legend>Access groups</legend>
        {candidates.map((g) => (
          <label key={g.id} className="choice">
            <input type="checkbox" checked={chosen.includes(g.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, g.id] : c.filter((x) => x !== g.id)))} />
            {g.name}
          </label>
        ))}
        {all.data && candidates.length === 0 ? <p>The user is already in every access group.</p> : null}
      </fieldset>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </Modal>
  );
}
