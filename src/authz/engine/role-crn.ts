/**
 * Role CRNs as policies carry them in `role_id`. IBM's SDKs send cname `bluemix` for system roles and
 * `ibmcloud` for custom roles; qgate also accepts its own cname (or any other) and reduces every role
 * CRN to one canonical spelling, so the same role always compares equal.
 */
import { isPlatformRoleName, isServiceRoleName } from './catalog/roles.js';

export type ParsedRole =
  /** `crn:v1:*:public:iam::::role:<Name>` or `…:serviceRole:<Name>`; `known` is false for names IBM does not define. */
  | { readonly kind: 'system'; readonly crn: string; readonly name: string; readonly known: boolean; readonly platform: boolean }
  /** `crn:v1:*:public:<service>::::serviceRole:<Name>`: a service-specific role (qgate defines none yet). */
  | { readonly kind: 'service-specific'; readonly crn: string; readonly service: string; readonly name: string }
  /** `crn:v1:*:public:iam-access-management::a/<account>::customRole:<Name>`. */
  | { readonly kind: 'custom'; readonly crn: string; readonly accountId: string; readonly name: string };

const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The canonical CRN of a custom role. */
export function customRoleCrn(accountId: string, name: string): string {
  return `crn:v1:ibmcloud:public:iam-access-management::a/${accountId}::customRole:${name}`;
}

/** Parses a role CRN; undefined when it is not one. */
export function parseRoleCrn(value: string): ParsedRole | undefined {
  if (typeof value !== 'string' || value.length > 512) return undefined;
  const parts = value.split(':');
  if (parts.length !== 10) return undefined;
  const [crn, version, cname, ctype, service, location, scope, instance, type, name] = parts as [string, string, string, string, string, string, string, string, string, string];
  if (crn !== 'crn' || version !== 'v1' || !SEGMENT.test(cname) || ctype !== 'public' || location !== '' || instance !== '') return undefined;
  if (!NAME.test(name)) return undefined;
  if (service === 'iam' && scope === '' && (type === 'role' || type === 'serviceRole')) {
    const platform = type === 'role';
    const known = platform ? isPlatformRoleName(name) : isServiceRoleName(name);
    return { kind: 'system', crn: `crn:v1:bluemix:public:iam::::${type}:${name}`, name, known, platform };
  }
  if (service === 'iam-access-management' && type === 'customRole' && scope.startsWith('a/') && SEGMENT.test(scope.slice(2))) {
    const accountId = scope.slice(2);
    return { kind: 'custom', crn: customRoleCrn(accountId, name), accountId, name };
  }
  if (type === 'serviceRole' && scope === '' && SEGMENT.test(service)) {
    return { kind: 'service-specific', crn: `crn:v1:bluemix:public:${service}::::serviceRole:${name}`, service, name };
  }
  return undefined;
}

/** The canonical spelling of a role CRN, or undefined when it is not a role CRN. */
export function normalizeRoleCrn(value: string): string | undefined {
  return parseRoleCrn(value)?.crn;
}
