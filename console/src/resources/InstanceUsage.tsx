/**
 * An instance's usage this month against the limit in force (the smaller of its own limit and its plan's allowance),
 * read from the Qiskit Runtime API, and the dialog that sets or clears its own limit.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { runtimeHeaders, session } from '../app/session.js';
import { errorByField, Field, formatDate, Loading, Modal, Notice } from '../ui/components.js';
import { useLoad } from '../ui/hooks.js';
import { useSubmission } from '../ui/useSubmission.js';

interface UsageView {
  usage_consumed_seconds: number;
  usage_limit_seconds?: number;
  usage_limit_reached: boolean;
  usage_period: { start_time: string; end_time: string };
}

const seconds = (n: number) => `${Math.round(n * 10) / 10} s`;

export function InstanceUsage({ crn, canConfigure }: { crn: string; canConfigure: boolean | undefined }) {
  const s = session()!;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const usage = useLoad(async () => (await ok(s.client.GET('/api/v1/instances/usage', { headers: runtimeHeaders(crn) }))) as unknown as UsageView, [crn]);
  const config = useLoad(() => ok(s.client.GET('/api/v1/instances/configuration', { headers: runtimeHeaders(crn) })), [crn]);
  const u = usage.data;
  const own = config.data?.instance_limit;
  return (
    <section className="section" aria-labelledby="usage-heading">
      <div className="section-header">
        <h2 id="usage-heading">Usage this month</h2>
        <button type="button" className="button secondary" disabled={!canConfigure || !config.data} onClick={() => setEditing(true)}>Edit usage limit</button>
      </div>
      {saved ? <Notice kind="success">{saved}</Notice> : null}
      {usage.error ? <Notice kind="error">{usage.error}</Notice> : null}
      {usage.loading && !u ? <Loading what="the usage" /> : null}
      {u ? (
        <dl className="details" data-testid="instance-usage">
          <dt>Used</dt>
          <dd>{seconds(u.usage_consumed_seconds)}{u.usage_limit_seconds !== undefined ? ` of ${seconds(u.usage_limit_seconds)}` : ' (no limit)'}
            {u.usage_limit_reached ? <span className="tag tag-failed">Limit reached</span> : null}</dd>
          <dt>Period</dt><dd>{formatDate(u.usage_period.start_time)} – {formatDate(u.usage_period.end_time)}</dd>
          <dt>Instance limit</dt>
          <dd data-testid="instance-limit">{config.error ? config.error : own === undefined ? '…' : own === null ? 'None of its own' : seconds(own)}</dd>
        </dl>
      ) : null}
      <LimitDialog open={editing} crn={crn} current={own ?? null} onClose={() => setEditing(false)}
        onSaved={(limit) => { setSaved(limit === null ? 'Removed the instance limit.' : `Set the instance limit to ${seconds(limit)} a month.`); usage.reload(); config.reload(); }} />
    </section>
  );
}

function LimitDialog({ open, crn, current, onClose, onSaved }: { open: boolean; crn: string; current: number | null; onClose: () => void; onSaved: (limit: number | null) => void }) {
  const s = session()!;
  const [value, setValue] = useState('');
  const [opened, setOpened] = useState(false);
  const sub = useSubmission();
  // Starts from the limit in force each time it opens.
  if (open !== opened) {
    setOpened(open);
    if (open) setValue(current === null ? '' : String(current));
  }
  const split = errorByField(sub.error, ['instance_limit'] as const);
  const close = () => { sub.setError(undefined); onClose(); };
  const save = () => sub.run(async () => {
    const text = value.trim();
    if (text && !/^\d+$/.test(text)) { sub.setError("field 'instance_limit' must be a whole number of seconds, 0 or more"); return; }
    const limit = text ? Number(text) : null;
    await ok(s.client.PUT('/api/v1/instances/configuration', { headers: runtimeHeaders(crn), body: { instance_limit: limit } }));
    onClose();
    onSaved(limit);
  });
  return (
    <Modal title="Edit usage limit" open={open} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={sub.busy} onClick={() => void save()}>Save</button>
      </>
    }>
      <Field label="Monthly limit in seconds" hint="Leave empty for no limit of the instance's own; the plan's allowance, if any, still applies."
        error={split.field ? split.message : undefined}>
        {(id, aria) => <input id={id} {...aria} inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      {split.message && !split.field ? <Notice kind="error">{split.message}</Notice> : null}
    </Modal>
  );
}
