/**
 * `/invite/<token>`: the page an invitation email links to. The invited person chooses a password (and may give
 * their name), which activates them, and lands signed in.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { navigate } from '../app/router.js';
import { signIn } from '../app/session.js';
import { createClient, ok } from '@client/client.js';
import { Field, Loading, Notice } from '../ui/components.js';
import { useLoad } from '../ui/hooks.js';
import { useSubmission } from '../ui/useSubmission.js';

const anonymous = createClient({ baseUrl: window.location.origin });

export default function InvitePage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const invitation = useLoad(() => ok(anonymous.GET('/v2/invitations/{token}', { params: { path: { token } } })), [token]);
  const [firstname, setFirstname] = useState('');
  const [lastname, setLastname] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, setError, run } = useSubmission();
  useEffect(() => { document.title = 'Accept invitation – qgate'; }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== again) return setError('The two passwords differ: type the same password twice.');
    return run(async () => {
      await ok(anonymous.POST('/v2/invitations/{token}/accept', {
        params: { path: { token } },
        body: { password, ...(firstname.trim() ? { firstname: firstname.trim() } : {}), ...(lastname.trim() ? { lastname: lastname.trim() } : {}) },
      }));
      await signIn(invitation.data!.email, password);
      navigate('/', { replace: true });
    });
  };

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand-large">qgate</p>
        <h1>Accept your invitation</h1>
        {invitation.loading ? <Loading what="the invitation" /> : null}
        {invitation.error ? <Notice kind="error">This invitation cannot be used: {invitation.error}</Notice> : null}
        {invitation.data ? (
          <form onSubmit={(e) => void submit(e)}>
            <p>You are invited to the account <strong>{invitation.data.account_name}</strong> as <strong>{invitation.data.email}</strong>. Choose a password to join.</p>
            <Field label="First name (optional)">{(id) => <input id={id} autoComplete="given-name" value={firstname} onChange={(e) => setFirstname(e.target.value)} />}</Field>
            <Field label="Last name (optional)">{(id) => <input id={id} autoComplete="family-name" value={lastname} onChange={(e) => setLastname(e.target.value)} />}</Field>
            <Field label="Password" hint="At least 12 characters; a few unrelated words make a good one.">
              {(id) => <input id={id} type="password" autoComplete="new-password" required minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} />}
            </Field>
            <Field label="Password again">{(id) => <input id={id} type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />}</Field>
            {error ? <Notice kind="error">{error}</Notice> : null}
            <button type="submit" className="button primary wide" disabled={busy}>{busy ? 'Joining…' : 'Join and sign in'}</button>
          </form>
        ) : null}
      </div>
    </main>
  );
}
