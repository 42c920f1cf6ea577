/**
 * A job's log (`GET /api/v1/jobs/{id}/logs`, plain text), read only when its section is opened and again when the
 * job's status changes while it is open (the worker writes the log as the job ends).
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { runtimeHeaders, session } from '../app/session.js';
import { Loading, Notice } from '../ui/components.js';
import { useLoad } from '../ui/hooks.js';

export function JobLog({ crn, id, status, ended }: { crn: string; id: string; status: string; ended: boolean }) {
  const s = session()!;
  const [open, setOpen] = useState(false);
  const log = useLoad(async () => {
    if (!open) return undefined;
    const text: string | undefined = await ok(s.client.GET('/api/v1/jobs/{id}/logs', { headers: runtimeHeaders(crn), params: { path: { id } }, parseAs: 'text' }));
    // An empty body (Content-Length: 0) comes back as no data at all.
    return text ?? '';
  }, [open, crn, id, status]);
  return (
    <details className="section" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Log</summary>
      {log.error ? <Notice kind="error">{log.error}</Notice> : null}
      {open && log.loading && log.data === undefined ? <Loading what="the log" /> : null}
      {log.data === '' ? <p data-testid="job-log-empty">{ended ? 'This job has no log.' : 'No log yet: it is written when the job ends.'}</p> : null}
      {log.data ? <pre className="code" data-testid="job-log">{log.data}</pre> : null}
    </details>
  );
}
