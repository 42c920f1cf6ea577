/**
 * The services qgate knows, and which role grants which action in each: the data behind
 * `GET /v2/roles`, custom-role validation and every decision. One row per action, listing the roles
 * that grant it, so the table reads like IBM's "roles and actions" pages (docs/authorization.md
 * explains each choice).
 */
import type { PlatformRoleName, SystemRoleName } from './roles.js';

/** `service`: an IAM-enabled service (its instances are resources); `platform_service`: account management. */
export type ServiceType = 'service' | 'platform_service';

export interface ServiceDefinition {
  /** IBM's service name, as in `serviceName` resource attributes and action prefixes. */
  readonly name: string;
  readonly displayName: string;
  readonly type: ServiceType;
  /** `IAM` for the IAM account-management services (`service_group_id: IAM` in a policy). */
  readonly serviceGroupId?: 'IAM';
  /** The system roles a policy on this service may grant, least to most powerful. */
  readonly roles: readonly SystemRoleName[];
  /** Every action of the service and the system roles that grant it. */
  readonly actions: Readonly<Record<string, readonly SystemRoleName[]>>;
}

const V: PlatformRoleName[] = ['Viewer', 'Operator', 'Editor', 'Administrator'];
const O: PlatformRoleName[] = ['Operator', 'Editor', 'Administrator'];
const E: PlatformRoleName[] = ['Editor', 'Administrator'];
const A: PlatformRoleName[] = ['Administrator'];
/** IBM's Access Groups service has no Operator role. */
const VIEW_GROUPS: PlatformRoleName[] = ['Viewer', 'Editor', 'Administrator'];
const R: SystemRoleName[] = ['Reader', 'Writer', 'Manager'];
const W: SystemRoleName[] = ['Writer', 'Manager'];
const M: SystemRoleName[] = ['Manager'];

/**
 * Assigning access to a resource: IBM checks `iam.policy.*` on the policy's target, so only an
 * Administrator of that resource may grant, change or revoke access to it (or read who has it).
 */
const POLICY_ADMINISTRATION = {
  'iam.policy.read': A,
  'iam.policy.create': A,
  'iam.policy.update': A,
  'iam.policy.delete': A,
} as const;

/**
 * Managing an instance as a cloud object (Resource Controller), granted by platform roles on the
 * instance's service. Credentials (resource keys) reveal secrets, so viewing them starts at Operator.
 */
const INSTANCE_LIFECYCLE = {
  'resource-controller.instance.retrieve': V,
  'resource-controller.key.retrieve': O,
  'resource-controller.key.create': O,
  'resource-controller.key.delete': O,
  'resource-controller.instance.create': E,
  'resource-controller.instance.update': E,
  'resource-controller.instance.delete': E,
  'resource-controller.instance.lock': E,
  'resource-controller.instance.unlock': E,
  ...POLICY_ADMINISTRATION,
} as const;

/**
 * Qiskit Runtime. Service roles use the service (jobs, sessions, backends); platform roles never
 * grant a job action. `job.delete` is Manager only (IBM's current docs), so project members with
 * Writer cannot erase each other's jobs; cancelling is Writer and Manager.
 */
export const QUANTUM_COMPUTING: ServiceDefinition = {
  name: 'quantum-computing',
  displayName: 'Qiskit Runtime',
  type: 'service',
  roles: ['Viewer', 'Operator', 'Editor', 'Administrator', 'Reader', 'Writer', 'Manager'],
  actions: {
    'quantum-computing.job.create': W,
    'quantum-computing.job.read': R,
    /** Replacing a job's tags; IBM lists no action for it, so it is a write like create. */
    'quantum-computing.job.update': W,
    'quantum-computing.job.cancel': W,
    'quantum-computing.job.delete': M,
    'quantum-computing.session.create': W,
    'quantum-computing.session.read': R,
    'quantum-computing.session.update': W,
    'quantum-computing.device.read': R,
    'quantum-computing.instance.read': R,
    'quantum-computing.instance.configuration.read': R,
    /** Setting the instance cost limit: Manager only, as IBM documents. */
    'quantum-computing.instance.configuration.update': M,
    'quantum-computing.instance-usage.read': R,
    'quantum-computing.workload.list': R,
    'quantum-computing.program.create': W,
    'quantum-computing.program.read': R,
    'quantum-computing.program.update': W,
    'quantum-computing.program.delete': W,
    'quantum-computing.user.logout': R,
    'quantum-computing.account-configuration.read': W,
    /** Account-wide analytics: routes ask on the service without an instance, so only policies on the whole service match. */
    'quantum-computing.account-analytics-filters.read': W,
    'quantum-computing.account-analytics-usage.read': W,
    ...INSTANCE_LIFECYCLE,
  },
};

