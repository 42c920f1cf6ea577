/**
 * The dashboard: where a person lands after signing in, with the ways onward.
 */
import { Link } from '../app/router.js';
import { session } from '../app/session.js';
import { PageHeader } from '../ui/components.js';

export default function HomePage() {
  const me = session()!.me;
  return (
    <>
      <PageHeader title="Dashboard" />
      <p>Welcome, {me.name}.</p>
      <div className="tiles">
        <Link className="tile" to="/iam/users"><strong>Users</strong><span>Invite people and assign them to access groups.</span></Link>
        <Link className="tile" to="/iam/apikeys"><strong>API keys</strong><span>Create a key for Qiskit and scripts.</span></Link>
        <Link className="tile" to="/resources"><strong>Service instances</strong><span>The quantum instances you may use.</span></Link>
        <Link className="tile" to="/quantum"><strong>Quantum jobs</strong><span>Submit circuits and read their results.</span></Link>
      </div>
    </>
  );
}
