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
  /** The account's identity settings and its identity providers (IBM: IAM Identity account settings). */
  identitySettingsRead: 'iam-identity.account.get',
  identitySettingsUpdate: 'iam-identity.account.update',
  /** Administrator only: an address restriction can lock everyone out. */
  allowedAddressesUpdate: 'iam-identity.account.allowed-ip-addresses.update',
  /** Administrator only: a provider decides who may sign in to the account, and as whom. */
  identityProvidersManage: 'iam-identity.identity-provider.manage',
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
  groupCreate: 'iam-groups.groups.create',
  groupList: 'iam-groups.groups.list',
  groupRead: 'iam-groups.groups.read',
  groupUpdate: 'iam-groups.groups.update',
  groupDelete: 'iam-groups.groups.delete',
  membersList: 'iam-groups.members.list',
  membersRead: 'iam-groups.members.read',
  membersAdd: 'iam-groups.members.add',
  membersRemove: 'iam-groups.members.delete',
  rulesList: 'iam-groups.rules.list',
  rulesRead: 'iam-groups.rules.read',
  rulesCreate: 'iam-groups.rules.create',
  rulesUpdate: 'iam-groups.rules.update',
  rulesDelete: 'iam-groups.rules.delete',
  groupSettingsRead: 'iam-groups.account-settings.read',
  groupSettingsUpdate: 'iam-groups.account-settings.update',
  /** Reading, creating, replacing or deleting a policy: checked on the policy's target resource. */
  policyRead: 'iam.policy.read',
  policyCreate: 'iam.policy.create',
  policyUpdate: 'iam.policy.update',
  policyDelete: 'iam.policy.delete',
  customRoleRead: 'iam-access-management.customRole.read',
  customRoleCreate: 'iam-access-management.customRole.create',
  customRoleUpdate: 'iam-access-management.customRole.update',
  customRoleDelete: 'iam-access-management.customRole.delete',
  authzCheck: 'iam-access-management.authz.check',
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
  // Only asked as one's own when the account leaves service ID creation open (restrict_create_service_id NOT_RESTRICTED).
  ACTIONS.serviceIdCreate,
]);