/** IAM Identity: service IDs and API keys of others (one's own keys are self-actions, outside policies). IBM's table. */
export const IAM_IDENTITY: ServiceDefinition = {
  name: 'iam-identity',
  displayName: 'IAM Identity Service',
  type: 'platform_service',
  serviceGroupId: 'IAM',
  roles: ['Viewer', 'Operator', 'Editor', 'Administrator'],
  actions: {
    'iam-identity.serviceid.get': V,
    'iam-identity.serviceid.list': V,
    'iam-identity.serviceid.create': ['Operator', 'Administrator'],
    'iam-identity.serviceid.update': O,
    'iam-identity.serviceid.delete': ['Operator', 'Administrator'],
    'iam-identity.serviceid.lock': ['Operator', 'Administrator'],
    'iam-identity.apikey.get': O,
    'iam-identity.apikey.list': O,
    'iam-identity.apikey.create': ['Operator', 'Administrator'],
    'iam-identity.apikey.update': O,
    'iam-identity.apikey.delete': ['Operator', 'Administrator'],
    'iam-identity.apikey.lock': ['Operator', 'Administrator'],
    'iam-identity.apikey.disable': ['Operator', 'Administrator'],
    'iam-identity.account.get': O,
    'iam-identity.account.update': O,
    'iam-identity.account.allowed-ip-addresses.update': A,
    'iam-identity.identity-provider.manage': A,
    ...POLICY_ADMINISTRATION,
  },
};

/** User Management: the account's members and invitations. */
export const USER_MANAGEMENT: ServiceDefinition = {
  name: 'user-management',
  displayName: 'User Management',
  type: 'platform_service',
  serviceGroupId: 'IAM',
  roles: ['Viewer', 'Operator', 'Editor', 'Administrator'],
  actions: {
    'user-management.user.list': V,
    'user-management.user.read': V,
    'user-management.user-settings.read': V,
    'user-management.invitation.list': V,
    'user-management.user.invite': E,
    'user-management.user.update': E,
    /** Disabling or enabling someone, or changing their sign-in email, can lock them out: Administrator only. */
    'user-management.user.update-state': A,
    'user-management.user.remove': E,
    'user-management.user-settings.update': E,
    'user-management.invitation.resend': E,
    'user-management.invitation.revoke': E,
    ...POLICY_ADMINISTRATION,
  },
};

/** IAM Access Groups: IBM's roles (no Operator) and action names. */
export const IAM_GROUPS: ServiceDefinition = {
  name: 'iam-groups',
  displayName: 'IAM Access Groups Service',
  type: 'platform_service',
  serviceGroupId: 'IAM',
  roles: ['Viewer', 'Editor', 'Administrator'],
  actions: {
    'iam-groups.groups.list': VIEW_GROUPS,
    'iam-groups.groups.read': VIEW_GROUPS,
    'iam-groups.groups.create': E,
    'iam-groups.groups.update': E,
    'iam-groups.groups.delete': E,
    'iam-groups.members.list': VIEW_GROUPS,
    'iam-groups.members.read': VIEW_GROUPS,
    'iam-groups.members.add': E,
    'iam-groups.members.delete': E,
    'iam-groups.rules.list': VIEW_GROUPS,
    'iam-groups.rules.read': VIEW_GROUPS,
    'iam-groups.rules.create': E,
    'iam-groups.rules.update': E,
    'iam-groups.rules.delete': E,
    'iam-groups.account-settings.read': VIEW_GROUPS,
    'iam-groups.account-settings.update': A,
    ...POLICY_ADMINISTRATION,
  },
};

/**
 * IAM Access Management: custom roles, and reading every policy of the account (checked on
 * `{serviceName: 'iam-access-management', resourceType: 'policy'}`). Asking the decision API about
 * someone else reveals no more than reading the policies, so it needs the same role.
 */
export const IAM_ACCESS_MANAGEMENT: ServiceDefinition = {
  name: 'iam-access-management',
  displayName: 'IAM Access Management',
  type: 'platform_service',
  serviceGroupId: 'IAM',
  roles: ['Viewer', 'Operator', 'Editor', 'Administrator'],
  actions: {
    'iam-access-management.customRole.read': V,
    'iam-access-management.customRole.create': A,
    'iam-access-management.customRole.update': A,
    'iam-access-management.customRole.delete': A,
    /** CONTRACT.md: asking about someone else needs the account's IAM Administrator role. */
    'iam-access-management.authz.check': A,
    ...POLICY_ADMINISTRATION,
    'iam.policy.read': V,
  },
};

/** qgate's audit trail (IBM keeps this in Activity Tracker); part of the IAM group so IAM administrators can read it. */
export const IAM_AUDIT: ServiceDefinition = {
  name: 'iam-audit',
  displayName: 'IAM Audit Trail',
  type: 'platform_service',
  serviceGroupId: 'IAM',
  roles: ['Viewer', 'Operator', 'Editor', 'Administrator'],
  actions: {
    'iam-audit.event.read': V,
    ...POLICY_ADMINISTRATION,
  },
};

/**
 * Resource groups (Resource Manager). IBM targets a group with `{resourceType: 'resource-group',
 * resource: <id>}` and no service name; qgate reads such a policy as being about this service.
 */
export const RESOURCE_CONTROLLER: ServiceDefinition = {
  name: 'resource-controller',
  displayName: 'Resource groups',
  type: 'platform_service',
  roles: ['Viewer', 'Operator', 'Editor', 'Administrator'],
  actions: {
    'resource-controller.group.retrieve': V,
    'resource-controller.group.create': E,
    'resource-controller.group.update': E,
    'resource-controller.group.delete': E,
    ...POLICY_ADMINISTRATION,
  },
};

/** Every service, IAM-enabled ones first. The order is the service index of the decision engine (≤ 31 services). */
export const SERVICES: readonly ServiceDefinition[] = [
  QUANTUM_COMPUTING,
  IAM_IDENTITY,
  USER_MANAGEMENT,
  IAM_GROUPS,
  IAM_ACCESS_MANAGEMENT,
  IAM_AUDIT,
  RESOURCE_CONTROLLER,
];
