/**
 * The console's routes. The sign-in page and the users list come with the first load; every other screen is
 * its own chunk, fetched when it is first opened.
 */
import { lazy, Suspense, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { SignInPage } from '../auth/SignInPage.js';
import { UsersPage } from '../iam/users/UsersPage.js';
import { Loading } from '../ui/components.js';
import { matchPath, navigate, useLocation } from './router.js';
import { onSessionChange, session } from './session.js';
import { Shell } from './Shell.js';

const InvitePage = lazy(() => import('../auth/InvitePage.js'));
const SignInCallbackPage = lazy(() => import('../auth/SignInCallbackPage.js'));
const HomePage = lazy(() => import('../home/HomePage.js'));
const UserPage = lazy(() => import('../iam/users/UserPage.js'));
const GroupsPage = lazy(() => import('../iam/groups/GroupsPage.js'));
const GroupPage = lazy(() => import('../iam/groups/GroupPage.js'));
const RolesPage = lazy(() => import('../iam/roles/RolesPage.js'));
const ApiKeysPage = lazy(() => import('../iam/apikeys/ApiKeysPage.js'));
const ServiceIdsPage = lazy(() => import('../iam/serviceids/ServiceIdsPage.js'));
const AuditPage = lazy(() => import('../iam/audit/AuditPage.js'));
const IdentityProvidersPage = lazy(() => import('../iam/providers/IdentityProvidersPage.js'));
const IdentitySettingsPage = lazy(() => import('../iam/settings/IdentitySettingsPage.js'));
const ResourcesPage = lazy(() => import('../resources/ResourcesPage.js'));
const InstancePage = lazy(() => import('../resources/InstancePage.js'));
const ResourceGroupsPage = lazy(() => import('../resources/ResourceGroupsPage.js'));
const QuantumPage = lazy(() => import('../quantum/QuantumPage.js'));
const JobsPage = lazy(() => import('../quantum/JobsPage.js'));
const JobPage = lazy(() => import('../quantum/JobPage.js'));

type Screen = ComponentType<{ params: Record<string, string> }> | LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;

const SIGNED_IN: Array<[string, Screen]> = [
  ['/', HomePage],
  ['/iam/users', UsersPage],
  ['/iam/users/:iamId', UserPage],
  ['/iam/groups', GroupsPage],
  ['/iam/groups/:groupId', GroupPage],
  ['/iam/roles', RolesPage],
  ['/iam/apikeys', ApiKeysPage],
  ['/iam/serviceids', ServiceIdsPage],
  ['/iam/audit', AuditPage],
  ['/iam/identity-providers', IdentityProvidersPage],
  ['/iam/settings', IdentitySettingsPage],
  ['/resources', ResourcesPage],
  // Before the instance pattern, which would take `groups` for a GUID.
  ['/resources/groups', ResourceGroupsPage],
  ['/resources/:guid', InstancePage],
  ['/quantum', QuantumPage],
  ['/quantum/:guid', JobsPage],
  ['/quantum/:guid/jobs/:jobId', JobPage],
];

function useSession() {
  const [s, setS] = useState(session);
  useEffect(() => onSessionChange(() => setS(session())), []);
  return s;
}

export function App() {
  const { pathname } = useLocation();
  const signedIn = useSession();

  const invite = matchPath('/invite/:token', pathname);
  if (invite) return <Suspense fallback={<Loading what="the invitation" />}><InvitePage params={invite} /></Suspense>;
  if (pathname === '/signin/callback') return <Suspense fallback={<Loading what="the sign-in" />}><SignInCallbackPage /></Suspense>;
  if (pathname === '/signin' || !signedIn) {
    if (pathname !== '/signin') {
      const next = pathname + window.location.search;
      queueMicrotask(() => navigate(`/signin${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`, { replace: true }));
      return null;
    }
    return <SignInPage />;
  }
  if (pathname === '/iam') {
    queueMicrotask(() => navigate('/iam/users', { replace: true }));
    return null;
  }
  for (const [pattern, Page] of SIGNED_IN) {
    const params = matchPath(pattern, pathname);
    if (params) {
      return (
        <Shell>
          <Suspense fallback={<Loading what="the page" />}><Page params={params} /></Suspense>
        </Shell>
      );
    }
  }
  return <Shell><h1>Not found</h1><p>The console has no page at {pathname}.</p></Shell>;
}
