/**
 * Assign access to a group: a service, optionally some of its instances (one policy per instance, as IBM Cloud
 * makes them), and platform, service and custom roles.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { session } from '../../app/session.js';
import { Field, Loading, Modal, Notice } from '../../ui/components.js';
import { useLoad } from '../../ui/hooks.js';
import { useSubmission } from '../../ui/useSubmission.js';
import { SERVICES } from './services.js';

export interface PolicyView {
  id: string;
  roles: Array<{ role_id: string; display_name?: string }>;
  resources: Array<{ attributes: Array<{ name: string; value: string }> }>;
}

interface Role { crn: string; display_name: string; description: string }

function RoleChoices({ legend, roles, chosen, toggle }: { legend: string; roles: Role[]; chosen: string[]; toggle: (crn: string, on: boolean) => void }) {
  if (roles.length === 0) return null;
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {roles.map((r) => (
        <label key={r.crn} className="choice">
          <input type="checkbox" checked={chosen.includes(r.crn)} onChange={(e) => toggle(r.crn, e.target.checked)} />
          {r.display_name}{r.description ? <span className="hint"> — {r.description}</span> : null}
        </label>
      ))}
    </fieldset>
  );
}

export function AssignAccessDialog({ open, groupId, instances, onClose, onDone }: {
  open: boolean; groupId: string; instances: Array<{ guid: string; name: string; resource_id?: string }>; onClose: () => void; onDone: (policies: number) => void;
}) {
  const s = session()!;
  const account_id = s.me.accountId;
  const [service, setService] = useState('quantum-computing');
  const [scope, setScope] = useState<'all' | 'some'>('some');
  const [chosenInstances, setChosenInstances] = useState<string[]>([]);
  const [roles, setRoles] = useState<string[]>([]);
  const { busy, error, setError, run } = useSubmission();
  const catalog = useLoad(() => (open ? ok(s.client.GET('/v2/roles', { params: { query: { account_id, service_name: service } } })) : Promise.resolve(undefined)), [open, service]);
  const serviceInstances = service === 'quantum-computing' ? instances : [];
  const toggleRole = (crn: string, on: boolean) => setRoles((r) => (on ? [...r, crn] : r.filter((x) => x !== crn)));
  const close = () => { setChosenInstances([]); setRoles([]); setError(undefined); onClose(); };

  const assign = async () => {
    if (roles.length === 0) return setError('Choose at least one role.');
    const targets = serviceInstances.length > 0 && scope === 'some' ? chosenInstances : [undefined];
    if (targets.length === 0) return setError('Choose at least one instance, or all instances.');
    return run(async () => {
      for (const guid of targets) {
        await ok(s.client.POST('/v1/policies', {
          body: {
            type: 'access',
            subjects: [{ attributes: [{ name: 'access_group_id', value: groupId }] }],
            roles: roles.map((role_id) => ({ role_id })),
            resources: [{ attributes: [{ name: 'accountId', value: account_id }, { name: 'serviceName', value: service }, ...(guid ? [{ name: 'serviceInstance', value: guid }] : [])] }],
          } as never,
        }));
      }
      onDone(targets.length);
      close();
    });
  };

  return (
    <Modal title="Assign access" open={open} onClose={close} wide footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void assign()}>Assign</button>
      </>
    }>
      <Field label="Service">
        {(id) => (
          <select id={id} value={service} onChange={(e) => { setService(e.target.value); setRoles([]); setChosenInstances([]); }}>
            {SERVICES.map(([name, label]) => <option key={name} value={name}>{label}</option>)}
          </select>
        )}
      </Field>
      {serviceInstances.length > 0 ? (
        <fieldset className="choices">
          <legend>Resources</legend>
          <label className="choice"><input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />All instances</label>
          <label className="choice"><input type="radio" name="scope" checked={scope === 'some'} onChange={() => setScope('some')} />Specific instances</label>
          {scope === 'some' ? (
            <div className="choice-grid">
              {serviceInstances.map((i) => (
                <label key={i.guid} className="choice">
                  <input type="checkbox" checked={chosenInstances.includes(i.guid)} onChange={(e) => setChosenInstances((c) => (e.target.checked ? [...c, i.guid] : c.filter((x) => x !== i.guid)))} />
                  {i.name}
                </label>
              ))}
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {catalog.error ? <Notice kind="error">{catalog.error}</Notice> : null}
      {catalog.loading && !catalog.data ? <Loading what="the service's roles" /> : null}
      {catalog.data ? (
        <>
          <RoleChoices legend="Platform roles" roles={catalog.data.system_roles} chosen={roles} toggle={toggleRole} />
          <RoleChoices legend="Service roles" roles={catalog.data.service_roles} chosen={roles} toggle={toggleRole} />
          <RoleChoices legend="Custom roles" roles={catalog.data.custom_roles.filter((r) => r.service_name === service)} chosen={roles} toggle={toggleRole} />
        </>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
    </Modal>
  );
}
