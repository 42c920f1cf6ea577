/**
 * Lookups over the service catalog: which actions a system role grants on a service, whether an
 * action belongs to a service (custom roles), and the role lists `GET /v2/roles` answers with.
 * Everything is computed once at load; the results are frozen and shared.
 */
import { PLATFORM_ROLE_NAMES, ROLE_DESCRIPTIONS, SERVICE_ROLE_NAMES, systemRoleCrn, type SystemRoleName } from './roles.js';
import { SERVICES, type ServiceDefinition, type ServiceType } from './services.js';

/** One role as `GET /v2/roles` lists it in `system_roles` or `service_roles`. */
export interface RoleView {
  readonly display_name: string;
  readonly description: string;
  readonly actions: readonly string[];
  readonly crn: string;
}

/** `system_roles` (platform roles) and `service_roles` of one service, or merged over a service group. */
export interface ServiceRoles {
  readonly system_roles: readonly RoleView[];
  readonly service_roles: readonly RoleView[];
}

const byName = new Map<string, ServiceDefinition>(SERVICES.map((s) => [s.name, s]));

/** role → actions, per service, in the catalog's action order. */
const grants = new Map<string, ReadonlyMap<SystemRoleName, readonly string[]>>();
for (const service of SERVICES) {
  const perRole = new Map<SystemRoleName, string[]>(service.roles.map((r) => [r, []]));
  for (const [action, roles] of Object.entries(service.actions)) {
    for (const role of roles) {
      const list = perRole.get(role);
      if (!list) throw new Error(`catalog: ${service.name} action ${action} names role ${role}, which the service does not define`);
      list.push(action);
    }
  }
  for (const list of perRole.values()) Object.freeze(list);
  grants.set(service.name, perRole);
}

const freezeAll = <T>(items: T[]): readonly T[] => Object.freeze(items);

/** Every service qgate knows, IAM-enabled first. */
export const SERVICE_NAMES: readonly string[] = freezeAll(SERVICES.map((s) => s.name));
/** IAM-enabled services (`serviceType: service`, covered by "All Identity and Access enabled services"). */
export const IAM_ENABLED_SERVICES: readonly string[] = freezeAll(SERVICES.filter((s) => s.type === 'service').map((s) => s.name));
/** Platform (account management) services (`serviceType: platform_service`). */
export const PLATFORM_SERVICES: readonly string[] = freezeAll(SERVICES.filter((s) => s.type === 'platform_service').map((s) => s.name));
/** The services of `service_group_id: IAM` ("All IAM Account Management services"). */
export const IAM_SERVICE_GROUP: readonly string[] = freezeAll(SERVICES.filter((s) => s.serviceGroupId === 'IAM').map((s) => s.name));

/** The definition of a service, or undefined for a name qgate does not know. */
export function getService(name: string): ServiceDefinition | undefined {
  return byName.get(name);
}

/** Service names of a `serviceType` value. */
export function servicesOfType(type: ServiceType): readonly string[] {
  return type === 'service' ? IAM_ENABLED_SERVICES : PLATFORM_SERVICES;
}

/** Service names of a `service_group_id` value (only `IAM` exists). */
export function servicesInGroup(groupId: string): readonly string[] {
  return groupId === 'IAM' ? IAM_SERVICE_GROUP : [];
}

/** The actions a system role grants on a service; empty when the service does not define the role. */
export function roleActions(role: SystemRoleName, serviceName: string): readonly string[] {
  return grants.get(serviceName)?.get(role) ?? [];
}

/** Whether a service defines a system role (a policy on the service may grant it). */
export function serviceHasRole(serviceName: string, role: SystemRoleName): boolean {
  return grants.get(serviceName)?.has(role) ?? false;
}

/** Every action a service defines: what a custom role of that service may contain. */
export function serviceActions(serviceName: string): readonly string[] {
  const service = byName.get(serviceName);
  return service ? Object.keys(service.actions) : [];
}

/** Whether `action` is defined by `serviceName` (a custom role's actions must all be). */
export function isServiceAction(serviceName: string, action: string): boolean {
  const service = byName.get(serviceName);
  return service !== undefined && Object.hasOwn(service.actions, action);
}

/** Every action of every service, each once. */
export const ALL_ACTIONS: readonly string[] = freezeAll([...new Set(SERVICES.flatMap((s) => Object.keys(s.actions)))]);

function view(role: SystemRoleName, actions: readonly string[]): RoleView {
  return Object.freeze({ display_name: role, description: ROLE_DESCRIPTIONS[role], actions: freezeAll([...actions]), crn: systemRoleCrn(role) });
}

function rolesOf(services: readonly ServiceDefinition[]): ServiceRoles {
  const collect = (names: readonly SystemRoleName[]) =>
    names
      .filter((role) => services.some((s) => s.roles.includes(role)))
      .map((role) => view(role, [...new Set(services.flatMap((s) => roleActions(role, s.name)))]));
  return Object.freeze({ system_roles: freezeAll(collect(PLATFORM_ROLE_NAMES)), service_roles: freezeAll(collect(SERVICE_ROLE_NAMES)) });
}

const rolesByService = new Map<string, ServiceRoles>(SERVICES.map((s) => [s.name, rolesOf([s])]));

/**
 * The system and service roles of one service with the actions each grants there, for
 * `GET /v2/roles?service_name=`. Undefined for an unknown service.
 */
export function rolesForService(serviceName: string): ServiceRoles | undefined {
  return rolesByService.get(serviceName);
}

/** Roles over a service group (`GET /v2/roles?service_group_id=IAM`): each role with the union of its actions. */
export function rolesForServiceGroup(groupId: string): ServiceRoles | undefined {
  const names = servicesInGroup(groupId);
  return names.length === 0 ? undefined : rolesOf(names.map((n) => byName.get(n)!));
}
