/**
 * The fields of an identity provider, shared by the add and edit dialogs; each shows the server's complaint about it.
 */
import { Field } from '../../ui/components.js';

export const PROVIDER_FIELDS = ['name', 'discovery_url', 'client_id', 'client_secret', 'scopes', 'first_sign_in'] as const;
export type ProviderField = (typeof PROVIDER_FIELDS)[number];
export type FirstSignIn = 'create_user' | 'require_invitation';
export type ProviderForm = { name: string; discovery_url: string; client_id: string; client_secret: string; scopes: string; first_sign_in: FirstSignIn };

export function ProviderFields({ form, set, errorOf, secretHint, onSubmit }: {
  form: ProviderForm;
  set: (key: ProviderField) => (e: { target: { value: string } }) => void;
  errorOf: (field: ProviderField) => string | undefined;
  secretHint: string;
  /** Enter in a field submits, as in any form. */
  onSubmit: () => void;
}) {
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      <Field label="Name" hint="Shown on the sign-in page: Sign in with <name>." error={errorOf('name')}>
        {(id, aria) => <input id={id} {...aria} value={form.name} onChange={set('name')} autoComplete="off" />}
      </Field>
      <Field label="Discovery URL" hint="The provider's issuer URL or its /.well-known/openid-configuration URL (https)." error={errorOf('discovery_url')}>
        {(id, aria) => <input id={id} {...aria} type="url" value={form.discovery_url} onChange={set('discovery_url')} placeholder="https://sso.example.org/realms/campus" autoComplete="off" />}
      </Field>
      <div className="form-grid">
        <Field label="Client ID" error={errorOf('client_id')}>
          {(id, aria) => <input id={id} {...aria} value={form.client_id} onChange={set('client_id')} autoComplete="off" />}
        </Field>
        <Field label="Client secret" hint={secretHint} error={errorOf('client_secret')}>
          {(id, aria) => <input id={id} {...aria} type="password" value={form.client_secret} onChange={set('client_secret')} autoComplete="new-password" />}
        </Field>
      </div>
      <Field label="Scopes" hint="Space-separated; must include openid. Add the scopes that release the claims your dynamic rules read." error={errorOf('scopes')}>
        {(id, aria) => <input id={id} {...aria} value={form.scopes} onChange={set('scopes')} autoComplete="off" />}
      </Field>
      <Field label="At a person's first sign-in" error={errorOf('first_sign_in')}>
        {(id, aria) => (
          <select id={id} {...aria} value={form.first_sign_in} onChange={set('first_sign_in')}>
            <option value="create_user">Create their user (anyone the provider signs in)</option>
            <option value="require_invitation">Require an invitation (by verified email)</option>
          </select>
        )}
      </Field>
      <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
    </form>
  );
}
