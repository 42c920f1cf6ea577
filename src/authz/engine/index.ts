/**
 * The authorization decision engine: IBM's roles and actions for every qgate service, IBM v1/v2
 * access policies with time conditions, and an in-memory index that answers checks in well under a
 * microsecond. Pure: no I/O, no clock (callers pass `now`). See docs/authorization.md.
 */
export { createDecisionIndex, DecisionIndex, type IndexSnapshot, type IndexStats, type LoadReport } from './decision-index.js';
export {
  ALL_ACTIONS,
  getService,
  IAM_ENABLED_SERVICES,
  IAM_SERVICE_GROUP,
  isServiceAction,
  PLATFORM_SERVICES,
  roleActions,
  rolesForService,
  rolesForServiceGroup,
  SERVICE_NAMES,
  serviceActions,
  serviceHasRole,
  servicesInGroup,
  servicesOfType,
  type RoleView,
  type ServiceRoles,
} from './catalog/catalog.js';
export { PLATFORM_ROLE_NAMES, platformRoleCrn, SERVICE_ROLE_NAMES, serviceRoleCrn, systemRoleCrn, type PlatformRoleName, type ServiceRoleName, type SystemRoleName } from './catalog/roles.js';
export { SERVICES, type ServiceDefinition, type ServiceType } from './catalog/services.js';
export { customRoleCrn, normalizeRoleCrn, parseRoleCrn, type ParsedRole } from './role-crn.js';
export { parsePolicy, parsePolicyV1, parsePolicyV2, POLICY_PATTERNS } from './parse-policy.js';
export { policyTargetResources, validateCustomRole, validatePolicy, type CustomRoleBody, type PolicyValidationContext } from './validate.js';
export { MAX_RULE_CONDITIONS, MAX_RULE_DEPTH, RULE_KEYS } from './conditions.js';
export * from './types.js';
