/**
 * Disabling or re-enabling a user, after a confirmation. A disabled user stays in the account with their groups and
 * access, but cannot sign in and their tokens and API keys are refused until they are enabled again.
 */
import { ok } from '@client/client.js';
import { session } from '../../app/session.js';
import { ConfirmDialog } from '../../ui/components.js';
import type { Check } from '../../ui/hooks.js';

export interface StateChange { iam_id: string; email: string; state: 'ACTIVE' | 'DISABLED' }

/** Both are needed: the profile update, and changing who can sign in. */
export const STATE_CHECKS = {
  update: { action: 'user-management.user.update' },
  updateState: { action: 'user-management.user.update-state' },
} satisfies Record<string, Check>;

/** The ⋮ item for a user in `state`, if their state can be changed (not while an invitation is pending). */
export function stateItem(user: { iam_id: string; email: string; state: string }, allowed: boolean, choose: (change: StateChange) => void) {
  if (user.state === 'ACTIVE') return [{ label: 'Disable user', danger: true, disabled: !allowed, onSelect: () => choose({ iam_id: user.iam_id, email: user.email, state: 'DISABLED' }) }];
  if (user.state === 'DISABLED') return [{ label: 'Enable user', disabled: !allowed, onSelect: () => choose({ iam_id: user.iam_id, email: user.email, state: 'ACTIVE' }) }];
  return [];
}

export function UserStateDialog({ change, onClose, onDone }: { change: StateChange | undefined; onClose: () => void; onDone: (change: StateChange) => void }) {
  const s = session()!;
  const disabling = change?.state === 'DISABLED';
  return (
    <ConfirmDialog open={Boolean(change)} title={disabling ? 'Disable user' : 'Enable user'} confirmLabel={disabling ? 'Disable user' : 'Enable user'} onClose={onClose}
      body={disabling
        ? <p>Disable <strong>{change?.email}</strong>? They are signed out and cannot sign in, and their API keys are refused, until they are enabled again. Their access groups and policies are kept.</p>
        : <p>Enable <strong>{change?.email}</strong> again? They can sign in and use their API keys with the access they had.</p>}
      onConfirm={async () => {
        await ok(s.client.PATCH('/v2/accounts/{account_id}/users/{iam_id}', { params: { path: { account_id: s.me.accountId, iam_id: change!.iam_id } }, body: { state: change!.state } }));
        onDone(change!);
      }} />
  );
}
