/**
 * One service instance: its details with the CRN (what Qiskit's `instance=` takes), its usage this month and limit,
 * its open sessions and batches, its jobs, and delete.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { Link, navigate } from '../app/router.js';
import { session } from '../app/session.js';
import { ConfirmDialog, formatDate, Loading, Notice, PageHeader } from '../ui/components.js';
import { useCan, useLoad } from '../ui/hooks.js';
import { InstanceSessions } from './InstanceSessions.js';
import { InstanceUsage } from './InstanceUsage.js';

export default function InstancePage({ params }: { params: Record<string, string> }) {
  const s = session()!;
  const guid = params.guid ?? '';
  const [deleting, setDeleting] = useState(false);
  const inst = useLoad(() => ok(s.client.GET('/v2/resource_instances/{id}', { params: { path: { id: guid } } })), [guid]);
  const attributes = { serviceName: 'quantum-computing', serviceInstance: guid, ...(inst.data ? { resourceGroupId: inst.data.resource_group_id, region: inst.data.region_id } : {}) };
  const can = useCan({
    remove: { action: 'resource-controller.instance.delete', attributes },
    configure: { action: 'quantum-computing.instance.configuration.update', attributes },
    updateSession: { action: 'quantum-computing.session.update', attributes },
  }, [inst.data?.resource_group_id]);
  const live = inst.data && inst.data.state !== 'removed' ? inst.data.crn : undefined;
  const name = inst.data?.name ?? 'Instance';
  return (
    <>
      <PageHeader title={name} breadcrumb={<><Link to="/resources">Service instances</Link> / {name}</>} actions={
        <>
          <Link className="button secondary" to={`/quantum/${encodeURIComponent(guid)}`}>Jobs</Link>
          <button type="button" className="button danger" disabled={!can.remove || inst.data?.state === 'removed' || inst.data?.locked} onClick={() => setDeleting(true)}>Delete instance</button>
        </>
      } />
      {inst.error ? <Notice kind="error">{inst.error}</Notice> : null}
      {inst.loading && !inst.data ? <Loading what="the instance" /> : null}
      {inst.data ? (
        <dl className="details">
          <dt>CRN</dt><dd><code data-testid="instance-crn">{inst.data.crn}</code></dd>
          <dt>GUID</dt><dd><code>{inst.data.guid}</code></dd>
          <dt>Plan</dt><dd>{inst.data.resource_plan_id}</dd>
          <dt>Location</dt><dd>{inst.data.region_id}</dd>
          <dt>State</dt><dd><span className={`tag tag-${inst.data.state}`}>{inst.data.state}</span>{inst.data.locked ? <span className="tag tag-locked">Locked</span> : null}</dd>
          <dt>Resource group</dt><dd><code>{inst.data.resource_group_id}</code></dd>
          <dt>Created</dt><dd>{formatDate(inst.data.created_at)}</dd>
        </dl>
      ) : null}
      {live ? <InstanceUsage crn={live} canConfigure={can.configure} /> : null}
      {live ? <InstanceSessions crn={live} canUpdate={can.updateSession} /> : null}
      <ConfirmDialog open={deleting} title="Delete instance" confirmLabel="Delete" onClose={() => setDeleting(false)}
        body={<p>Delete <strong>{name}</strong>? Its queued and running jobs are cancelled.</p>}
        onConfirm={async () => {
          await ok(s.client.DELETE('/v2/resource_instances/{id}', { params: { path: { id: guid } } }));
          navigate('/resources');
        }} />
    </>
  );
}
