/**
 * Changes an identity provider: prefilled with what the server holds, except the write-only client secret, which an
 * empty field keeps and a typed one replaces. Only the changed fields are sent (If-Match: the entity tag read).
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { session } from '../../app/session.js';
import { useSubmission } from '../../ui/useSubmission.js';
import { errorByField, Modal, Notice } from '../../ui/components.js';
import { PROVIDER_FIELDS, ProviderFields, type FirstSignIn, type ProviderField, type ProviderForm } from './ProviderFields.js';

export interface EditableProvider { id: string; entity_tag: string; name: string; discovery_url: string; client_id: string; scopes: string; first_sign_in: string }

const formOf = (p: EditableProvider | undefined): ProviderForm => ({
  name: p?.name ?? '', discovery_url: p?.discovery_url ?? '', client_id: p?.client_id ?? '', client_secret: '', scopes: p?.scopes ?? '',
  first_sign_in: (p?.first_sign_in ?? 'create_user') as FirstSignIn,
});

export function EditProviderDialog({ provider, open, onClose, onSaved }: { provider: EditableProvider | undefined; open: boolean; onClose: () => void; onSaved: (name: string) => void }) {
  const s = session()!;
  const [form, setForm] = useState(() => formOf(provider));
  const sub = useSubmission();
  // Refilled while rendering the opening, not in an effect after it: the fields never show stale values first.
  const [shownOpen, setShownOpen] = useState(false);
  if (open !== shownOpen) {
    setShownOpen(open);
    if (open) { setForm(formOf(provider)); sub.setError(undefined); }
  }
  const set = (key: ProviderField) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const save = async () => {
    const p = provider!;
    const was = formOf(p);
    const trimmed = { name: form.name.trim(), discovery_url: form.discovery_url.trim(), client_id: form.client_id.trim(), scopes: form.scopes.trim() };
    const body = {
      ...(trimmed.name !== was.name ? { name: trimmed.name } : {}),
      ...(trimmed.discovery_url !== was.discovery_url ? { discovery_url: trimmed.discovery_url } : {}),
      ...(trimmed.client_id !== was.client_id ? { client_id: trimmed.client_id } : {}),
      ...(form.client_secret ? { client_secret: form.client_secret } : {}),
      ...(trimmed.scopes !== was.scopes ? { scopes: trimmed.scopes } : {}),
      ...(form.first_sign_in !== was.first_sign_in ? { first_sign_in: form.first_sign_in } : {}),
    };
    await sub.run(async () => {
      const saved = await ok(s.client.PUT('/v1/accounts/{account_id}/identity_providers/{id}', {
        params: { path: { account_id: s.me.accountId, id: p.id } }, body, headers: { 'If-Match': p.entity_tag },
      }));
      onSaved(saved.name);
      onClose();
    });
  };
  const complete = form.name.trim() && form.discovery_url.trim() && form.client_id.trim() && form.scopes.trim();
  const error = errorByField(sub.error, PROVIDER_FIELDS);
  const errorOf = (f: ProviderField) => (error.field === f ? error.message : undefined);
  return (
    <Modal title="Edit identity provider" open={open} onClose={onClose} wide footer={
      <>
        <button type="button" className="button secondary" onClick={onClose}>Cancel</button>
        <button type="button" className="button primary" disabled={!complete || sub.busy} onClick={() => void save()}>{sub.busy ? 'Saving…' : 'Save'}</button>
      </>
    }>
      <ProviderFields form={form} set={set} errorOf={errorOf} onSubmit={() => { if (complete && !sub.busy) void save(); }}
        secretHint="Write-only: leave it empty to keep the current secret, or type a new one to replace it." />
      {error.message && !error.field ? <Notice kind="error">{error.message}</Notice> : null}
    </Modal>
  );
}
