/**
 * The two IBM Cloud platform calls qiskit-ibm-runtime makes at start-up to list the instances a key
 * may use: Global Search (`POST /v3/resources/search`) and the Global Catalog entry of each instance's
 * plan (`GET /api/v1/{plan id}`). On IBM Cloud they live on their own host names; here they are
 * answered from the same instances and catalog as Resource Controller.
 *
 * @remarks Search answers only the caller's account, and within it only instances the decision point
 * lets the caller see: platform Viewer (`resource-controller.instance.retrieve`) or any service role
 * (`quantum-computing.instance.read`), so someone who may run jobs on an instance finds it.
 */
import type { Authorizer, Resource } from '#src/authz/authorizer.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import { decodePageToken, encodePageToken } from '#src/platform/paging.js';
import { CATALOG, QUANTUM_SERVICE, planOf } from './resources.catalog.js';
import { cursorAfter, isInstanceCursor, scanInstances } from './instance-scan.js';
import type { InstanceRow, ResourcesRepo } from './resources.repo.js';

/** The actions either of which makes an instance visible to search. */
export const SEARCH_VISIBILITY_ACTIONS = ['resource-controller.instance.retrieve', 'quantum-computing.instance.read'] as const;

/** Fields a query may test, and how each reads from an instance. */
const QUERY_FIELDS: Record<string, (row: InstanceRow) => string | string[]> = {
  service_name: (r) => r.service_id,
  name: (r) => r.name,
  crn: (r) => r.crn,
  guid: (r) => r.guid,
  region: (r) => r.region_id,
  resource_group_id: (r) => r.resource_group_id,
  account_id: (r) => r.account_id,
  service_plan_unique_id: (r) => r.resource_plan_id,
  type: () => 'resource-instance',
  family: () => 'resource_controller',
  tags: (r) => JSON.parse(r.tags) as string[],
};

/** Fields answered when the request names none (IBM's defaults). */
const DEFAULT_FIELDS = ['name', 'region', 'family', 'type', 'crn', 'account_id'];

type Term = { field: string; value: string };

/**
 * Parses the subset of Global Search's Lucene syntax that resource listings use: `field:value`
 * terms joined by AND (values may be quoted, `*` alone matches everything); anything else is a 400.
 */
export function parseSearchQuery(query: string): Term[] {
  const text = query.trim();
  if (text === '*' || text === '') return [];
  const terms: Term[] = [];
  const term = /^\s*([a-z_]+):(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))\s*/i;
  let rest = text;
  for (;;) {
    const m = term.exec(rest);
    if (!m) throw appError('invalid_body', `field 'query' must be field:value terms joined by AND (for example service_name:quantum-computing); could not read '${rest.slice(0, 60)}'`);
    const field = m[1]!;
    if (!(field in QUERY_FIELDS)) {
      throw appError('invalid_body', `field 'query': '${field}' cannot be searched here; use one of ${Object.keys(QUERY_FIELDS).join(', ')}`);
    }
    terms.push({ field, value: m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]! });
    rest = rest.slice(m[0].length);
    if (rest === '') return terms;
    const and = /^AND\s+/.exec(rest);
    if (!and) throw appError('invalid_body', `field 'query': only AND may join terms; could not read '${rest.slice(0, 60)}'`);
    rest = rest.slice(and[0].length);
  }
}

/** A value pattern: `*` matches any run of characters, everything else literally (case-insensitive, as Global Search is). */
function matches(value: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(value);
}


