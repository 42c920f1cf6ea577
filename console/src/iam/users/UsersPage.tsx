/**
 * Manage → Access (IAM) → Users: the account's users with their state, search and paging, the Invite users
 * dialog, each user's ⋮ menu (Disable or Enable user, Remove user) and, for administrators, the pending invitations.
 */
import { useEffect, useState } from 'react';
import { ok } from '@client/client.js';
import { Link } from '../../app/router.js';
import { session } from '../../app/session.js';
import { ConfirmDialog, formatDate, Loading, Notice, OverflowMenu, PageHeader, Pager } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';
import { InviteDialog } from './InviteDialog.js';
import { InvitationsTable } from './InvitationsTable.js';
import { STATE_CHECKS, stateItem, UserStateDialog, type StateChange } from './UserStateDialog.js';

const PAGE_SIZE = 20;
export const READY_MARK = 'qgate:users-page-ready';

export interface UserRow { iam_id: string; email: string; firstname: string; lastname: string; state: string; added_on: string }

/** Free text searches names and emails (IBM's `search` takes `field:value` terms, any of which may match); `field:value` is passed as it is. */
export const searchTerms = (text: string) => (text.includes(':') ? text : ['email', 'firstname', 'lastname'].map((f) => `${f}:${text.replace(/,/g, ' ')}`).join(','));

export const displayName = (u: { firstname: string; lastname: string; email: string }) => `${u.firstname} ${u.lastname}`.trim() || u.email;

export function StateTag({ state }: { state: string }) {
  return <span className={`tag tag-${state.toLowerCase()}`}>{state === 'PENDING' ? 'Pending invitation' : state.charAt(0) + state.slice(1).toLowerCase()}</span>;
}

export function UsersPage() {
  const s = session()!;
  const account_id = s.me.accountId;
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [starts, setStarts] = useState<string[]>(['']);
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<UserRow>();
  const [changing, setChanging] = useState<StateChange>();
  const [notice, setNotice] = useState<string>();
  const start = starts[starts.length - 1]!;
  const can = useCan({
    invite: { action: 'user-management.user.invite' },
    remove: { action: 'user-management.user.remove' },
    invitations: { action: 'user-management.invitation.list' },
    ...STATE_CHECKS,
  });
  // Bumped after each change, so that the users and the pending invitations are read again.
  const [version, setVersion] = useState(0);
  const users = useLoad(
    () => ok(s.client.GET('/v2/accounts/{account_id}/users', { params: { path: { account_id }, query: { limit: PAGE_SIZE, ...(query ? { search: searchTerms(query) } : {}), ...(start ? { _start: start } : {}) } } })),
    [query, start, version],
  );
  // Marks the moment the page is usable (rows shown, the decision on Invite known): the benchmark reads it.
  const ready = Boolean(users.data) && can.invite !== undefined;
  useEffect(() => {
    if (ready && performance.getEntriesByName(READY_MARK).length === 0) performance.mark(READY_MARK);
  }, [ready]);
  const nextStart = users.data?.next_url ? new URL(users.data.next_url, window.location.origin).searchParams.get('_start') : null;

  return (
    <>
      <PageHeader title="Users" breadcrumb={<span>Manage → Access (IAM)</span>} actions={
        <button type="button" className="button primary" disabled={!can.invite} title={can.invite === false ? 'You may not invite users to this account' : undefined} onClick={() => setInviting(true)}>Invite users</button>
      } />
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setStarts(['']); setQuery(search.trim()); }}>
        <label className="visually-hidden" htmlFor="user-search">Search users by name or email</label>
        <input id="user-search" type="search" placeholder="Search by name or email" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="submit" className="button secondary">Search</button>
      </form>
      {users.error ? <Notice kind="error">{users.error}</Notice> : null}
      {users.loading && !users.data ? <Loading what="users" /> : null}
      {users.data ? (
        <>
          <table className="data-table">
            <caption className="visually-hidden">Users of the account</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">State</th><th scope="col">Added</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {users.data.resources.map((u) => (
                <tr key={u.iam_id}>
                  <td><Link to={`/iam/users/${encodeURIComponent(u.iam_id)}`}>{displayName(u)}</Link></td>
                  <td>{u.email}</td>
                  <td><StateTag state={u.state} /></td>
                  <td>{formatDate(u.added_on)}</td>
                  <td className="cell-actions">
                    {u.iam_id !== s.me.iamId ? (
                      <OverflowMenu label={`Actions for ${u.email}`} items={[
                        ...stateItem(u, Boolean(can.update && can.updateState), setChanging),
                        { label: 'Remove user', danger: true, disabled: !can.remove, onSelect: () => setRemoving(u) },
                      ]} />
                    ) : null}
                  </td>
                </tr>
              ))}
              {users.data.resources.length === 0 ? <tr><td colSpan={5}>No users match.</td></tr> : null}
            </tbody>
          </table>
          <Pager page={starts.length - 1} hasNext={Boolean(nextStart)} summary={`${users.data.total_results} ${users.data.total_results === 1 ? "user" : "users"}`}
            onPrevious={() => setStarts((st) => st.slice(0, -1))} onNext={() => nextStart && setStarts((st) => [...st, nextStart])} />
        </>
      ) : null}
      {can.invitations ? <InvitationsTable version={version} onChange={users.reload} /> : null}
      <InviteDialog open={inviting} onClose={() => setInviting(false)} onInvited={(n) => { setNotice(`Invited ${n} ${n === 1 ? 'user' : 'users'}; each gets an email with a link to join.`); setVersion((v) => v + 1); }} />
      <UserStateDialog change={changing} onClose={() => setChanging(undefined)}
        onDone={(c) => { setNotice(c.state === 'DISABLED' ? `Disabled ${c.email}.` : `Enabled ${c.email}.`); setVersion((v) => v + 1); }} />
      <ConfirmDialog open={Boolean(removing)} title="Remove user" confirmLabel="Remove user" onClose={() => setRemoving(undefined)}
        body={<p>Remove <strong>{removing?.email}</strong> from the account? Their API keys stop working and their access ends at once.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v2/accounts/{account_id}/users/{iam_id}', { params: { path: { account_id, iam_id: removing!.iam_id } } }));
          setNotice(`Removed ${removing!.email}.`);
          setVersion((v) => v + 1);
        }} />
    </>
  );
}
