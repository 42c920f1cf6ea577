/**
 * Pending invitations, for those who may manage them: send again (a new link; the old one stops working) or
 * revoke (the pending user is removed).
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { messageOf, session } from '../../app/session.js';
import { formatDate, Notice } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';

export function InvitationsTable({ onChange, version }: { onChange: () => void; version: number }) {
  const s = session()!;
  const account_id = s.me.accountId;
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const can = useCan({ resend: { action: 'user-management.invitation.resend' }, revoke: { action: 'user-management.invitation.revoke' } });
  const invitations = useLoad(() => ok(s.client.GET('/v2/accounts/{account_id}/invitations', { params: { path: { account_id }, query: { state: 'PENDING', limit: 100 } } })), [version]);
  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      setMessage({ kind: 'success', text: what });
      invitations.reload();
      onChange();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  if (!invitations.data || invitations.data.invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" className="section">
      <h2 id="invitations-heading">Pending invitations</h2>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <table className="data-table">
        <thead><tr><th scope="col">Email</th><th scope="col">Sent</th><th scope="col">Expires</th><th scope="col">Times sent</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {invitations.data.invitations.map((inv) => (
            <tr key={inv.iam_id}>
              <td>{inv.email}</td>
              <td>{formatDate(inv.last_sent_at)}</td>
              <td>{formatDate(inv.expires_at)}</td>
              <td>{inv.send_count}</td>
              <td className="cell-actions">
                <button type="button" className="button ghost small" disabled={!can.resend} aria-label={`Resend invitation to ${inv.email}`}
                  onClick={() => void act(`Sent the invitation to ${inv.email} again.`, () => ok(s.client.POST('/v2/accounts/{account_id}/invitations/{iam_id}/resend', { params: { path: { account_id, iam_id: inv.iam_id } } })))}>Resend</button>
                <button type="button" className="button ghost small danger-text" disabled={!can.revoke} aria-label={`Revoke invitation to ${inv.email}`}
                  onClick={() => void act(`Revoked the invitation to ${inv.email}.`, () => ok(s.client.DELETE('/v2/accounts/{account_id}/invitations/{iam_id}', { params: { path: { account_id, iam_id: inv.iam_id } } })))}>Revoke</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
