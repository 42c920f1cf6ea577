/**
 * Every action a qgate route can ask about, named as IBM names IAM actions (`<service>.<resource>.<verb>`).
 * Routes use these constants, so the list below is the complete inventory of what can be granted.
 */
export const ACTIONS = {
  apiKeyCreate: 'iam-identity.apikey.create',
  apiKeyList: 'iam-identity.apikey.list',
  apiKeyRead: 'iam-identity.apikey.get',
  apiKeyUpdate: 'iam-identity.apikey.update',
  apiKeyDelete: 'iam-identity.apikey.delete',
  apiKeyLock: 'iam-identity.apikey.lock',
  apiKeyDisable: 'iam-identity.apikey.disable',
  serviceIdCreate: 'iam-identity.serviceid.create',
  serviceIdList: 'iam-identity.serviceid.list',
  serviceIdRead: 'iam-identity.serviceid.get',
  serviceIdUpdate: 'iam-identity.serviceid.update',
  serviceIdDelete: 'iam-identity.serviceid.delete',
  serviceIdLock: 'iam-identity.serviceid.lock',
  userInvite: 'user-management.user.invite',
  userList: 'user-management.user.list',
  userRead: 'user-management.user.read',
  userUpdate: 'user-management.user.update',
  /** Changing a user's state (disable, enable) or sign-in email. */
  userStateUpdate: 'user-management.user.update-state',
  userRemove: 'user-management.user.remove',
  userSettingsRead: 'user-management.user-settings.read',
  userSettingsUpdate: 'user-management.user-settings.update',
  invitationList: 'user-management.invitation.list',
  invitationResend: 'user-management.invitation.resend',
  invitationRevoke: 'user-management.invitation.revoke',
  auditRead: 'iam-audit.event.read',
} as const;

export type Action = (typeof ACTIONS)[keyof typeof ACTIONS];

/** Actions any identity may take on objects that belong to itself (its own profile, its own API keys). */
export const SELF_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  ACTIONS.apiKeyCreate,
  ACTIONS.apiKeyList,
  ACTIONS.apiKeyRead,
  ACTIONS.apiKeyUpdate,
  ACTIONS.apiKeyDelete,
  ACTIONS.apiKeyLock,
  ACTIONS.apiKeyDisable,
  ACTIONS.userRead,
  ACTIONS.userUpdate,
  ACTIONS.userSettingsRead,
  ACTIONS.userSettingsUpdate,
]);
