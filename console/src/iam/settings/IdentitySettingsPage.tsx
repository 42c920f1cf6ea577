/**
 * IAM settings: the account's identity settings (`/v1/accounts/{account_id}/settings/identity`): who may create API
 * keys, who sees the user list, how long sign-in sessions last and which addresses may use the account. Saved
 * with the entity tag read, so a change made meanwhile by someone else is reported instead of overwritten.
 */
import { useEffect, useState } from 'react';
import { ok } from '@client/client.js';
import { okWithEtag } from '@client/etag.js';
import { messageOf, session } from '../../app/session.js';
import { errorByField, Field, Loading, Notice, PageHeader } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';

const FIELDS = ['restrict_create_platform_apikey', 'restrict_user_list_visibility', 'session_expiration_in_seconds', 'session_invalidation_in_seconds', 'allowed_ip_addresses'] as const;
type Key = (typeof FIELDS)[number];
type Form = Record<Key, string>;

/** Seconds as the API keeps them ('NOT_SET' or a number) ↔ minutes in the form ('' = not set). */
const toMinutes = (v: string) => (/^\d+$/.test(v) ? String(Number(v) / 60) : '');
const toSeconds = (v: string) => (v.trim() === '' ? 'NOT_SET' : /^\d+(\.\d+)?$/.test(v.trim()) ? String(Math.round(Number(v.trim()) * 60)) : v.trim());

function formOf(s: Record<Key, string>): Form {
  return {
    restrict_create_platform_apikey: s.restrict_create_platform_apikey === 'RESTRICTED' ? 'RESTRICTED' : 'NOT_RESTRICTED',
    restrict_user_list_visibility: s.restrict_user_list_visibility === 'NOT_RESTRICTED' ? 'NOT_RESTRICTED' : 'RESTRICTED',
    session_expiration_in_seconds: toMinutes(s.session_expiration_in_seconds),
    session_invalidation_in_seconds: toMinutes(s.session_invalidation_in_seconds),
    allowed_ip_addresses: s.allowed_ip_addresses,
  };
}

/** What the list would mean for the address this browser's requests come from, asked of the server. */
function useAddressCheck(list: string, changed: boolean) {
  const s = session()!;
  const [answer, setAnswer] = useState<{ ip_address: string; allowed?: boolean; list: string }>();
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      s.client.GET('/console/address', { params: { query: { allowed_ip_addresses: list } } }).then(
        ({ data }) => { if (live && data) setAnswer({ ...data, list }); },
        () => undefined,
      );
    }, changed ? 250 : 0);
    return () => { live = false; clearTimeout(timer); };
  }, [list, changed, s]);
  return answer?.list === list ? answer : undefined;
}

