/**
 * The frame around every signed-in screen: a header with the account menu, a left navigation shaped like IBM
 * Cloud's (Manage → Access (IAM), Resources, Quantum) and the main area.
 */
import type { ReactNode } from 'react';
import { Link, navigate, useLocation } from './router.js';
import { session, signOut } from './session.js';
import { useCan } from '../ui/hooks.js';

const IAM = [
  ['/iam/users', 'Users'],
  ['/iam/groups', 'Access groups'],
  ['/iam/roles', 'Roles'],
  ['/iam/apikeys', 'API keys'],
  ['/iam/serviceids', 'Service IDs'],
  ['/iam/audit', 'Audit trail'],
  ['/iam/identity-providers', 'Identity providers'],
  ['/iam/settings', 'Settings'],
] as const;
/** Entries offered only to those who may read what they show (the API refuses others anyway). */
const ACCOUNT_SETTINGS = new Set(['/iam/identity-providers', '/iam/settings']);

/** Current on its path and the paths below it, except those below `except` (an entry of their own). */
function NavLink({ to, except, children }: { to: string; except?: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const within = (p: string) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`));
  const current = within(to) && !(except && within(except));
  return <Link to={to} className={current ? 'current' : undefined} aria-current={current ? 'page' : undefined}>{children}</Link>;
}

export function Shell({ children }: { children: ReactNode }) {
  const me = session()?.me;
  // The trail is for administrators: others do not see the entry (the API refuses them anyway).
  const can = useCan({ audit: { action: 'iam-audit.event.read' }, settings: { action: 'iam-identity.account.get' } });
  const iam = IAM.filter(([to]) => (to === '/iam/audit' ? can.audit : ACCOUNT_SETTINGS.has(to) ? can.settings : true));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to main content</a>
      <header className="topbar">
        <Link to="/" className="brand">qgate</Link>
        <span className="topbar-account">{me ? `${me.name}${me.email && me.name !== me.email ? ` (${me.email})` : ''}` : ''}</span>
        <button type="button" className="topbar-button" onClick={() => { signOut(); navigate('/signin'); }}>Sign out</button>
      </header>
      <div className="frame">
        <nav className="sidenav" aria-label="Console">
          <ul>
            <li><NavLink to="/">Dashboard</NavLink></li>
          </ul>
          <h2 className="sidenav-heading">Manage → Access (IAM)</h2>
          <ul>
            {iam.map(([to, label]) => <li key={to}><NavLink to={to}>{label}</NavLink></li>)}
          </ul>
          <h2 className="sidenav-heading">Resources</h2>
          <ul>
            <li><NavLink to="/resources" except="/resources/groups">Service instances</NavLink></li>
            <li><NavLink to="/resources/groups">Resource groups</NavLink></li>
            <li><NavLink to="/quantum">Quantum jobs</NavLink></li>
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>{children}</main>
      </div>
    </div>
  );
}
