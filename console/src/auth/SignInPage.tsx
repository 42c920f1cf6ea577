/**
 * Sign in with email and password (the token endpoint's password grant), or with one of the account's identity
 * providers (federated sign-in), listed below the form when there are any.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { navigate } from '../app/router.js';
import { messageOf, signIn } from '../app/session.js';
import { Field, Notice } from '../ui/components.js';
import { useSubmission } from '../ui/useSubmission.js';
import { canSignInFederated, listProviders, startFederatedSignIn, type Provider } from './federation.js';

/** Only the console's own paths are followed after sign-in, never another site. */
function safeNext(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/';
}

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useSubmission();
  const [providers, setProviders] = useState<Provider[]>([]);
  useEffect(() => {
    document.title = 'Sign in – qgate';
    listProviders().then(setProviders, () => undefined);
  }, []);
  const next = safeNext(new URLSearchParams(window.location.search).get('next'));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    return run(async () => {
      await signIn(email.trim(), password);
      navigate(next, { replace: true });
    });
  };

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand-large">qgate</p>
        <h1>Sign in</h1>
        <form onSubmit={(e) => void submit(e)}>
          <Field label="Email">{(id) => <input id={id} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}</Field>
          <Field label="Password">{(id) => <input id={id} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}</Field>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <button type="submit" className="button primary wide" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        </form>
        {providers.length > 0 ? (
          <>
            <p className="auth-divider">or</p>
            <ul className="auth-alternatives" aria-label="Other ways to sign in">
              {providers.map((p) => (
                <li key={p.realm_id}>
                  <button type="button" className="button secondary wide" disabled={!canSignInFederated()}
                    title={canSignInFederated() ? undefined : 'Federated sign-in needs https (or a loopback address)'}
                    onClick={() => void startFederatedSignIn(p.realm_id, { loginHint: email.trim() || undefined, next }).catch((err: unknown) => setError(messageOf(err)))}>
                    Sign in with {p.name}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </main>
  );
}
