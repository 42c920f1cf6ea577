/**
 * The jobs of one instance: status, tags, backend and creation time, filtered (tags too) and paged; and a form that
 * submits an OpenQASM 3 circuit to the sampler or the estimator.
 */
import { useState, type FormEvent } from 'react';
import { ok } from '@client/client.js';
import { Link, navigate } from '../app/router.js';
import { messageOf, runtimeHeaders, session } from '../app/session.js';
import { Field, formatDate, Loading, Modal, Notice, PageHeader, Pager } from '../ui/components.js';
import { useCan, useLoad } from '../ui/hooks.js';
import { useInstance } from './runtime.js';
import { TagFilter } from './TagFilter.js';

const PAGE = 20;
/** Tags shown in a row; the rest are counted (a job may carry 50). */
const SHOWN_TAGS = 3;
const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nmeas[0] = measure q[0];\nmeas[1] = measure q[1];\n';

interface Filters { pending: '' | 'true' | 'false'; backend: string; createdAfter: string }

export default function JobsPage({ params }: { params: Record<string, string> }) {
  const s = session()!;
  const guid = params.guid ?? '';
  const inst = useInstance(guid);
  const crn = inst.data?.crn;
  const [draft, setDraft] = useState<Filters>({ pending: '', backend: '', createdAfter: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  // Applied as soon as one is added or removed; the API lists the jobs carrying all of them.
  const [tags, setTags] = useState<string[]>([]);
  const [page, setPage] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const can = useCan({ submit: { action: 'quantum-computing.job.create', attributes: { serviceInstance: guid } } }, [guid]);
  const jobs = useLoad(() => (crn ? ok(s.client.GET('/api/v1/jobs', {
    headers: runtimeHeaders(crn),
    params: { query: {
      limit: PAGE, offset: page * PAGE, exclude_params: true,
      ...(filters.pending ? { pending: filters.pending === 'true' } : {}),
      ...(filters.backend ? { backend: filters.backend } : {}),
      ...(filters.createdAfter ? { created_after: new Date(filters.createdAfter).toISOString() } : {}),
      ...(tags.length ? { tags } : {}),
    } },
  })) : Promise.resolve(undefined)), [crn, filters, tags, page]);
  const backends = useLoad(async () => (crn ? ((await ok(s.client.GET('/api/v1/backends', { headers: runtimeHeaders(crn) }))).devices as Array<{ name: string }>).map((d) => d.name) : []), [crn]);
  const apply = (e: FormEvent) => { e.preventDefault(); setPage(0); setFilters(draft); };
  const name = inst.data?.name ?? 'Instance';

  return (
    <>
      <PageHeader title={`Jobs on ${name}`} breadcrumb={<><Link to="/quantum">Quantum jobs</Link> / {name}</>} actions={
        <button type="button" className="button primary" disabled={!can.submit || !crn} onClick={() => setSubmitting(true)}>Submit a circuit</button>
      } />
      {inst.error ? <Notice kind="error">{inst.error}</Notice> : null}
      <form className="toolbar filters" onSubmit={apply} aria-label="Filter jobs">
        <Field label="Status">
          {(id) => (
            <select id={id} value={draft.pending} onChange={(e) => setDraft({ ...draft, pending: e.target.value as Filters['pending'] })}>
              <option value="">Any</option><option value="true">Queued or running</option><option value="false">Ended</option>
            </select>
          )}
        </Field>
        <Field label="Backend">
          {(id) => (
            <select id={id} value={draft.backend} onChange={(e) => setDraft({ ...draft, backend: e.target.value })}>
              <option value="">Any</option>{backends.data?.map((b) => <option key={b} value={b}>{b}</option>)}
            </select>
          )}
        </Field>
        <Field label="Created after">{(id) => <input id={id} type="datetime-local" value={draft.createdAfter} onChange={(e) => setDraft({ ...draft, createdAfter: e.target.value })} />}</Field>
        <button type="submit" className="button secondary">Filter</button>
      </form>
      <TagFilter crn={crn} tags={tags} onChange={(t) => { setPage(0); setTags(t); }} />
      {jobs.error ? <Notice kind="error">{jobs.error}</Notice> : null}
      {jobs.loading && !jobs.data ? <Loading what="jobs" /> : null}
      {jobs.data ? (
        <>
          <div className="table-scroll">
            <table className="data-table jobs-table">
              <caption className="visually-hidden">Jobs of {name}, newest first</caption>
              <thead><tr><th scope="col">Job</th><th scope="col">Status</th><th scope="col">Tags</th><th scope="col">Program</th><th scope="col">Backend</th><th scope="col">Created</th></tr></thead>
              <tbody>
                {jobs.data.jobs.map((j) => (
                  <tr key={j.id}>
                    <td><Link to={`/quantum/${encodeURIComponent(guid)}/jobs/${j.id}`}><code>{j.id}</code></Link></td>
                    <td><span className={`tag tag-${j.status.toLowerCase()}`}>{j.status}</span></td>
                    <td className="cell-tags"><RowTags tags={j.tags} /></td>
                    <td>{j.program.id}</td>
                    <td>{j.backend}</td>
                    <td>{formatDate(j.created)}</td>
                  </tr>
                ))}
                {jobs.data.jobs.length === 0 ? <tr><td colSpan={6}>No jobs match.</td></tr> : null}
              </tbody>
            </table>
          </div>
          <Pager page={page} hasNext={(page + 1) * PAGE < jobs.data.count} summary={`${jobs.data.count} ${jobs.data.count === 1 ? "job" : "jobs"}`} onPrevious={() => setPage((p) => p - 1)} onNext={() => setPage((p) => p + 1)} />
        </>
      ) : null}
      {crn ? <SubmitDialog open={submitting} crn={crn} backends={backends.data ?? []} onClose={() => setSubmitting(false)} onSubmitted={(id) => navigate(`/quantum/${encodeURIComponent(guid)}/jobs/${id}`)} /> : null}
    </>
  );
}

/** A row's tags as compact chips (a long one cut short, whole in its title); past a few, how many more. */
function RowTags({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  const rest = tags.slice(SHOWN_TAGS);
  return (
    <span className="tag-list row-tags" data-testid="row-tags">
      {tags.slice(0, SHOWN_TAGS).map((t) => <span key={t} className="tag" title={t}>{t}</span>)}
      {rest.length ? <span className="tag tag-more" title={rest.join(', ')}>+{rest.length} more</span> : null}
    </span>
  );
}

function SubmitDialog({ open, crn, backends, onClose, onSubmitted }: { open: boolean; crn: string; backends: string[]; onClose: () => void; onSubmitted: (id: string) => void }) {
  const s = session()!;
  const [program, setProgram] = useState<'sampler' | 'estimator'>('sampler');
  const [backend, setBackend] = useState('');
  const [qasm, setQasm] = useState(BELL);
  const [shots, setShots] = useState('1024');
  const [observables, setObservables] = useState('ZZ');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const close = () => { setError(undefined); onClose(); };
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const pub = program === 'sampler' ? [qasm, null, Number(shots)] : [qasm, observables.split(',').map((o) => o.trim()).filter(Boolean)];
      const job = await ok(s.client.POST('/api/v1/jobs', {
        headers: runtimeHeaders(crn),
        body: { program_id: program, ...(backend || backends[0] ? { backend: backend || backends[0] } : {}), params: { version: 2, pubs: [pub] } },
      }));
      close();
      onSubmitted(job.id);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="Submit a circuit" open={open} onClose={close} wide footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={busy || !qasm.trim()} onClick={() => void submit()}>Submit</button>
      </>
    }>
      <div className="form-grid">
        <Field label="Primitive">
          {(id) => <select id={id} value={program} onChange={(e) => setProgram(e.target.value as 'sampler' | 'estimator')}><option value="sampler">Sampler</option><option value="estimator">Estimator</option></select>}
        </Field>
        <Field label="Backend">
          {(id) => <select id={id} value={backend || backends[0] || ''} onChange={(e) => setBackend(e.target.value)}>{backends.map((b) => <option key={b} value={b}>{b}</option>)}</select>}
        </Field>
        {program === 'sampler' ? (
          <Field label="Shots">{(id) => <input id={id} type="number" min={1} max={100000} value={shots} onChange={(e) => setShots(e.target.value)} />}</Field>
        ) : (
          <Field label="Observables" hint="Pauli strings, comma-separated, e.g. ZZ, XX">{(id) => <input id={id} value={observables} onChange={(e) => setObservables(e.target.value)} />}</Field>
        )}
      </div>
      <Field label="OpenQASM 3 circuit">{(id) => <textarea id={id} rows={12} spellCheck={false} value={qasm} onChange={(e) => setQasm(e.target.value)} />}</Field>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </Modal>
  );
}
