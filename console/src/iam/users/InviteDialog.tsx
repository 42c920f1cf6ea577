/**
 * Invite users: email addresses and the access groups the new users join once they accept.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { session } from '../../app/session.js';
import { errorByField, Field, Loading, Modal, Notice } from '../../ui/components.js';
import { useLoad } from '../../ui/hooks.js';
import { useSubmission } from '../../ui/useSubmission.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function InviteDialog({ open, onClose, onInvited }: { open: boolean; onClose: () => void; onInvited: (count: number) => void }) {
  const s = session()!;
  const [emails, setEmails] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const { busy, error, setError, run } = useSubmission();
  const groups = useLoad(
    () => (open ? ok(s.client.GET('/v2/groups', { params: { query: { account_id: s.me.accountId, limit: 100 } } })) : Promise.resolve(undefined)),
    [open],
  );
  // Complaints about the addresses (ours, or the server's about `users`) go beside the field.
  const split = error?.startsWith('Enter at least') || error?.startsWith('Not an email') ? { field: 'users' as const, message: error } : errorByField(error, ['users'] as const);
  const list = emails.split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean);
  const close = () => { setEmails(''); setChosen([]); setError(undefined); onClose(); };

  const invite = async () => {
    const bad = list.filter((e) => !EMAIL.test(e));
    if (list.length === 0) return setError('Enter at least one email address.');
    if (bad.length > 0) return setError(`Not an email address: ${bad.join(', ')}.`);
    return run(async () => {
      await ok(s.client.POST('/v2/accounts/{account_id}/users', {
        params: { path: { account_id: s.me.accountId } },
        body: { users: list.map((email) => ({ email, account_role: 'Member' as const })), ...(chosen.length ? { access_groups: chosen } : {}) },
      }));
      onInvited(list.length);
      close();
    });
  };

  return (
    <Modal title="Invite users" open={open} onClose={close} wide footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void invite()}>Invite</button>
      </>
    }>
      <Field label="Email addresses" hint="Separate addresses with commas, spaces or new lines." error={split.field ? split.message : undefined}>
        {(id, aria) => <textarea id={id} {...aria} rows={3} value={emails} onChange={(e) => setEmails(e.target.value)} />}
      </Field>
      <fieldset className="choices">
        <legend>Access groups</legend>
        <p className="hint">The users join these groups when they accept. You can change this later on each user's page.</p>
        {groups.error ? <Notice kind="error">{groups.error}</Notice> : null}
        {groups.loading && !groups.data ? <Loading what="access groups" /> : null}
        {groups.data?.groups.filter((g) => g.id !== 'AccessGroupId-PublicAccess').map((g) => (
          <label key={g.id} className="choice">
            <input type="checkbox" checked={chosen.includes(g.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, g.id] : c.filter((x) => x !== g.id)))} />
            {g.name}{g.description ? <span className="hint"> — {g.description}</span> : null}
          </label>
        ))}
        {groups.data && groups.data.groups.length === 0 ? <p>The account has no access groups yet.</p> : null}
      </fieldset>
      {split.message && !split.field ? <Notice kind="error">{split.message}</Notice> : null}
    </Modal>
  );
}
