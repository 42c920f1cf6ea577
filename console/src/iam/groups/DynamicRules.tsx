/**
 * An access group's dynamic rules: people signing in through an identity provider whose claims meet a rule's
 * conditions become members for the rule's expiration (renewed at each sign-in). Listed, added, edited and deleted here;
 * part of the group page's chunk, so nothing of it is in the first load.
 */
import { useState } from 'react';
import { ok } from '@client/client.js';
import { messageOf, session } from '../../app/session.js';
import { ConfirmDialog, Notice, OverflowMenu } from '../../ui/components.js';
import { useCan, useLoad } from '../../ui/hooks.js';
import { LoadedTable } from '../../ui/LoadedTable.js';
import { OPERATOR_LABELS, RuleDialog, type Operator, type RuleEdit, type RuleView } from './RuleDialog.js';

export function DynamicRulesSection({ groupId, onChanged }: { groupId: string; onChanged: () => void }) {
  const s = session()!;
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<RuleView>();
  const [editing, setEditing] = useState<RuleEdit>();
  const [editOpen, setEditOpen] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const rules = useLoad(async () => (await ok(s.client.GET('/v2/groups/{access_group_id}/rules', { params: { path: { access_group_id: groupId } } }))).rules as RuleView[], [groupId]);
  const can = useCan({
    create: { action: 'iam-groups.rules.create', attributes: { resource: groupId } },
    remove: { action: 'iam-groups.rules.delete', attributes: { resource: groupId } },
  }, [groupId]);
  const canUpdate = useCan({ update: { action: 'iam-groups.rules.update', attributes: { resource: groupId } } }, [groupId]).update;
  // Read again for its ETag (the list has none), which the replacement must send as If-Match.
  const edit = async (r: RuleView) => {
    setMessage(undefined);
    try {
      const call = s.client.GET('/v2/groups/{access_group_id}/rules/{rule_id}', { params: { path: { access_group_id: groupId, rule_id: r.id } } });
      const rule = await ok(call);
      setEditing({ rule: rule as RuleView, etag: (await call).response.headers.get('etag') ?? '' });
      setEditOpen(true);
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  const label = (r: RuleView) => r.name || r.id;
  return (
    <section className="section" aria-labelledby="rules-heading">
      <div className="section-header">
        <h2 id="rules-heading">Dynamic rules</h2>
        <button type="button" className="button primary" disabled={!can.create} onClick={() => setAdding(true)}>Add rule</button>
      </div>
      <p className="hint">People who sign in through the rule's identity provider with claims that meet all its conditions
        become members for the rule's expiration, renewed at each sign-in.</p>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <LoadedTable loaded={rules} what="dynamic rules" caption="Dynamic rules" actions
        columns={['Name', 'Identity provider', 'Conditions', 'Expiration']} empty="No dynamic rules yet."
        rows={(list) => list.map((r) => (
          <tr key={r.id}>
            <td>{r.name || '—'}</td>
            <td>{r.realm_name}</td>
            <td>
              <ul className="plain-list">
                {r.conditions.map((c, i) => <li key={i}><code>{c.claim}</code> {OPERATOR_LABELS[c.operator as Operator] ?? c.operator} <code>{c.value}</code></li>)}
              </ul>
            </td>
            <td>{r.expiration} {r.expiration === 1 ? 'hour' : 'hours'}</td>
            <td className="cell-actions">
              <OverflowMenu label={`Actions for rule ${label(r)}`} items={[
                { label: 'Edit rule', disabled: !canUpdate, onSelect: () => void edit(r) },
                { label: 'Delete rule', danger: true, disabled: !can.remove, onSelect: () => setDeleting(r) },
              ]} />
            </td>
          </tr>
        ))} />
      <RuleDialog open={adding} groupId={groupId} onClose={() => setAdding(false)}
        onSaved={(r) => { setMessage({ kind: 'success', text: `Added the rule ${label(r)}.` }); rules.reload(); }} />
      {/* Replacing a rule ends the memberships it made (the new conditions apply at each person's next sign-in). */}
      <RuleDialog open={editOpen} groupId={groupId} editing={editing} onClose={() => setEditOpen(false)}
        onSaved={(r) => { setMessage({ kind: 'success', text: `Saved the rule ${label(r)}.` }); rules.reload(); onChanged(); }} />
      <ConfirmDialog open={Boolean(deleting)} title="Delete rule" confirmLabel="Delete rule" onClose={() => setDeleting(undefined)}
        body={<p>Delete the rule {deleting ? label(deleting) : ''}? The members it made leave the group at once.</p>}
        onConfirm={async () => {
          const r = deleting!;
          await ok(s.client.DELETE('/v2/groups/{access_group_id}/rules/{rule_id}', { params: { path: { access_group_id: groupId, rule_id: r.id } } }));
          setMessage({ kind: 'success', text: `Deleted the rule ${label(r)}.` });
          rules.reload();
          onChanged();
        }} />
    </section>
  );
}
