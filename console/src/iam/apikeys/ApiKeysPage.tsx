/**
 * API keys: your own keys (the way Qiskit and scripts sign in). A new key's value is shown once, with copy and
 * download; keys can be locked (qgate then refuses them until unlocked) and deleted.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { messageOf, session } from '../../app/session.js';
import { ConfirmDialog, formatDate, Modal, Notice, OverflowMenu, PageHeader } from '../../ui/components.js';
import { useLoad } from '../../ui/hooks.js';
import { LoadedTable } from '../../ui/LoadedTable.js';
import { NameDescriptionDialog } from '../../ui/NameDescriptionDialog.js';

interface Created { name: string; apikey: string; id: string; created_at: string }

export default function ApiKeysPage() {
  const s = session()!;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created>();
  const [deleting, setDeleting] = useState<{ id: string; name: string }>();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const keys = useLoad(() => ok(s.client.GET('/v1/apikeys', { params: { query: { account_id: s.me.accountId, iam_id: s.me.iamId, pagesize: 100 } } })), []);
  const lock = async (id: string, name: string, locked: boolean) => {
    try {
      if (locked) await ok(s.client.DELETE('/v1/apikeys/{id}/lock', { params: { path: { id } } }));
      else await ok(s.client.POST('/v1/apikeys/{id}/lock', { params: { path: { id } } }));
      setMessage({ kind: 'success', text: locked ? `Unlocked ${name}.` : `Locked ${name}: it is refused until you unlock it.` });
      keys.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  return (
    <>
      <PageHeader title="API keys" breadcrumb={<span>Manage → Access (IAM)</span>} actions={
        <button type="button" className="button primary" onClick={() => setCreating(true)}>Create</button>
      } />
      <p>An API key signs in as you from Qiskit, the CLI or scripts. Keep it secret; lock or delete a key you no longer trust.</p>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <LoadedTable loaded={keys} what="API keys" caption="Your API keys" columns={['Name', 'Description', 'Created', 'State']} actions
        empty="You have no API keys yet." rows={(data) => data.apikeys.map((k) => (
          <tr key={k.id}>
            <td>{k.name}</td>
            <td>{k.description || '—'}</td>
            <td>{formatDate(k.created_at)}</td>
            <td>{k.locked ? <span className="tag tag-locked">Locked</span> : k.disabled ? <span className="tag tag-disabled">Disabled</span> : <span className="tag tag-active">Active</span>}</td>
            <td className="cell-actions">
              <OverflowMenu label={`Actions for API key ${k.name}`} items={[
                { label: k.locked ? 'Unlock' : 'Lock', onSelect: () => void lock(k.id, k.name, k.locked) },
                { label: 'Delete', danger: true, disabled: k.locked, onSelect: () => setDeleting(k) },
              ]} />
            </td>
          </tr>
        ))} />
      <NameDescriptionDialog title="Create IBM Cloud API key" open={creating} onClose={() => setCreating(false)} 
        create={(input) => ok(s.client.POST('/v1/apikeys', { body: { ...input, iam_id: s.me.iamId, account_id: s.me.accountId } }))}
        onCreated={(k) => { setCreated({ name: k.name, apikey: k.apikey, id: k.id, created_at: k.created_at }); keys.reload(); }} />
      <CreatedKeyDialog created={created} onClose={() => setCreated(undefined)} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete API key" confirmLabel="Delete" onClose={() => setDeleting(undefined)}
        body={<p>Delete <strong>{deleting?.name}</strong>? Anything that signs in with it stops working at once.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v1/apikeys/{id}', { params: { path: { id: deleting!.id } } }));
          keys.reload();
        }} />
    </>
  );
}

/** The value is shown this once: qgate keeps only a digest. */
function CreatedKeyDialog({ created, onClose }: { created: Created | undefined; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const close = () => { setCopied(false); onClose(); };
  const download = () => {
    const blob = new Blob([JSON.stringify({ name: created!.name, description: '', createdAt: created!.created_at, apikey: created!.apikey }, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'apikey.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const copy = async () => {
    await navigator.clipboard.writeText(created!.apikey);
    setCopied(true);
  };
  return (
    <Modal title="API key successfully created" open={Boolean(created)} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Close</button>
        <button type="button" className="button primary" onClick={download}>Download</button>
      </>
    }>
      <Notice kind="info">Copy or download the key now: you cannot see it again.</Notice>
      <div className="secret">
        <code data-testid="apikey-value">{created?.apikey}</code>
        <button type="button" className="button ghost small" onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</button>
      </div>
    </Modal>
  );
}
