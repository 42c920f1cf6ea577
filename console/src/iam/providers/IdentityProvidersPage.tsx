/**
 * Identity providers: the account's OpenID Connect providers (Keycloak, Entra ID, Okta, …) through which people
 * sign in, added, edited, enabled or disabled and deleted here. Each has a sign-in URL to share (`/login/<realm>`);
 * the client secret is write-only.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { messageOf, session } from '../../app/session.js';
import { ConfirmDialog, CopyButton, errorByField, formatDate, Loading, Modal, Notice, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';
import { useSubmission } from '../../ui/useSubmission.js';
import { EditProviderDialog } from './EditProviderDialog.js';
import { PROVIDER_FIELDS, ProviderFields, type ProviderField, type ProviderForm } from './ProviderFields.js';

interface Provider {
  id: string; entity_tag: string; realm_id: string; name: string; discovery_url: string; issuer: string; client_id: string;
  scopes: string; first_sign_in: string; enabled: boolean; login_url: string; redirect_uri: string; created_at: string;
}

const FIRST_SIGN_IN: Record<string, string> = {
  create_user: 'Anyone the provider signs in becomes a user',
  require_invitation: 'Only people invited by email',
};

export default function IdentityProvidersPage() {
  const s = session()!;
  const account_id = s.me.accountId;
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Provider>();
  const [editing, setEditing] = useState<Provider>();
  const [editOpen, setEditOpen] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const providers = useLoad(() => ok(s.client.GET('/v1/accounts/{account_id}/identity_providers', { params: { path: { account_id } } })), []);
  const can = useCan({ read: { action: 'iam-identity.account.get' }, manage: { action: 'iam-identity.identity-provider.manage' } });
  const setEnabled = async (p: Provider, enabled: boolean) => {
    setMessage(undefined);
    try {
      await ok(s.client.PUT('/v1/accounts/{account_id}/identity_providers/{id}', {
        params: { path: { account_id, id: p.id } }, body: { enabled }, headers: { 'If-Match': p.entity_tag },
      }));
      setMessage({ kind: 'success', text: enabled ? `Enabled ${p.name}: people can sign in through it.` : `Disabled ${p.name}: nobody can sign in through it until it is enabled again.` });
      providers.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  const list = (providers.data?.identity_providers ?? []) as Provider[];
  return (
    <>
      <PageHeader title="Identity providers" breadcrumb={<span>Manage → Access (IAM)</span>} actions={
        <button type="button" className="button primary" disabled={!can.manage} onClick={() => setAdding(true)}>Add provider</button>
      } />
      <p>People sign in through your organization's OpenID Connect provider; what they may do comes from access groups
        (assigned here, or by the groups' dynamic rules from the provider's claims).</p>
      {can.manage === false ? <p className="hint">Only Administrators of IAM Identity can add, change or delete identity providers.</p> : null}
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {providers.error ? <Notice kind="error">{providers.error}</Notice> : null}
      {providers.loading && !providers.data ? <Loading what="identity providers" /> : null}
      {providers.data ? (
        <table className="data-table">
          <caption className="visually-hidden">Identity providers</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Sign-in URL</th><th scope="col">First sign-in</th><th scope="col">State</th><th scope="col">Created</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name}
                  <div className="hint">Issuer <code>{p.issuer}</code></div>
                  <div className="hint">Redirect URI to register <code>{p.redirect_uri}</code></div>
                </td>
                <td><code>{p.login_url}</code> <CopyButton value={p.login_url} what={`sign-in URL of ${p.name}`} /></td>
                <td>{FIRST_SIGN_IN[p.first_sign_in] ?? p.first_sign_in}</td>
                <td>{p.enabled ? <span className="tag tag-active">Enabled</span> : <span className="tag tag-disabled">Disabled</span>}</td>
                <td>{formatDate(p.created_at)}</td>
                <td className="cell-actions">
                  <OverflowMenu label={`Actions for identity provider ${p.name}`} items={[
                    { label: 'Edit', disabled: !can.manage, onSelect: () => { setEditing(p); setEditOpen(true); } },
                    { label: p.enabled ? 'Disable' : 'Enable', disabled: !can.manage, onSelect: () => void setEnabled(p, !p.enabled) },
                    { label: 'Delete', danger: true, disabled: !can.manage, onSelect: () => setDeleting(p) },
                  ]} />
                </td>
              </tr>
            ))}
            {list.length === 0 ? (
              <tr><td colSpan={6}>No identity providers yet: people sign in with the email and password of their invitation.{can.manage ? ' Add a provider to let them sign in with your organization\'s accounts.' : ''}</td></tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
      <AddProviderDialog open={adding} onClose={() => setAdding(false)} onAdded={(p) => { setMessage({ kind: 'success', text: `Added ${p.name}. Register ${p.redirect_uri} at the provider as the redirect URI, then share ${p.login_url}.` }); providers.reload(); }} />
      <EditProviderDialog provider={editing} open={editOpen} onClose={() => setEditOpen(false)}
        onSaved={(name) => { setMessage({ kind: 'success', text: `Saved ${name}.` }); providers.reload(); }} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete identity provider" confirmLabel="Delete" onClose={() => setDeleting(undefined)}
        body={<p>Delete <strong>{deleting?.name}</strong>? Its users stay in the account (their API keys keep working until removed) but can no longer sign in through it.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v1/accounts/{account_id}/identity_providers/{id}', { params: { path: { account_id, id: deleting!.id } } }));
          setMessage({ kind: 'success', text: `Deleted ${deleting!.name}.` });
          providers.reload();
        }} />
    </>
  );
}

function AddProviderDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (p: Provider) => void }) {
  const s = session()!;
  const blank: ProviderForm = { name: '', discovery_url: '', client_id: '', client_secret: '', scopes: 'openid email profile', first_sign_in: 'create_user' };
  const [form, setForm] = useState(blank);
  const sub = useSubmission();
  const set = (key: ProviderField) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const close = () => { setForm(blank); sub.setError(undefined); onClose(); };
  const add = () =>
    sub.run(async () => {
      const created = await ok(s.client.POST('/v1/accounts/{account_id}/identity_providers', {
        params: { path: { account_id: s.me.accountId } },
        body: { name: form.name.trim(), discovery_url: form.discovery_url.trim(), client_id: form.client_id.trim(), client_secret: form.client_secret, scopes: form.scopes.trim(), first_sign_in: form.first_sign_in },
      }));
      onAdded(created as Provider);
      close();
    });
  const complete = form.name.trim() && form.discovery_url.trim() && form.client_id.trim() && form.client_secret && form.scopes.trim();
  const error = errorByField(sub.error, PROVIDER_FIELDS);
  const errorOf = (f: ProviderField) => (error.field === f ? error.message : undefined);
  return (
    <Modal title="Add an OpenID Connect provider" open={open} onClose={close} wide footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={!complete || sub.busy} onClick={() => void add()}>{sub.busy ? 'Adding…' : 'Add provider'}</button>
      </>
    }>
      <ProviderFields form={form} set={set} errorOf={errorOf} secretHint="Stored encrypted and never shown again." onSubmit={() => { if (complete && !sub.busy) void add(); }} />
      {error.message && !error.field ? <Notice kind="error">{error.message}</Notice> : null}
    </Modal>
  );
}
