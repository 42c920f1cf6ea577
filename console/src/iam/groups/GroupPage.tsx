/**
 * One access group: its members (add users, remove; dynamic memberships come from its rules), its dynamic rules and
 * its access policies (service, instances, platform, service and custom roles).
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { Link } from '../../app/router.js';
import { messageOf, session } from '../../app/session.js';
import { ConfirmDialog, Loading, Modal, Notice, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';
import { AssignAccessDialog, type PolicyView } from './AssignAccessDialog.js';
import { DynamicRulesSection } from './DynamicRules.js';
import { serviceLabel } from './services.js';

export default function GroupPage({ params }: { params: Record<string, string> }) {
  const s = session()!;
  const account_id = s.me.accountId;
  const gid = params.groupId ?? '';
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [adding, setAdding] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [removingPolicy, setRemovingPolicy] = useState<PolicyView>();
  const group = useLoad(() => ok(s.client.GET('/v2/groups/{access_group_id}', { params: { path: { access_group_id: gid } } })), [gid]);
  const members = useLoad(() => ok(s.client.GET('/v2/groups/{access_group_id}/members', { params: { path: { access_group_id: gid }, query: { verbose: true, limit: 100 } } })), [gid]);
  const policies = useLoad(async () => (await ok(s.client.GET('/v1/policies', { params: { query: { account_id, access_group_id: gid } } }))).policies as unknown as PolicyView[], [gid]);
  const instances = useLoad(() => ok(s.client.GET('/v2/resource_instances', { params: { query: { limit: 100 } } })), []);
  const can = useCan({
    add: { action: 'iam-groups.members.add', attributes: { resource: gid } },
    remove: { action: 'iam-groups.members.delete', attributes: { resource: gid } },
    policy: { action: 'iam.policy.create', attributes: { serviceName: 'quantum-computing' } },
  }, [gid]);
  const instanceName = (guid: string) => instances.data?.resources.find((i) => i.guid === guid)?.name ?? guid;

  const removeMember = async (iam_id: string, label: string) => {
    try {
      await ok(s.client.DELETE('/v2/groups/{access_group_id}/members/{iam_id}', { params: { path: { access_group_id: gid, iam_id } } }));
      setMessage({ kind: 'success', text: `Removed ${label} from the group.` });
      members.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };

  const name = group.data?.name ?? 'Access group';
  return (
    <>
      <PageHeader title={name} breadcrumb={<><Link to="/iam/groups">Access groups</Link> / {name}</>} />
      {group.error ? <Notice kind="error">{group.error}</Notice> : null}
      {group.data?.description ? <p>{group.data.description}</p> : null}
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <section className="section" aria-labelledby="members-heading">
        <div className="section-header">
          <h2 id="members-heading">Users</h2>
          <button type="button" className="button primary" disabled={!can.add} onClick={() => setAdding(true)}>Add users</button>
        </div>
        {members.error ? <Notice kind="error">{members.error}</Notice> : null}
        {members.loading && !members.data ? <Loading what="members" /> : null}
        {members.data ? (
          <table className="data-table">
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Type</th><th scope="col">Membership</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {members.data.members.map((m) => (
                <tr key={m.iam_id}>
                  <td>{m.type === 'user' ? <Link to={`/iam/users/${encodeURIComponent(m.iam_id)}`}>{m.name || m.email || m.iam_id}</Link> : m.name || m.iam_id}</td>
                  <td>{m.email || '—'}</td>
                  <td>{m.type === 'user' ? 'User' : 'Service ID'}</td>
                  <td>{m.membership_type === 'dynamic' ? 'Dynamic (by a rule)' : 'Static'}</td>
                  <td className="cell-actions">
                    {/* A dynamic membership ends with its rule or its expiration, not by removal. */}
                    <OverflowMenu label={`Actions for member ${m.email || m.name || m.iam_id}`} items={[{ label: 'Remove from group', danger: true, disabled: !can.remove || m.membership_type === 'dynamic', onSelect: () => void removeMember(m.iam_id, m.email || m.name || m.iam_id) }]} />
                  </td>
                </tr>
              ))}
              {members.data.members.length === 0 ? <tr><td colSpan={5}>No members yet.</td></tr> : null}
            </tbody>
          </table>
        ) : null}
      </section>
      <DynamicRulesSection groupId={gid} onChanged={members.reload} />
      <section className="section" aria-labelledby="access-heading">
        <div className="section-header">
          <h2 id="access-heading">Access</h2>
          <button type="button" className="button primary" disabled={!can.policy} onClick={() => setAssigning(true)}>Assign access</button>
        </div>
        {policies.error ? <Notice kind="error">{policies.error}</Notice> : null}
        {policies.data ? (
          <table className="data-table">
            <thead><tr><th scope="col">Service</th><th scope="col">Resources</th><th scope="col">Roles</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {policies.data.map((p) => {
                const attrs = Object.fromEntries((p.resources[0]?.attributes ?? []).map((a) => [a.name, a.value]));
                return (
                  <tr key={p.id}>
                    <td>{serviceLabel(attrs.serviceName ?? 'All services')}</td>
                    <td>{attrs.serviceInstance ? `Instance ${instanceName(attrs.serviceInstance)}` : attrs.resourceGroupId ? `Resource group ${attrs.resourceGroupId}` : attrs.resource ? `Resource ${attrs.resource}` : 'All resources'}</td>
                    <td>{p.roles.map((r) => r.display_name || r.role_id).join(', ')}</td>
                    <td className="cell-actions">
                      <OverflowMenu label={`Actions for policy on ${attrs.serviceInstance ? instanceName(attrs.serviceInstance) : attrs.serviceName ?? 'all services'}`}
                        items={[{ label: 'Remove access', danger: true, onSelect: () => setRemovingPolicy(p) }]} />
                    </td>
                  </tr>
                );
              })}
              {policies.data.length === 0 ? <tr><td colSpan={4}>No access assigned yet.</td></tr> : null}
            </tbody>
          </table>
        ) : null}
      </section>
      <AddMembersDialog open={adding} groupId={gid} current={members.data?.members.map((m) => m.iam_id) ?? []} onClose={() => setAdding(false)}
        onDone={(n) => { setMessage({ kind: 'success', text: `Added ${n} ${n === 1 ? 'user' : 'users'}.` }); members.reload(); }} />
      <AssignAccessDialog open={assigning} groupId={gid} instances={instances.data?.resources ?? []} onClose={() => setAssigning(false)}
        onDone={(n) => { setMessage({ kind: 'success', text: `Assigned access (${n} ${n === 1 ? 'policy' : 'policies'}).` }); policies.reload(); }} />
      <ConfirmDialog open={Boolean(removingPolicy)} title="Remove access" confirmLabel="Remove" onClose={() => setRemovingPolicy(undefined)}
        body={<p>Remove this policy? The group's members lose the access it gives at once.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v1/policies/{policy_id}', { params: { path: { policy_id: removingPolicy!.id } } }));
          policies.reload();
        }} />
    </>
  );
}

