/**
 * An instance's open sessions and batches, read from the Qiskit Runtime API's workloads (the API has no list of
 * sessions of its own), each with Close: it accepts no more jobs, its queued jobs will not run, running ones finish.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { runtimeHeaders, session } from '../app/session.js';
import { ConfirmDialog, formatDate, Notice } from '../ui/components.js';
import { useLoad } from '../ui/hooks.js';
import { LoadedTable } from '../ui/LoadedTable.js';

const OPEN: Array<'pending' | 'in_progress'> = ['pending', 'in_progress'];
/** The most a page of workloads holds; plans allow a few open sessions at a time. */
const LIMIT = 50;

export function InstanceSessions({ crn, canClose }: { crn: string; canClose: boolean | undefined }) {
  const s = session()!;
  const [closing, setClosing] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const open = useLoad(async () => {
    const read = (mode: 'session' | 'batch') => ok(s.client.GET('/api/v1/workloads', { headers: runtimeHeaders(crn), params: { query: { mode, status: OPEN, limit: LIMIT, sort: '-createdAt' } } }));
    const [sessions, batches] = await Promise.all([read('session'), read('batch')]);
    return [...sessions.workloads, ...batches.workloads].sort((a, b) => b.created.localeCompare(a.created));
  }, [crn]);
  return (
    <section className="section" aria-labelledby="sessions-heading">
      <div className="section-header"><h2 id="sessions-heading">Open sessions and batches</h2></div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
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
              <button type="button" className="button ghost small" disabled={!canClose} onClick={() => setClosing(w.id)}>
                Close<span className="visually-hidden"> {w.mode === 'batch' ? 'batch' : 'session'} {w.id}</span>
              </button>
            </td>
          </tr>
        ))} />
      <ConfirmDialog open={Boolean(closing)} title="Close session" confirmLabel="Close session" onClose={() => setClosing(undefined)}
        body={<p>Close <code>{closing}</code> now? It accepts no more jobs; its queued jobs will not run, running ones finish.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/api/v1/sessions/{id}/close', { headers: runtimeHeaders(crn), params: { path: { id: closing! } } }));
          setNotice(`Closed ${closing}.`);
          open.reload();
        }} />
    </section>
  );
}
