/**
 * IBM's system roles: four platform roles (manage a resource as a cloud object) and three service
 * roles (use what is inside it). Their CRNs, names and display text are IBM's, so IBM's SDKs and
 * Terraform send and receive the same values.
 */

export const PLATFORM_ROLE_NAMES = ['Viewer', 'Operator', 'Editor', 'Administrator'] as const;
export const SERVICE_ROLE_NAMES = ['Reader', 'Writer', 'Manager'] as const;

export type PlatformRoleName = (typeof PLATFORM_ROLE_NAMES)[number];
export type ServiceRoleName = (typeof SERVICE_ROLE_NAMES)[number];
export type SystemRoleName = PlatformRoleName | ServiceRoleName;

/** The canonical CRN of a platform role, as IBM writes it (`crn:v1:bluemix:public:iam::::role:Viewer`). */
export const platformRoleCrn = (name: PlatformRoleName): string => `crn:v1:bluemix:public:iam::::role:${name}`;
/** The canonical CRN of a generic service role (`crn:v1:bluemix:public:iam::::serviceRole:Reader`). */
export const serviceRoleCrn = (name: ServiceRoleName): string => `crn:v1:bluemix:public:iam::::serviceRole:${name}`;

/** Canonical CRN of any system role. */
export function systemRoleCrn(name: SystemRoleName): string {
  return isPlatformRoleName(name) ? platformRoleCrn(name) : serviceRoleCrn(name as ServiceRoleName);
}

export function isPlatformRoleName(name: string): name is PlatformRoleName {
  return (PLATFORM_ROLE_NAMES as readonly string[]).includes(name);
}

export function isServiceRoleName(name: string): name is ServiceRoleName {
  return (SERVICE_ROLE_NAMES as readonly string[]).includes(name);
}

/** IBM's standard wording for each system role (reference §9), used as `display_name`/`description`. */
export const ROLE_DESCRIPTIONS: Readonly<Record<SystemRoleName, string>> = {
  Viewer: 'As a viewer, you can view service instances, but you can\'t modify them.',
  Operator: 'As an operator, you can perform platform actions required to configure and operate service instances, such as viewing a service\'s dashboard.',
  Editor: 'As an editor, you can perform all platform actions except for managing the account and assigning access policies.',
  Administrator: 'As an administrator, you can perform all platform actions based on the resource this role is being assigned, including assigning access policies to other users.',
  Reader: 'As a reader, you can perform read-only actions within a service such as viewing service-specific resources.',
  Writer: 'As a writer, you have permissions beyond the reader role, including creating and editing service-specific resources.',
  Manager: 'As a manager, you have permissions beyond the writer role to complete privileged actions as defined by the service. In addition, you can create and edit service-specific resources.',
};
