/**
 * Resources: the service instances the signed-in person may see; create one with a plan and a location.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { Link, navigate } from '../app/router.js';
import { messageOf, session } from '../app/session.js';
import { errorByField, Field, formatDate, Modal, Notice, PageHeader } from '../ui/components.js';
import { useCan, useLoad } from '../ui/hooks.js';
import { LoadedTable } from '../ui/LoadedTable.js';

const LOCATIONS = ['us-east', 'eu-de'];

export function useInstances() {
  const s = session()!;
  return useLoad(() => ok(s.client.GET('/v2/resource_instances', { params: { query: { limit: 100 } } })), []);
}

export default function ResourcesPage() {
  const [creating, setCreating] = useState(false);
  const instances = useInstances();
  const can = useCan({ create: { action: 'resource-controller.instance.create', attributes: { serviceName: 'quantum-computing' } } });
  return (
    <>
      <PageHeader title="Service instances" breadcrumb={<span>Resources</span>} actions={
        <button type="button" className="button primary" disabled={!can.create} onClick={() => setCreating(true)}>Create instance</button>
      } />
      <LoadedTable loaded={instances} what="instances" caption="Service instances you may see" columns={['Name', 'Plan', 'Location', 'State', 'Created']}
        empty="No instances you may see." rows={(data) => data.resources.map((i) => (
          <tr key={i.guid}>
            <td><Link to={`/resources/${encodeURIComponent(i.guid)}`}>{i.name}</Link></td>
            <td>{i.resource_plan_id}</td>
            <td>{i.region_id}</td>
            <td><span className={`tag tag-${i.state}`}>{i.state}</span></td>
            <td>{formatDate(i.created_at)}</td>
          </tr>
        ))} />
      <CreateInstanceDialog open={creating} onClose={() => setCreating(false)} onCreated={(guid) => navigate(`/resources/${encodeURIComponent(guid)}`)} />
    </>
  );
}

function CreateInstanceDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (guid: string) => void }) {
  const s = session()!;
  const [name, setName] = useState('');
  const [plan, setPlan] = useState('standard');
  const [location, setLocation] = useState('us-east');
  const [group, setGroup] = useState('');
  const [error, setError] = useState<string>();
  const split = errorByField(error, ['name'] as const);
  const catalog = useLoad(() => (open ? ok(s.client.GET('/v1/catalog/services', {})) : Promise.resolve(undefined)), [open]);
  const groups = useLoad(() => (open ? ok(s.client.GET('/v2/resource_groups', {})) : Promise.resolve(undefined)), [open]);
  const plans = catalog.data?.resources.find((r) => r.name === 'quantum-computing')?.plans ?? [];
  const regions = (plans.find((p) => p.id === plan) as { regions?: string[] } | undefined)?.regions ?? LOCATIONS;
  const groupId = group || groups.data?.resources.find((g) => g.default)?.id || groups.data?.resources[0]?.id || '';
  const close = () => { setName(''); setError(undefined); onClose(); };
  const create = async () => {
    try {
      const inst = await ok(s.client.POST('/v2/resource_instances', { body: { name: name.trim(), target: location, resource_group: groupId, resource_plan_id: plan } }));
      close();
      onCreated(inst.guid);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Modal title="Create a Qiskit Runtime instance" open={open} onClose={close} footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={!name.trim() || !groupId} onClick={() => void create()}>Create</button>
      </>
    }>
      <Field label="Name" error={split.field === 'name' ? split.message : undefined}>{(id, aria) => <input id={id} {...aria} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <fieldset className="choices">
        <legend>Plan</legend>
        {plans.map((p) => (
          <label key={p.id} className="choice">
            <input type="radio" name="plan" value={p.id} checked={plan === p.id} onChange={() => setPlan(p.id)} />
            {p.display_name}<span className="hint"> — {p.description}</span>
          </label>
        ))}
      </fieldset>
      <Field label="Location">
        {(id) => <select id={id} value={regions.includes(location) ? location : regions[0]} onChange={(e) => setLocation(e.target.value)}>{regions.map((r) => <option key={r} value={r}>{r}</option>)}</select>}
      </Field>
      <Field label="Resource group">
        {(id) => <select id={id} value={groupId} onChange={(e) => setGroup(e.target.value)}>{groups.data?.resources.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}</select>}
      </Field>
      {split.message && !split.field ? <Notice kind="error">{split.message}</Notice> : null}
    </Modal>
  );
}
