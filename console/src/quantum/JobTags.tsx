/**
 * A job's tags as chips, and the dialog that replaces them (`PUT /api/v1/jobs/{id}/tags`) from a comma-separated list.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { runtimeHeaders, session } from '../app/session.js';
import { errorByField, Field, Modal, Notice } from '../ui/components.js';
import { useSubmission } from '../ui/useSubmission.js';

/** The server's limits on a job's tags (runtime.routes.ts). */
const MAX_TAGS = 50;
const MAX_LENGTH = 100;

/** The tags typed, trimmed, without empty entries or repeats; or what the server would refuse about them. */
function parseTags(text: string): { tags: string[] } | { error: string } {
  const tags = [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
  if (tags.length > MAX_TAGS) return { error: `field 'tags' must have at most ${MAX_TAGS} items` };
  const long = tags.findIndex((t) => t.length > MAX_LENGTH);
  if (long >= 0) return { error: `field 'tags.${long}' must be at most ${MAX_LENGTH} characters` };
  return { tags };
}

export function JobTags({ crn, id, tags, canEdit, onSaved }: { crn: string | undefined; id: string; tags: string[]; canEdit: boolean | undefined; onSaved: (tags: string[]) => void }) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <span className="tag-list" data-testid="job-tags">
        {tags.length ? tags.map((t) => <span key={t} className="tag">{t}</span>) : 'None'}
        <button type="button" className="button ghost small" disabled={!canEdit || !crn} onClick={() => setEditing(true)}>Edit tags</button>
      </span>
      {crn ? <TagsDialog open={editing} crn={crn} id={id} current={tags} onClose={() => setEditing(false)} onSaved={onSaved} /> : null}
    </>
  );
}

function TagsDialog({ open, crn, id, current, onClose, onSaved }: { open: boolean; crn: string; id: string; current: string[]; onClose: () => void; onSaved: (tags: string[]) => void }) {
  const s = session()!;
  const [value, setValue] = useState('');
  const [opened, setOpened] = useState(false);
  const sub = useSubmission();
  // Starts from the job's tags each time it opens.
  if (open !== opened) {
    setOpened(open);
    if (open) setValue(current.join(', '));
  }
  const split = errorByField(sub.error, ['tags'] as const);
  const close = () => { sub.setError(undefined); onClose(); };
  const save = () => sub.run(async () => {
    const parsed = parseTags(value);
    if ('error' in parsed) { sub.setError(parsed.error); return; }
    await ok(s.client.PUT('/api/v1/jobs/{id}/tags', { headers: runtimeHeaders(crn), params: { path: { id } }, body: { tags: parsed.tags } }));
    onClose();
    onSaved(parsed.tags);
  });
  return (
    <Modal title="Edit tags" open={open} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={sub.busy} onClick={() => void save()}>Save</button>
      </>
    }>
      <Field label="Tags" hint={`Separated by commas; at most ${MAX_TAGS}, each at most ${MAX_LENGTH} characters. Empty removes them all.`}
        error={split.field ? split.message : undefined}>
        {(fieldId, aria) => <input id={fieldId} {...aria} value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      {split.message && !split.field ? <Notice kind="error">{split.message}</Notice> : null}
    </Modal>
  );
}
