/**
 * The dialog that adds a dynamic rule to an access group, or, given one, replaces it (PUT with If-Match: the ETag of
 * the rule as just read). A server message naming a field lands beside that field, a condition's on its own.
 */
import { useEffect, useState } from 'react';
import { ok } from '@client/client.js';
import { messageOf, session } from '../../app/session.js';
import { Field, Modal, Notice } from '../../ui/components.js';
import { useLoad } from '../../ui/hooks.js';

export const OPERATORS = ['EQUALS', 'EQUALS_IGNORE_CASE', 'IN', 'NOT_EQUALS', 'NOT_EQUALS_IGNORE_CASE', 'CONTAINS'] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPERATOR_LABELS: Record<Operator, string> = {
  EQUALS: 'equals',
  EQUALS_IGNORE_CASE: 'equals (ignoring case)',
  IN: 'is one of (JSON array)',
  NOT_EQUALS: 'does not equal',
  NOT_EQUALS_IGNORE_CASE: 'does not equal (ignoring case)',
  CONTAINS: 'contains',
};

export interface RuleView { id: string; name: string; realm_name: string; expiration: number; conditions: { claim: string; operator: string; value: string }[] }

interface ConditionForm { key: number; claim: string; operator: Operator; value: string }

/** The field a server message names (`field 'conditions.0.value' …`), in full so a condition's error lands on it. */
function fieldOf(message: string): string | undefined {
  return /field '([^']+)'/.exec(message)?.[1];
}

const blankCondition = (key: number): ConditionForm => ({ key, claim: '', operator: 'EQUALS', value: '' });

/** A rule being edited, with the ETag it was read with. */
export interface RuleEdit { rule: RuleView; etag: string }