export default function IdentitySettingsPage() {
  const s = session()!;
  const account_id = s.me.accountId;
  const settings = useLoad(() => okWithEtag(s.client.GET('/v1/accounts/{account_id}/settings/identity', { params: { path: { account_id } } })), []);
  const can = useCan({ update: { action: 'iam-identity.account.update' }, addresses: { action: 'iam-identity.account.allowed-ip-addresses.update' } });
  const [form, setForm] = useState<Form>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ field?: Key; message?: string; saved?: boolean }>({});
  useEffect(() => { if (settings.data) setForm(formOf(settings.data.data)); }, [settings.data]);
  const saved = settings.data ? formOf(settings.data.data) : undefined;
  const changed = FIELDS.filter((k) => form && saved && form[k] !== saved[k]);
  const address = useAddressCheck(form?.allowed_ip_addresses ?? '', changed.includes('allowed_ip_addresses'));
  const lockout = address?.allowed === false;

  const save = async () => {
    if (!form || !settings.data) return;
    setBusy(true);
    setResult({});
    // Only what changed: a field left out keeps its value (and an Operator may save what they are allowed to).
    const body: Record<string, string> = {};
    for (const k of changed) body[k] = k.startsWith('session_') ? toSeconds(form[k]) : form[k].trim();
    try {
      await ok(s.client.PUT('/v1/accounts/{account_id}/settings/identity', { params: { path: { account_id } }, body, headers: { 'If-Match': settings.data.etag } }));
      setResult({ saved: true });
      settings.reload();
    } catch (err) {
      setResult(errorByField(messageOf(err), FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (k: Key) => (result.field === k ? result.message : undefined);
  const set = (k: Key) => (e: { target: { value: string } }) => { setForm((f) => (f ? { ...f, [k]: e.target.value } : f)); setResult({}); };
  const readOnly = !can.update;

  return (
    <>
      <PageHeader title="IAM settings" breadcrumb={<span>Manage → Access (IAM)</span>} />
      <p>The account's identity settings apply to everyone in it, the owner included.</p>
      {settings.error ? <Notice kind="error">{settings.error}</Notice> : null}
      {settings.loading && !settings.data ? <Loading what="the account's identity settings" /> : null}
      {form ? (
        <form className="settings-form" aria-busy={busy} onSubmit={(e) => { e.preventDefault(); if (!busy && changed.length > 0 && can.update) void save(); }}>
          {readOnly && can.update === false ? <Notice>You may read these settings; changing them takes the Operator or Administrator role on IAM Identity.</Notice> : null}
          <section className="section" aria-labelledby="settings-access">
            <h2 id="settings-access">Access</h2>
            <Field label="API key creation" hint="Restricted: only people with the Operator or Administrator role on IAM Identity (and the owner) may create API keys, even for themselves." error={errorOf('restrict_create_platform_apikey')}>
              {(id, aria) => (
                <select id={id} {...aria} value={form.restrict_create_platform_apikey} onChange={set('restrict_create_platform_apikey')} disabled={readOnly}>
                  <option value="NOT_RESTRICTED">Everyone may create their own API keys</option>
                  <option value="RESTRICTED">Restricted</option>
                </select>
              )}
            </Field>
            <Field label="User list visibility" hint="Restricted: members without permission to list users see only themselves." error={errorOf('restrict_user_list_visibility')}>
              {(id, aria) => (
                <select id={id} {...aria} value={form.restrict_user_list_visibility} onChange={set('restrict_user_list_visibility')} disabled={readOnly}>
                  <option value="RESTRICTED">Restricted</option>
                  <option value="NOT_RESTRICTED">Every member sees every user</option>
                </select>
              )}
            </Field>
          </section>
          <section className="section" aria-labelledby="settings-sessions">
            <h2 id="settings-sessions">Sign-in sessions</h2>
            <div className="form-grid">
              <Field label="Session expiration (minutes)" hint="15–1440. A session ends this long after sign-in, however often renewed. Empty: not set." error={errorOf('session_expiration_in_seconds')}>
                {(id, aria) => <input id={id} {...aria} inputMode="numeric" value={form.session_expiration_in_seconds} onChange={set('session_expiration_in_seconds')} disabled={readOnly} />}
              </Field>
              <Field label="Session invalidation when unused (minutes)" hint="15–120. A session unused this long ends. Empty: not set." error={errorOf('session_invalidation_in_seconds')}>
                {(id, aria) => <input id={id} {...aria} inputMode="numeric" value={form.session_invalidation_in_seconds} onChange={set('session_invalidation_in_seconds')} disabled={readOnly} />}
              </Field>
            </div>
          </section>
          <section className="section" aria-labelledby="settings-addresses">
            <h2 id="settings-addresses">Network access</h2>
            <Field label="Allowed IP addresses" error={errorOf('allowed_ip_addresses')} hint={
              <>Comma-separated addresses and CIDR ranges (192.0.2.10, 198.51.100.0/24, 2001:db8::/32). Empty: any address.
                {address ? <> Your requests come from <code>{address.ip_address}</code>.</> : null}
                {can.addresses === false ? ' Only Administrators of IAM Identity may change this list.' : null}</>
            }>
              {(id, aria) => <textarea id={id} {...aria} rows={3} value={form.allowed_ip_addresses} onChange={set('allowed_ip_addresses')} disabled={readOnly || can.addresses === false} spellCheck={false} />}
            </Field>
            {lockout ? (
              <Notice kind="warning">
                <strong>This list does not include your current address ({address.ip_address}).</strong> Once saved, every request from
                here is refused, this console included, for everyone of the account signing in from this address — you would lock
                yourself out. Only the server's operator can lift the restriction then.
              </Notice>
            ) : null}
          </section>
          {result.message && !result.field ? <Notice kind="error">{result.message}</Notice> : null}
          {result.saved ? <Notice kind="success">Saved the identity settings.</Notice> : null}
          <div className="form-actions">
            <button type="submit" className={lockout && changed.includes('allowed_ip_addresses') ? 'button danger' : 'button primary'} disabled={readOnly || busy || changed.length === 0}>
              {busy ? 'Saving…' : lockout && changed.includes('allowed_ip_addresses') ? 'Save and lock out my address' : 'Save'}
            </button>
            <button type="button" className="button secondary" disabled={busy || changed.length === 0} onClick={() => { if (saved) setForm(saved); setResult({}); }}>Discard changes</button>
            {changed.length > 0 ? <span className="hint" role="status">{changed.length === 1 ? '1 unsaved change' : `${changed.length} unsaved changes`}</span> : null}
          </div>
        </form>
      ) : null}
    </>
  );
}
