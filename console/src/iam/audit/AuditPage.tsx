/**
 * The audit trail: who did what to which object, and whether it was allowed; filtered by action, outcome, actor
 * and time, newest first.
 */
import { useState, type FormEvent } from 'react';
import { ok } from '@client/client.js';
import { session } from '../../app/session.js';
import { Field, formatDate, Loading, Notice, PageHeader, Pager } from '../../ui/components.js';
import { useLoad } from '../../ui/hooks.js';

interface Filters { action: string; outcome: '' | 'success' | 'denied' | 'failure'; actor: string; from: string }
const EMPTY: Filters = { action: '', outcome: '', actor: '', from: '' };

export default function AuditPage() {
  const s = session()!;
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [starts, setStarts] = useState<string[]>(['']);
  const start = starts[starts.length - 1]!;
  const events = useLoad(() => ok(s.client.GET('/v1/audit/events', {
    params: {
      query: {
        account_id: s.me.accountId, limit: 50,
        ...(filters.action ? { action: filters.action } : {}),
        ...(filters.outcome ? { outcome: filters.outcome } : {}),
        ...(filters.actor ? { actor: filters.actor } : {}),
        ...(filters.from ? { from: new Date(filters.from).toISOString() } : {}),
        ...(start ? { start } : {}),
      },
    },
  })), [filters, start]);
  const apply = (e: FormEvent) => { e.preventDefault(); setStarts(['']); setFilters(draft); };
  return (
    <>
      <PageHeader title="Audit trail" breadcrumb={<span>Manage → Access (IAM)</span>} />
      <form className="toolbar filters" onSubmit={apply} aria-label="Filter events">
        <Field label="Action" hint="A prefix ends with *, e.g. iam-identity.apikey.*">{(id) => <input id={id} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />}</Field>
        <Field label="Outcome">
          {(id) => (
            <select id={id} value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value as Filters['outcome'] })}>
              <option value="">Any</option><option value="success">Success</option><option value="denied">Denied</option><option value="failure">Failure</option>
            </select>
          )}
        </Field>
        <Field label="Actor IAM ID">{(id) => <input id={id} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />}</Field>
        <Field label="From">{(id) => <input id={id} type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}</Field>
        <button type="submit" className="button secondary">Filter</button>
      </form>
      {events.error ? <Notice kind="error">{events.error}</Notice> : null}
      {events.loading && !events.data ? <Loading what="events" /> : null}
      {events.data ? (
        <>
          <table className="data-table">
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Outcome</th></tr></thead>
            <tbody>
              {events.data.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.time)}</td>
                  <td>{e.actor.iam_id ?? e.actor.type}</td>
                  <td><code>{e.action}</code></td>
                  <td>{e.target ? `${e.target.type} ${e.target.id}` : "—"}</td>
                  <td><span className={`tag ${e.outcome === 'success' ? 'tag-active' : 'tag-failed'}`}>{e.outcome}</span></td>
                </tr>
              ))}
              {events.data.events.length === 0 ? <tr><td colSpan={5}>No events match.</td></tr> : null}
            </tbody>
          </table>
          <Pager page={starts.length - 1} hasNext={Boolean(events.data.next?.start)} onPrevious={() => setStarts((st) => st.slice(0, -1))}
            onNext={() => { const n = events.data?.next?.start; if (n) setStarts((st) => [...st, n]); }} />
        </>
      ) : null}
    </>
  );
}