export function RuleDialog({ open, groupId, editing, onClose, onSaved }: {
  open: boolean; groupId: string; editing?: RuleEdit; onClose: () => void; onSaved: (r: RuleView) => void;
}) {
  const s = session()!;
  const [name, setName] = useState('');
  const [realm, setRealm] = useState('');
  const [expiration, setExpiration] = useState('12');
  const [conditions, setConditions] = useState<ConditionForm[]>([blankCondition(0)]);
  const [nextKey, setNextKey] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string }>();
  // Reading providers needs iam-identity.account.get; without it the realm is typed in.
  const providers = useLoad(() => (open
    ? ok(s.client.GET('/v1/accounts/{account_id}/identity_providers', { params: { path: { account_id: s.me.accountId } } })).then((r) => r.identity_providers as { realm_id: string; name: string }[])
    : Promise.resolve(undefined)), [open]);
  const choices = [...(providers.data ?? [])];
  // A rule may name a realm (or issuer URL) no provider of the account has: it stays a choice.
  if (providers.data && realm && !choices.some((p) => p.realm_id === realm)) choices.push({ realm_id: realm, name: realm });
  const chosenRealm = realm || (choices.length > 0 ? choices[0]!.realm_id : '');

  // Each opening starts from the rule edited, or from a blank rule.
  useEffect(() => {
    if (!open) return;
    const rule = editing?.rule;
    const filled = (rule?.conditions ?? []).map((c, i) => ({ key: i, claim: c.claim, operator: c.operator as Operator, value: c.value }));
    setName(rule?.name ?? ''); setRealm(rule?.realm_name ?? ''); setExpiration(rule ? String(rule.expiration) : '12');
    setConditions(filled.length > 0 ? filled : [blankCondition(0)]); setNextKey(Math.max(filled.length, 1)); setError(undefined);
  }, [open, editing]);
  const close = onClose;
  const change = (key: number, patch: Partial<ConditionForm>) => setConditions((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const add = async () => {
    setBusy(true);
    setError(undefined);
    const body = {
      ...(name.trim() ? { name: name.trim() } : {}),
      realm_name: chosenRealm.trim(),
      expiration: Number(expiration),
      conditions: conditions.map((c) => ({ claim: c.claim.trim(), operator: c.operator, value: c.value })),
    };
    try {
      const saved = editing
        ? await ok(s.client.PUT('/v2/groups/{access_group_id}/rules/{rule_id}', {
          params: { path: { access_group_id: groupId, rule_id: editing.rule.id } }, body, headers: { 'If-Match': editing.etag },
        }))
        : await ok(s.client.POST('/v2/groups/{access_group_id}/rules', { params: { path: { access_group_id: groupId } }, body }));
      onSaved(saved as RuleView);
      close();
    } catch (err) {
      const text = messageOf(err);
      setError({ field: fieldOf(text), message: text });
    } finally {
      setBusy(false);
    }
  };
  const fieldNames = ['name', 'realm_name', 'expiration', ...conditions.flatMap((_, i) => ['claim', 'operator', 'value'].map((f) => `conditions.${i}.${f}`))];
  const errorOf = (field: string) => (error?.field === field ? error.message : undefined);
  const elsewhere = error && !fieldNames.includes(error.field ?? '') ? error.message : undefined;
  const complete = chosenRealm.trim() !== '' && expiration !== '' && conditions.every((c) => c.claim.trim() !== '');
  return (
    <Modal title={editing ? 'Edit dynamic rule' : 'Add a dynamic rule'} open={open} onClose={close} wide footer={
      <>
        <button type="button" className="button secondary" onClick={close}>Cancel</button>
        <button type="button" className="button primary" disabled={!complete || busy} onClick={() => void add()}>{editing ? (busy ? 'Saving…' : 'Save rule') : (busy ? 'Adding…' : 'Add rule')}</button>
      </>
    }>
      <form onSubmit={(e) => { e.preventDefault(); if (complete && !busy) void add(); }}>
        <div className="form-grid">
          <Field label="Name" hint="Optional." error={errorOf('name')}>
            {(id, aria) => <input id={id} {...aria} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </Field>
          <Field label="Identity provider" hint={providers.data ? undefined : 'The provider\'s realm ID or issuer URL.'} error={errorOf('realm_name')}>
            {(id, aria) => (providers.data && choices.length > 0 ? (
              <select id={id} {...aria} value={chosenRealm} onChange={(e) => setRealm(e.target.value)}>
                {choices.map((p) => <option key={p.realm_id} value={p.realm_id}>{p.name} ({p.realm_id})</option>)}
              </select>
            ) : (
              <input id={id} {...aria} value={realm} onChange={(e) => setRealm(e.target.value)} autoComplete="off" />
            ))}
          </Field>
          <Field label="Expiration (hours)" hint="1 to 24: how long a sign-in keeps the membership." error={errorOf('expiration')}>
            {(id, aria) => <input id={id} {...aria} type="number" min={1} max={24} step={1} value={expiration} onChange={(e) => setExpiration(e.target.value)} />}
          </Field>
        </div>
        {providers.data && choices.length === 0 ? <p className="hint">The account has no identity providers yet: rules apply to people who sign in through one.</p> : null}
        {conditions.map((c, i) => (
          <fieldset key={c.key} className="condition">
            <legend>Condition {i + 1}</legend>
            <div className="form-grid">
              <Field label="Claim" hint={i === 0 ? 'A claim of the ID token, e.g. groups or project.' : undefined} error={errorOf(`conditions.${i}.claim`)}>
                {(id, aria) => <input id={id} {...aria} value={c.claim} onChange={(e) => change(c.key, { claim: e.target.value })} autoComplete="off" />}
              </Field>
              <Field label="Operator" error={errorOf(`conditions.${i}.operator`)}>
                {(id, aria) => (
                  <select id={id} {...aria} value={c.operator} onChange={(e) => change(c.key, { operator: e.target.value as Operator })}>
                    {OPERATORS.map((o) => <option key={o} value={o}>{OPERATOR_LABELS[o]}</option>)}
                  </select>
                )}
              </Field>
              <Field label="Value" hint={c.operator === 'IN' ? 'A JSON array of strings, e.g. ["ml","finance"].' : undefined} error={errorOf(`conditions.${i}.value`)}>
                {(id, aria) => <input id={id} {...aria} value={c.value} onChange={(e) => change(c.key, { value: e.target.value })} autoComplete="off" />}
              </Field>
            </div>
            {conditions.length > 1 ? (
              <button type="button" className="button ghost small" onClick={() => { setConditions((cs) => cs.filter((x) => x.key !== c.key)); setError(undefined); }}>
                Remove condition {i + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        <button type="button" className="button secondary" disabled={conditions.length >= 10}
          onClick={() => { setConditions((cs) => [...cs, blankCondition(nextKey)]); setNextKey((k) => k + 1); setError(undefined); }}>
          Add condition
        </button>
        <p className="hint">A person must meet every condition.</p>
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
      {elsewhere ? <Notice kind="error">{elsewhere}</Notice> : null}
    </Modal>
  );
}
