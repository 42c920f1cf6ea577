/**
 * One job: its status (followed until it ends), its tags (edited in a dialog), its results (a histogram of counts for
 * the sampler, expectation values for the estimator), its log, cancel and delete.
 */
import { useEffect, useState } from 'react';
import { ok } from '@client/client.js';
import { Link, navigate } from '../app/router.js';
import { messageOf, runtimeHeaders, session } from '../app/session.js';
import { ConfirmDialog, formatDate, Loading, Notice, PageHeader } from '../ui/components.js';
import { useCan, useLoad } from '../ui/hooks.js';
import { JobLog } from './JobLog.js';
import { JobTags } from './JobTags.js';
import { ENDED, pubsOf, readResults, useInstance, type Histogram } from './runtime.js';

function HistogramChart({ h }: { h: Histogram }) {
  const max = Math.max(1, ...h.counts.map(([, n]) => n));
  return (
    <figure className="section">
      <figcaption><strong>Counts</strong> of register <code>{h.register}</code>{h.pub > 0 ? ` (PUB ${h.pub})` : ''}, {h.shots} shots</figcaption>
      <div className="histogram" role="img" aria-label={`Histogram: ${h.counts.map(([k, n]) => `${k}: ${n}`).join(', ')}`}>
        {h.counts.map(([k, n]) => (
          <div className="histogram-bar" key={k}>
            <span className="count">{n}</span>
            <div className="bar" style={{ height: `${(n / max) * 85}%` }} />
          </div>
        ))}
      </div>
      <div className="histogram-labels" aria-hidden="true">{h.counts.map(([k]) => <span key={k}>{k}</span>)}</div>
      <div className="visually-hidden">
        <table>
          <caption>Counts of register {h.register}</caption>
          <thead><tr><th scope="col">Outcome</th><th scope="col">Count</th></tr></thead>
          <tbody>{h.counts.map(([k, n]) => <tr key={k}><td>{k}</td><td>{n}</td></tr>)}</tbody>
        </table>
      </div>
    </figure>
  );
}

export default function JobPage({ params }: { params: Record<string, string> }) {
  const s = session()!;
  const guid = params.guid ?? '';
  const id = params.jobId ?? '';
  const inst = useInstance(guid);
  const crn = inst.data?.crn;
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [deleting, setDeleting] = useState(false);
  const job = useLoad(() => (crn ? ok(s.client.GET('/api/v1/jobs/{id}', { headers: runtimeHeaders(crn), params: { path: { id } } })) : Promise.resolve(undefined)), [crn, id]);
  const pubs = pubsOf(job.data?.params);
  const status = job.data?.status;
  const ended = status ? ENDED.includes(status) : false;
  // Follow a queued or running job until it ends.
  useEffect(() => {
    if (!status || ended) return;
    const timer = setTimeout(job.reload, 400);
    return () => clearTimeout(timer);
  }, [job.data, status, ended, job.reload]);
  const results = useLoad(async () => {
    if (!crn || status !== 'Completed') return undefined;
    const { data, response } = await s.client.GET('/api/v1/jobs/{id}/results', { headers: runtimeHeaders(crn), params: { path: { id } }, parseAs: 'json' });
    if (!response.ok) throw new Error(`the results could not be read (${response.status})`);
    return readResults(data, pubs);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [crn, id, status]);
  const at = { serviceInstance: guid };
  const can = useCan({
    cancel: { action: 'quantum-computing.job.cancel', attributes: at },
    remove: { action: 'quantum-computing.job.delete', attributes: at },
    tag: { action: 'quantum-computing.job.update', attributes: at },
  }, [guid]);

  const cancel = async () => {
    try {
      await ok(s.client.POST('/api/v1/jobs/{id}/cancel', { headers: runtimeHeaders(crn!), params: { path: { id } } }));
      setMessage({ kind: 'success', text: 'Cancellation requested.' });
      job.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };

  const instName = inst.data?.name ?? 'Instance';
  return (
    <>
      <PageHeader title={`Job ${id}`} breadcrumb={<><Link to="/quantum">Quantum jobs</Link> / <Link to={`/quantum/${encodeURIComponent(guid)}`}>{instName}</Link> / {id}</>} actions={
        <>
          <button type="button" className="button secondary" disabled={!can.cancel || ended || !job.data} onClick={() => void cancel()}>Cancel job</button>
          <button type="button" className="button danger" disabled={!can.remove || !ended} onClick={() => setDeleting(true)}>Delete job</button>
        </>
      } />
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {inst.error ? <Notice kind="error">{inst.error}</Notice> : null}
      {job.error ? <Notice kind="error">{job.error}</Notice> : null}
      {!job.data && !job.error ? <Loading what="the job" /> : null}
      {job.data ? (
        <dl className="details">
          <dt>Status</dt><dd><span className={`tag tag-${job.data.status.toLowerCase()}`} data-testid="job-status">{job.data.status}</span>{job.data.state.reason ? ` — ${job.data.state.reason}` : ''}</dd>
          <dt>Program</dt><dd>{job.data.program.id}</dd>
          <dt>Backend</dt><dd>{job.data.backend}</dd>
          <dt>Created</dt><dd>{formatDate(job.data.created)}</dd>
          <dt>Usage</dt><dd>{job.data.usage.seconds.toFixed(2)} s</dd>
          <dt>Tags</dt><dd><JobTags crn={crn} id={id} tags={job.data.tags} canEdit={can.tag}
            onSaved={(tags) => { setMessage({ kind: 'success', text: tags.length ? `Saved the tags: ${tags.join(', ')}.` : 'Removed the tags.' }); job.reload(); }} /></dd>
        </dl>
      ) : null}
      {pubs.map((p, i) => (
        <details key={i} className="section">
          <summary>Circuit{pubs.length > 1 ? ` ${i}` : ''}</summary>
          <pre className="code">{p.circuit}</pre>
        </details>
      ))}
      {results.error ? <Notice kind="error">{results.error}</Notice> : null}
      {results.data ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">Results</h2>
          {results.data.histograms.map((h) => <HistogramChart key={`${h.pub}-${h.register}`} h={h} />)}
          {results.data.expectations.length > 0 ? (
            <table className="data-table">
              <caption>Expectation values</caption>
              <thead><tr><th scope="col">PUB</th><th scope="col">Observable</th><th scope="col">Value</th><th scope="col">Standard error</th></tr></thead>
              <tbody>
                {results.data.expectations.map((e) => (
                  <tr key={`${e.pub}-${e.index}`}><td>{e.pub}</td><td>{e.index || '—'}</td><td>{e.value.toFixed(6)}</td><td>{e.std === undefined ? '—' : e.std.toFixed(6)}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
      {crn && job.data ? <JobLog crn={crn} id={id} status={job.data.status} ended={ended} /> : null}
      <ConfirmDialog open={deleting} title="Delete job" confirmLabel="Delete" onClose={() => setDeleting(false)}
        body={<p>Delete job <code>{id}</code> and its results?</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/api/v1/jobs/{id}', { headers: runtimeHeaders(crn!), params: { path: { id } } }));
          navigate(`/quantum/${encodeURIComponent(guid)}`);
        }} />
    </>
  );
}
