/**
 * A dialog with one Name field, to create or rename something; the server's complaint about the name is shown beside
 * the field, anything else above the buttons.
 */
import { useState } from 'react';
import { errorByField, Field, Modal, Notice } from '../ui/components.js';
import { useSubmission } from '../ui/useSubmission.js';

export function NameDialog({ title, submitLabel, initial = '', open, onClose, submit }: {
  title: string; submitLabel: string; initial?: string | undefined; open: boolean; onClose: () => void;
  /** Called with the trimmed name; the dialog closes when it resolves and shows its refusal when it throws. */
  submit: (name: string) => Promise<void>;
}) {
  const [name, setName] = useState(initial);
  const sub = useSubmission();
  // Refilled while rendering the opening, not in an effect after it: the field never shows a stale value first.
  const [shownOpen, setShownOpen] = useState(false);
  if (open !== shownOpen) {
    setShownOpen(open);
    if (open) setName(initial);
  }
  const split = errorByField(sub.error, ['name'] as const);
  const close = () => { sub.setError(undefined); onClose(); };
  const trimmed = name.trim();
  return (
    <Modal title={title} open={open} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={!trimmed || trimmed === initial || sub.busy}
          onClick={() => void sub.run(async () => { await submit(trimmed); onClose(); })}>{submitLabel}</button>
      </>
    }>
      <Field label="Name" hint="1 to 40 characters: letters, digits, spaces, - and _" error={split.field === 'name' ? split.message : undefined}>
        {(id, aria) => <input id={id} {...aria} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      {split.message && !split.field ? <Notice kind="error">{split.message}</Notice> : null}
    </Modal>
  );
}
