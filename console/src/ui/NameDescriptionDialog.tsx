/**
 * The create dialog of the screens whose things have just a name and an optional description (API keys, access
 * groups, service IDs). The screen supplies the call; the server's complaint about a field is shown beside it.
 */
import { useState } from 'react';
import { messageOf } from '../app/session.js';
import { errorByField, Field, Modal, Notice } from './components.js';

export interface NameAndDescription {
  name: string;
  /** Left out when empty. */
  description?: string;
}

export function NameDescriptionDialog<T>({ title, open, onClose, create, onCreated }: {
  title: string; open: boolean; onClose: () => void;
  /** Makes the thing; a refusal stays in the dialog. */
  create: (input: NameAndDescription) => Promise<T>;
  /** Told once the dialog has closed. */
  onCreated: (created: T) => void;
}) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string>();
  const split = errorByField(error, ['name', 'description'] as const);
  const close = () => { setName(''); setDescription(''); setError(undefined); onClose(); };
  const submit = async () => {
    try {
      const created = await create({ name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) });
      close();
      onCreated(created);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Modal title={title} open={open} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={!name.trim()} onClick={() => void submit()}>Create</button>
      </>
    }>
      <Field label="Name" error={split.field === 'name' ? split.message : undefined}>{(id, aria) => <input id={id} {...aria} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label="Description (optional)" error={split.field === 'description' ? split.message : undefined}>{(id, aria) => <input id={id} {...aria} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      {split.message && !split.field ? <Notice kind="error">{split.message}</Notice> : null}
    </Modal>
  );
}
