/**
 * Quantum: pick one of the instances you may use to see its jobs and submit circuits.
 */
import { Link } from '../app/router.js';
import { Loading, Notice, PageHeader } from '../ui/components.js';
import { useInstances } from '../resources/ResourcesPage.js';

export default function QuantumPage() {
  const instances = useInstances();
  return (
    <>
      <PageHeader title="Quantum jobs" breadcrumb={<span>Resources</span>} />
      <p>Jobs belong to a Qiskit Runtime instance. Choose one:</p>
      {instances.error ? <Notice kind="error">{instances.error}</Notice> : null}
      {instances.loading && !instances.data ? <Loading what="instances" /> : null}
      {instances.data ? (
        <ul className="tiles" aria-label="Instances">
          {instances.data.resources.map((i) => (
            <li key={i.guid}><Link className="tile" to={`/quantum/${encodeURIComponent(i.guid)}`}><strong>{i.name}</strong><span>{i.resource_plan_id} plan, {i.region_id}</span></Link></li>
          ))}
          {instances.data.resources.length === 0 ? <li>No instances you may use.</li> : null}
        </ul>
      ) : null}
    </>
  );
}
