/**
 * An instance's open sessions and batches, read from the Qiskit Runtime API's workloads (the API has no list of
 * sessions of its own), each with Stop accepting jobs / Accept jobs again (`PATCH /api/v1/sessions/{id}`: jobs already
 * in it still run) and Close: it accepts no more jobs, its queued jobs will not run, running ones finish.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { messageOf, runtimeHeaders, session } from '../app/session.js';
import { ConfirmDialog, formatDate, Notice } from '../ui/components.js';
import { useLoad } from '../ui/hooks.js';
import { LoadedTable } from '../ui/LoadedTable.js';

const OPEN: Array<'pending' | 'in_progress'> = ['pending', 'in_progress'];
/** The most a page of workloads holds; plans allow a few open sessions at a time. */
const LIMIT = 50;

export function InstanceSessions({ crn, canUpdate }: { crn: string; canUpdate: boolean | undefined }) {
  const s = session()!;
  const [closing, setClosing] = useState<string>();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [switching, setSwitching] = useState<string>();
  const open = useLoad(async () => {
    const read = (mode: 'session' | 'batch') => ok(s.client.GET('/api/v1/workloads', { headers: runtimeHeaders(crn), params: { query: { mode, status: OPEN, limit: LIMIT, sort: '-createdAt' } } }));
    const [sessions, batches] = await Promise.all([read('session'), read('batch')]);
    return [...sessions.workloads, ...batches.workloads].sort((a, b) => b.created.localeCompare(a.created));
  }, [crn]);
  const setAccepting = async (id: string, what: string, accepting: boolean) => {
    setSwitching(id);
    try {
      await ok(s.client.PATCH('/api/v1/sessions/{id}', { headers: runtimeHeaders(crn), params: { path: { id } }, body: { accepting_jobs: accepting } }));
      setNotice({ kind: 'success', text: accepting ? `${what} ${id} accepts jobs again.` : `${what} ${id} no longer accepts jobs.` });
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
    } finally {
      setSwitching(undefined);
      // Refused or not, the list shows the sessions as they are now (one may have been closed meanwhile).
      open.reload();
    }
  };
  return (
    <section className="section" aria-labelledby="sessions-heading">
      <div className="section-header"><h2 id="sessions-heading">Open sessions and batches</h2></div>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <LoadedTable loaded={open} what="sessions" caption="Open sessions and batches" columns={['ID', 'Mode', 'Backend', 'Status', 'Accepting jobs', 'Started']} actions
        empty="No open sessions or batches." rows={(rows) => rows.map((w) => (
          <tr key={w.id}>
            <td><code>{w.id}</code></td>
            <td>{w.mode === 'batch' ? 'Batch' : 'Session'}</td>
            <td>{w.backend}</td>
            <td>{w.status === 'pending' ? 'Open' : 'Active'}</td>
            <td>{w.accepting_jobs ? 'Yes' : 'No'}</td>
            <td>{formatDate(w.created)}</td>
            <td className="cell-actions">
              <button type="button" className="button ghost small" disabled={!canUpdate || switching === w.id} onClick={() => void setAccepting(w.id, w.mode === 'batch' ? 'Batch' : 'Session', !w.accepting_jobs)}>
                {w.accepting_jobs ? 'Stop accepting jobs' : 'Accept jobs again'}<span className="visually-hidden"> in {w.mode === 'batch' ? 'batch' : 'session'} {w.id}</span>
              </button>
              <button type="button" className="button ghost small" disabled={!canUpdate} onClick={() => setClosing(w.id)}>
                Close<span className="visually-hidden"> {w.mode === 'batch' ? 'batch' : 'session'} {w.id}</span>
              </button>
            </td>
          </tr>
        ))} />
      <ConfirmDialog open={Boolean(closing)} title="Close session" confirmLabel="Close session" onClose={() => setClosing(undefined)}
        body={<p>Close <code>{closing}</code> now? It accepts no more jobs; its queued jobs will not run, running ones finish.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/api/v1/sessions/{id}/close', { headers: runtimeHeaders(crn), params: { path: { id: closing! } } }));
          setNotice({ kind: 'success', text: `Closed ${closing}.` });
          open.reload();
        }} />
    </section>
  );
}