function AddMembersDialog({ open, groupId, current, onClose, onDone }: { open: boolean; groupId: string; current: string[]; onClose: () => void; onDone: (n: number) => void }) {
  const s = session()!;
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const users = useLoad(() => (open ? ok(s.client.GET('/v2/accounts/{account_id}/users', { params: { path: { account_id: s.me.accountId }, query: { limit: 100 } } })) : Promise.resolve(undefined)), [open]);
  const candidates = (users.data?.resources ?? []).filter((u) => !current.includes(u.iam_id));
  const close = () => { setChosen([]); setError(undefined); onClose(); };
  const add = async () => {
    try {
      await ok(s.client.PUT('/v2/groups/{access_group_id}/members', { params: { path: { access_group_id: groupId } }, body: { members: chosen.map((iam_id) => ({ iam_id, type: 'user' as const })) } }));
      onDone(chosen.length);
      close();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Modal title="Add users" open={open} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={chosen.length === 0} onClick={() => void add()}>Add to group</button>
      </>
    }>
      <fieldset className="choices">
        <legend>Users of the account</legend>
        {candidates.map((u) => (
          <label key={u.iam_id} className="choice">
            <input type="checkbox" checked={chosen.includes(u.iam_id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, u.iam_id] : c.filter((x) => x !== u.iam_id)))} />
            {u.email}
          </label>
        ))}
        {users.data && candidates.length === 0 ? <p>Every user is already a member.</p> : null}
      </fieldset>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </Modal>
  );
}
