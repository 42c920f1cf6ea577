/** Services a policy can target in the console, with how people know them. */
export const SERVICES: ReadonlyArray<readonly [string, string]> = [
  ['quantum-computing', 'Qiskit Runtime (quantum-computing)'],
  ['resource-controller', 'Resource groups and instances (resource-controller)'],
  ['user-management', 'User management'],
  ['iam-groups', 'IAM Access Groups'],
  ['iam-identity', 'IAM Identity (API keys, service IDs)'],
  ['iam-access-management', 'IAM Access Management (policies, roles)'],
  ['iam-audit', 'Audit trail'],
];

export const serviceLabel = (name: string) => SERVICES.find(([n]) => n === name)?.[1] ?? name;
