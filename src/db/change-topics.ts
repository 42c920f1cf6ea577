/**
 * What can change, as announced on the change feed: `topic` names a kind of row, the change's key
 * names the row. Caches, the decision index and the address throttle listen for these.
 */
export const TOPICS = {
  user: 'user',
  serviceId: 'serviceid',
  apiKey: 'apikey',
  account: 'account',
  /** key: access group id; its members changed (or it was deleted) */
  groupMembers: 'group-members',
  /** key: policy id */
  policy: 'policy',
  /** key: custom role CRN */
  customRole: 'custom-role',
  /** key: account id; Access Groups settings (Public Access) changed */
  groupSettings: 'group-settings',
  /** key: service instance GUID; created, changed, locked, unlocked or deleted */
  resourceInstance: 'resource-instance',
  /** key: account id; the account's identity settings (IAM Identity) changed */
  accountSettings: 'account-settings',
  /** key: job id; an ended job was deleted or retagged (ended jobs are cached, running ones are not) */
  job: 'job',
  /** key: an address as the throttle counts it (`rateLimitKey`); its failures reached the block, so every node looks it up before the next API key exchange from it */
  throttledAddress: 'throttled-address',
} as const;
