/**
 * Roles: the account's custom roles, made from a service's actions (the seed tutorial's job deleter is one).
 */
import { useMemo, useState } from 'react';
import { ok } from '@client/client.js';
import { messageOf, session } from '../../app/session.js';
import { ConfirmDialog, Field, Modal, Notice, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';
import { LoadedTable } from '../../ui/LoadedTable.js';
import { SERVICES, serviceLabel } from '../groups/services.js';

export default function RolesPage() {
  const s = session()!;
  const account_id = s.me.accountId;
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<{ id: string; display_name: string }>();
  const roles = useLoad(() => ok(s.client.GET('/v2/roles', { params: { query: { account_id } } })), []);
  const can = useCan({ create: { action: 'iam-access-management.customRole.create' }, remove: { action: 'iam-access-management.customRole.delete' } });
  return (
    <>
      <PageHeader title="Roles" breadcrumb={<span>Manage → Access (IAM)</span>} actions={
        <button type="button" className="button primary" disabled={!can.create} onClick={() => setCreating(true)}>Create custom role</button>
      } />
      <p>Custom roles grant exactly the actions you choose on one service. Assign them to access groups like any other role.</p>
      <LoadedTable loaded={roles} what="roles" caption="Custom roles" columns={['Name', 'ID', 'Service', 'Actions granted']} actions
        empty="No custom roles yet." rows={(data) => data.custom_roles.map((r) => (
          <tr key={r.id}>
            <td>{r.display_name}</td>
            <td><code>{r.name}</code></td>
            <td>{serviceLabel(r.service_name)}</td>
            <td>{r.actions.join(', ')}</td>
            <td className="cell-actions"><OverflowMenu label={`Actions for role ${r.display_name}`} items={[{ label: 'Delete role', danger: true, disabled: !can.remove, onSelect: () => setDeleting(r) }]} /></td>
          </tr>
        ))} />
      <CreateRoleDialog open={creating} onClose={() => setCreating(false)} onCreated={roles.reload} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete custom role" confirmLabel="Delete" onClose={() => setDeleting(undefined)}
        body={<p>Delete <strong>{deleting?.display_name}</strong>? Policies that grant it stop granting its actions.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v2/roles/{role_id}', { params: { path: { role_id: deleting!.id } } }));
          roles.reload();
        }} />
    </>
  );
}

function CreateRoleDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const s = session()!;
  const account_id = s.me.accountId;
  const [displayName, setDisplayName] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [service, setService] = useState('quantum-computing');
  const [actions, setActions] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const catalog = useLoad(() => (open ? ok(s.client.GET('/v2/roles', { params: { query: { account_id, service_name: service } } })) : Promise.resolve(undefined)), [open, service]);
  // The action picker offers every action the service's own roles grant.
  const available = useMemo(() => {
    const all = new Set<string>();
    for (const r of [...(catalog.data?.system_roles ?? []), ...(catalog.data?.service_roles ?? [])]) for (const a of r.actions) if (a.startsWith(`${service}.`)) all.add(a);
    return [...all].sort();
  }, [catalog.data, service]);
  const close = () => { setDisplayName(''); setName(''); setDescription(''); setActions([]); setError(undefined); onClose(); };
  const create = async () => {
    try {
      await ok(s.client.POST('/v2/roles', {
        body: { name: name.trim() || displayName.replace(/[^A-Za-z0-9]/g, ''), display_name: displayName.trim(), account_id, service_name: service, actions, ...(description.trim() ? { description: description.trim() } : {}) },
      }));
      onCreated();
      close();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Modal title="Create custom role" open={open} onClose={close} wide footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={!displayName.trim() || actions.length === 0} onClick={() => void create()}>Create</button>
      </>
    }>
      <div className="form-grid">
        <Field label="Name">{(id) => <input id={id} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}</Field>
        <Field label="ID" hint="Letters and digits, starting with a capital; made from the name when left empty.">
          {(id) => <input id={id} value={name} placeholder={displayName.replace(/[^A-Za-z0-9]/g, '')} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      <Field label="Description (optional)">{(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      <Field label="Service">
        {(id) => (
          <select id={id} value={service} onChange={(e) => { setService(e.target.value); setActions([]); }}>
            {SERVICES.map(([n, label]) => <option key={n} value={n}>{label}</option>)}
          </select>
        )}
      </Field>
      <fieldset className="choices">
        <legend>Actions</legend>
        <div className="choice-grid">
          {available.map((a) => (
            <label key={a} className="choice">
              <input type="checkbox" checked={actions.includes(a)} onChange={(e) => setActions((c) => (e.target.checked ? [...c, a] : c.filter((x) => x !== a)))} />
              <code>{a}</code>
            </label>
          ))}
        </div>
      </fieldset>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </Modal>
  );
}
