/**
 * The jobs list's tag filter: a text field suggesting the instance's job tags that contain what is typed
 * (`GET /api/v1/tags`, in a native <datalist>), and the chosen tags as chips, each removable. The list shows the
 * jobs carrying every chosen tag.
 */
import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { ok } from '@client/client.js';
import { runtimeHeaders, session } from '../app/session.js';
import { Field } from '../ui/components.js';
import { useLoad } from '../ui/hooks.js';

/** The server's limit on a tag (runtime.routes.ts), counted in code points as it counts them. */
const MAX_LENGTH = 100;

export function TagFilter({ crn, tags, onChange }: { crn: string | undefined; tags: string[]; onChange: (tags: string[]) => void }) {
  const s = session()!;
  const listId = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string>();
  // Asked once typing pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const suggested = useLoad(async () => (crn && [...search].length <= MAX_LENGTH
    ? (await ok(s.client.GET('/api/v1/tags', { headers: runtimeHeaders(crn), params: { query: { type: 'job', search } } }))).tags
    : []), [crn, search]);
  const options = (suggested.data ?? []).filter((t) => !tags.includes(t));

  const add = (value: string) => {
    // A suggestion is taken as it is (a tag may have spaces at its ends); typed text is trimmed.
    const tag = suggested.data?.includes(value) ? value : value.trim();
    if (!tag) return;
    if ([...tag].length > MAX_LENGTH) { setError(`A tag is at most ${MAX_LENGTH} characters.`); return; }
    setError(undefined);
    setText('');
    if (!tags.includes(tag)) onChange([...tags, tag]);
  };
  const onSubmit = (e: FormEvent) => { e.preventDefault(); add(text); };
  const onInput = (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.target.value;
    setError(undefined);
    // Picking a suggestion from the list is not typing (no InputEvent, or a replacement): it adds the filter at once.
    const native = e.nativeEvent;
    const picked = !(native instanceof InputEvent) || native.inputType === 'insertReplacementText';
    if (picked && options.includes(value)) add(value);
    else setText(value);
  };

  return (
    <>
      <form className="toolbar filters" onSubmit={onSubmit} aria-label="Filter jobs by tag">
        <Field label="Tag" hint="Jobs carrying every tag chosen are listed." error={error}>
          {(id, aria) => <input id={id} {...aria} list={listId} autoComplete="off" value={text} onChange={onInput} />}
        </Field>
        <datalist id={listId} data-testid="tag-suggestions">
          {options.map((t) => <option key={t} value={t} />)}
        </datalist>
        <button type="submit" className="button secondary" disabled={!text.trim()}>Add tag filter</button>
      </form>
      {tags.length ? (
        <ul className="filter-chips" aria-label="Tags filtering the jobs">
          {tags.map((t) => (
            <li key={t} className="tag filter-chip">
              <span>{t}</span>
              <button type="button" aria-label={`Remove the tag filter ${t}`} onClick={() => onChange(tags.filter((x) => x !== t))}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
