/**
 * `/signin/callback`: where a federated sign-in comes back with a one-time code, redeemed for a session here.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, navigate } from '../app/router.js';
import { messageOf, startSession } from '../app/session.js';
import { Loading, Notice } from '../ui/components.js';
import { finishFederatedSignIn } from './federation.js';

export default function SignInCallbackPage() {
  const [error, setError] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    document.title = 'Signing in – qgate';
    // Once only (StrictMode runs effects twice in development): the code is single-use.
    if (started.current) return;
    started.current = true;
    finishFederatedSignIn(new URLSearchParams(window.location.search)).then(
      ({ tokens, next }) => { startSession(tokens); navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true }); },
      (err: unknown) => setError(messageOf(err)),
    );
  }, []);
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand-large">qgate</p>
        <h1>Signing in</h1>
        {error ? (
          <>
            <Notice kind="error">The sign-in could not be completed: {error}</Notice>
            <p><Link to="/signin">Back to sign in</Link></p>
          </>
        ) : <Loading what="your session" />}
      </div>
    </main>
  );
}
