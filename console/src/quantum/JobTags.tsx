/**
 * A job's tags as chips, and the dialog that replaces them (`PUT /api/v1/jobs/{id}/tags`) from a comma-separated list;
 * tags that list cannot hold unchanged are kept apart, and a dialog saved unedited sends nothing.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { runtimeHeaders, session } from '../app/session.js';
import { errorByField, Field, Modal, Notice } from '../ui/components.js';
import { useSubmission } from '../ui/useSubmission.js';

/** The server's limits on a job's tags (runtime.routes.ts). */
const MAX_TAGS = 50;
const MAX_LENGTH = 100;

/**
 * Whether the comma-separated list gives back `tag` as it is. The API takes any string, so a tag set through it may
 * hold a comma, or spaces at its ends, or nothing, which the list would split, trim or drop.
 */
const listable = (tag: string) => tag !== '' && !tag.includes(',') && tag.trim() === tag;

/**
 * The tags to send: those kept as they are, then the ones typed (trimmed, without empty entries or repeats); or what
 * the server would refuse about them. Lengths count code points, as the server's maxLength does.
 */
function parseTags(kept: string[], text: string): { tags: string[] } | { error: string } {
  const typed = [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
  const tags = [...kept, ...typed];
  if (tags.length > MAX_TAGS) return { error: `field 'tags' must have at most ${MAX_TAGS} items` };
  const long = tags.findIndex((t) => [...t].length > MAX_LENGTH);
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
  // Tags the list cannot hold are shown apart, each kept unless unticked.
  const special = current.filter((t) => !listable(t));
  const [keep, setKeep] = useState<boolean[]>([]);
  const sub = useSubmission();
  const initial = current.filter(listable).join(', ');
  // Starts from the job's tags each time it opens.
  if (open !== opened) {
    setOpened(open);
    if (open) {
      setValue(initial);
      setKeep(special.map(() => true));
    }
  }
  const split = errorByField(sub.error, ['tags'] as const);
  const close = () => { sub.setError(undefined); onClose(); };
  const save = () => sub.run(async () => {
    // Nothing edited: nothing sent, so no tag changes because of how this dialog shows them.
    if (value === initial && keep.every(Boolean)) { close(); return; }
    const parsed = parseTags(special.filter((_t, i) => keep[i]), value);
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
      {special.length ? (
        <fieldset className="choices">
          <legend>Tags kept as they are</legend>
          <p className="hint">These contain a comma or spaces at an end, which the list below would split or trim. Untick one to remove it.</p>
          {special.map((t, i) => (
            <label key={i} className="choice">
              <input type="checkbox" checked={keep[i] ?? true} onChange={(e) => setKeep((k) => k.map((v, j) => (j === i ? e.target.checked : v)))} />
              Keep “{t}”
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field label={special.length ? 'Other tags' : 'Tags'} hint={`Separated by commas; at most ${MAX_TAGS} in all, each at most ${MAX_LENGTH} characters. Empty removes them${special.length ? ' (except those kept above)' : ' all'}.`}
        error={split.field ? split.message : undefined}>
        {(fieldId, aria) => <input id={fieldId} {...aria} value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      {split.message && !split.field ? <Notice kind="error">{split.message}</Notice> : null}
    </Modal>
  );
}