export function createGlobalSearchService(deps: { repo: ResourcesRepo; authorizer: Authorizer }) {
  const resourceOf = (row: InstanceRow): Resource => ({
    accountId: row.account_id, type: 'resource instance', id: row.guid,
    attributes: { serviceName: QUANTUM_SERVICE, serviceInstance: row.guid, resourceGroupId: row.resource_group_id, region: row.region_id },
  });

  const item = (row: InstanceRow, fields: readonly string[]) => {
    const plan = planOf(row.resource_plan_id);
    const all: Record<string, unknown> = {
      crn: row.crn, name: row.name, account_id: row.account_id, region: row.region_id, resource_group_id: row.resource_group_id, service_name: row.service_id,
      service_plan_unique_id: row.resource_plan_id, type: 'resource-instance', family: 'resource_controller', tags: JSON.parse(row.tags) as string[],
      creation_date: row.created_at, modification_date: row.updated_at,
      // qiskit-ibm-runtime keeps only items whose doc.extensions is non-empty (an instance with an allocation).
      doc: {
        guid: row.guid, name: row.name, resource_plan_id: row.resource_plan_id, state: row.state, created_at: row.created_at, updated_at: row.updated_at,
        extensions: { quantum_computing: { plan: row.resource_plan_id, backends: [...(plan?.limits.backends ?? [])] } },
      },
    };
    if (fields.includes('*')) return all;
    return Object.fromEntries(['crn', ...fields].filter((f) => f in all).map((f) => [f, all[f]]));
  };

  return {
    async search(ctx: RequestContext, body: { query: string; fields?: string[]; search_cursor?: string }, q: { limit?: number; account_id?: string; is_deleted?: 'true' | 'false' }) {
      const principal = ctx.principal;
      if (!principal) throw appError('missing_token', 'authentication required: send Authorization: Bearer <access token>');
      assertThat(q.account_id === undefined || q.account_id === principal.accountId, () => appError('account_mismatch', `'account_id' must be your account (${principal.accountId})`));
      const terms = parseSearchQuery(body.query);
      const limit = q.limit ?? 10;
      const fields = body.fields?.length ? body.fields : DEFAULT_FIELDS;
      const start = body.search_cursor ? decodePageToken(body.search_cursor, 'search_cursor', isInstanceCursor) : undefined;
      const visible = (row: InstanceRow) => SEARCH_VISIBILITY_ACTIONS.some((a) => deps.authorizer.decide(principal, a, resourceOf(row)).permitted);
      const wanted = (row: InstanceRow) =>
        terms.every((t) => {
          const value = QUERY_FIELDS[t.field]!(row);
          return Array.isArray(value) ? value.some((v) => matches(v, t.value)) : matches(value, t.value);
        });
      const filter = { accountId: principal.accountId, state: q.is_deleted === 'true' ? 'removed' : 'active' };
      const { picked, more } = await scanInstances(deps.repo, filter, start, limit, (row) => wanted(row) && visible(row));
      const last = picked[picked.length - 1];
      return {
        items: picked.map((r) => item(r, fields)),
        limit,
        // Present only when there is more: clients loop until it is missing.
        ...(more && last ? { search_cursor: encodePageToken(cursorAfter(last)) } : {}),
      };
    },

    /** The Global Catalog entry of a plan (by its id) or of the service; the same for every caller of the account. */
    catalogEntry(ctx: RequestContext, id: string, accountId: string | undefined) {
      const principal = ctx.principal;
      if (!principal) throw appError('missing_token', 'authentication required: send Authorization: Bearer <access token>');
      assertThat(accountId === undefined || accountId === principal.accountId, () => appError('account_mismatch', `'account_id' must be your account (${principal.accountId})`));
      const service = CATALOG.find((s) => s.id === id);
      if (service) {
        return {
          id: service.id, name: service.name, kind: 'service', active: true, disabled: false, geo_tags: [...service.regions], tags: [],
          overview_ui: { en: { display_name: service.display_name, description: service.description } },
          metadata: { service: { iam_compatible: true }, pricing: { type: 'paygo' } }, children: service.plans.map((p) => p.id),
        };
      }
      const plan = planOf(id);
      if (!plan) throw appError('catalog_entry_not_found', `the catalog has no entry '${id}'; plans are ${CATALOG.flatMap((s) => s.plans.map((p) => p.id)).join(', ')}`);
      return {
        id: plan.id, name: plan.name, kind: 'plan', parent_id: QUANTUM_SERVICE, active: true, disabled: false, geo_tags: [...plan.regions], tags: [],
        overview_ui: { en: { display_name: plan.display_name, description: plan.description } },
        metadata: { pricing: { type: plan.pricing_type, origin: 'global' }, plan: { limits: { ...plan.limits, backends: [...plan.limits.backends] } } },
      };
    },
  };
}

export type GlobalSearchService = ReturnType<typeof createGlobalSearchService>;
