/**
 * qgate's access management driven by IBM's own Node SDK (`IamAccessGroupsV2`, `IamPolicyManagementV1`
 * with `IamAuthenticator` from `ibm-cloud-sdk-core`), unchanged but for the service URL, on IBM's
 * "Manage IBM Cloud users" scenario: projects `ml` and `finance`, instances QR-ml, QR-finance and
 * QR-common, a `JobDeleter` custom role, Fatima in ml, Ravi in finance, Amyra in both. What the SDK
 * sets up is then checked where it matters: the decision API (`POST /v2/authz`, `/v2/authz/explain`)
 * and the routes that delegated administrators call over HTTP.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseService, IamAuthenticator, type UserOptions } from 'ibm-cloud-sdk-core';
import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2.js';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1.js';
import { createAccountWithOwner } from '#src/modules/accounts/create-account.js';
import { hashPlaceholder } from '../helpers/accounts.js';
import { rejection, type SdkError } from '../helpers/sdk.js';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';


/** The bearer token an authenticator puts on requests (fetched or cached by the SDK itself). */
async function bearerOf(authenticator: IamAuthenticator): Promise<string> {
  const options: { headers: Record<string, string> } = { headers: {} };
  await authenticator.authenticate(options);
  return (options.headers.Authorization ?? '').replace(/^Bearer /, '');
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, any>;

/**
 * A client for the decision API built on IBM's SDK core the way IBM's generated clients are: the
 * decision API is in no public SDK, but errors must still reach `err.message` the SDK way.
 */
class DecisionClient extends BaseService {
  static override DEFAULT_SERVICE_URL = 'https://iam.cloud.ibm.com';
  constructor(options: UserOptions) {
    super(options);
  }
  authz(questions: unknown[]): Promise<{ status: number; result: any }> {
    return this.createRequest({
      options: { url: '/v2/authz', method: 'POST', body: questions },
      defaultOptions: { ...this.baseOptions, headers: { Accept: 'application/json', 'Content-Type': 'application/json' } },
    });
  }
}

const PLATFORM = (name: string) => `crn:v1:bluemix:public:iam::::role:${name}`;
const SERVICE = (name: string) => `crn:v1:bluemix:public:iam::::serviceRole:${name}`;
const VIEWER = PLATFORM('Viewer');
const EDITOR = PLATFORM('Editor');
const READER = SERVICE('Reader');
const WRITER = SERVICE('Writer');
const RULE_DATE_TIME = '{{environment.attributes.current_date_time}}';
const RFC3339_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** IBM's `<version>-<md5>` entity tags, quoted or not, strong or weak. */
const ETAG = /^(W\/)?"?\d+-[0-9a-f]{32}"?$/;

type Project = 'ml' | 'finance';
type Instance = 'ml' | 'finance' | 'common' | 'other' | 'lab';
type Person = 'fatima' | 'ravi' | 'amyra';

/** The scenario: who is in which project, and which instances each project reaches. */
const PROJECTS_OF: Record<Person, readonly Project[]> = { fatima: ['ml'], ravi: ['finance'], amyra: ['ml', 'finance'] };
const INSTANCES_OF: Record<Project, readonly Instance[]> = { ml: ['ml', 'common'], finance: ['finance', 'common'] };
const JOB_ACTIONS = ['quantum-computing.job.create', 'quantum-computing.job.read', 'quantum-computing.job.delete'] as const;

interface Matched {
  policy_id: string;
  role_id: string;
  access_group_id?: string;
}
interface DecisionView {
  permitted: boolean;
  reason: string;
  matched: Matched[];
}
interface PolicyExplanation {
  policy_id: string;
  via: string;
  access_group_id?: string;
  roles: string[];
  grants: boolean;
  role_id?: string;
  reasons: string[];
}

describe.each(await availableStores())('%s: IBM Node SDK, access groups, policies and decisions', (store) => {
  let t: TestServer;
  let authenticator: IamAuthenticator;
  let accessGroups: IamAccessGroupsV2;
  let policyManagement: IamPolicyManagementV1;
  let adminIamId: string;
  let admin: string;

  /** Made-up instance GUIDs: the scenario's three, one nobody is given, one for v2 policies. */
  const QR: Record<Instance, string> = { ml: crypto.randomUUID(), finance: crypto.randomUUID(), common: crypto.randomUUID(), other: crypto.randomUUID(), lab: crypto.randomUUID() };
  const instanceCrn = (guid: string) => `crn:v1:qgate:public:quantum-computing:us-east:a/${t.accountId}:${guid}::`;

  const role = { id: '', crn: '', etag: '', displayName: 'Job deleter' };
  const group: Record<Project, string> = { ml: '', finance: '' };
  let mlEtag = '';
  /** The v1 policy of each project on each of its instances. */
  const policy: Record<Project, Partial<Record<Instance, string>>> = { ml: {}, finance: {} };
  const v2 = { live: '', expired: '' };
  const people = {} as Record<Person, { iamId: string; token: string; apikey: string }>;

  /** SDK clients for another API key, with an authenticator of their own. */
  const clientsFor = (apikey: string) => {
    const auth = new IamAuthenticator({ apikey, url: t.url });
    return { accessGroups: new IamAccessGroupsV2({ authenticator: auth, serviceUrl: t.url }), policyManagement: new IamPolicyManagementV1({ authenticator: auth, serviceUrl: t.url }) };
  };

  const quantumResource = (guid?: string) => [
    { attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'quantum-computing' }, ...(guid ? [{ name: 'serviceInstance', value: guid }] : [])] },
  ];
  const projectPolicy = (project: Project, instance: Instance, description?: string) => ({
    type: 'access',
    subjects: [{ attributes: [{ name: 'access_group_id', value: group[project] }] }],
    roles: [{ role_id: VIEWER }, { role_id: WRITER }, { role_id: role.crn }],
    resources: quantumResource(QR[instance]),
    ...(description !== undefined ? { description } : {}),
  });
  const v2Policy = (project: Project, instance: Instance, roleId: string, window: readonly [string, string]) => ({
    type: 'access',
    subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: group[project] }] },
    control: { grant: { roles: [{ role_id: roleId }] } },
    resource: {
      attributes: [
        { key: 'accountId', operator: 'stringEquals', value: t.accountId },
        { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' },
        { key: 'serviceInstance', operator: 'stringEquals', value: QR[instance] },
      ],
    },
    pattern: 'time-based-conditions:once',
    rule: {
      operator: 'and',
      conditions: [
        { key: RULE_DATE_TIME, operator: 'dateTimeGreaterThanOrEquals', value: window[0] },
        { key: RULE_DATE_TIME, operator: 'dateTimeLessThanOrEquals', value: window[1] },
      ],
    },
  });

  const question = (iamId: string, action: string, guid: string) => ({ subject: { attributes: { id: iamId } }, action, resource: { crn: instanceCrn(guid) } });
  /** `POST /v2/authz` over HTTP; answers in request order. */
  const authz = (token: string, questions: { iamId: string; action: string; guid: string }[]) =>
    t.request<{ decisions: DecisionView[] }>('POST', '/v2/authz', { token, body: questions.map((q) => question(q.iamId, q.action, q.guid)) });
  const permitted = async (token: string, iamId: string, action: string, instance: Instance): Promise<boolean> => {
    const res = await authz(token, [{ iamId, action, guid: QR[instance] }]);
    expect(res.status).toBe(200);
    return res.body.decisions[0]!.permitted;
  };
  const explain = (token: string, iamId: string, action: string, instance: Instance) =>
    t.request<DecisionView & { policies: PolicyExplanation[] }>('POST', '/v2/authz/explain', { token, body: question(iamId, action, QR[instance]) });

  beforeAll(async () => {
    t = await startTestServer({ store });
    authenticator = new IamAuthenticator({ apikey: ADMIN_APIKEY, url: t.url });
    accessGroups = new IamAccessGroupsV2({ authenticator, serviceUrl: t.url });
    policyManagement = new IamPolicyManagementV1({ authenticator, serviceUrl: t.url });
    adminIamId = claims(await bearerOf(authenticator)).iam_id as string;
    admin = await t.adminToken();
  });
  afterAll(async () => {
    // Closing ends the pool's idle PostgreSQL connections without waiting for the server to see them go, and the
    // harness then drops the database WITH (FORCE): a backend still closing is terminated (57P01), which the ending
    // pool re-emits as an error of its own. That belongs to tearing this server down, not to anything under test.
    t?.qgate.database.pool?.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') throw err;
    });
    await t?.close();
  });

  describe('custom role JobDeleter', () => {
    it('createRole: 201, the custom role with its CRN, hex id and href', async () => {
      const res = await policyManagement.createRole({
        name: 'JobDeleter', displayName: 'Job deleter', description: 'Deletes Qiskit Runtime jobs', accountId: t.accountId, serviceName: 'quantum-computing', actions: ['quantum-computing.job.delete'],
      });
      expect(res.status).toBe(201);
      const r = res.result;
      role.id = r.id!;
      role.crn = r.crn!;
      expect(r).toMatchObject({ name: 'JobDeleter', display_name: 'Job deleter', description: 'Deletes Qiskit Runtime jobs', account_id: t.accountId, service_name: 'quantum-computing', actions: ['quantum-computing.job.delete'], created_by_id: adminIamId });
      expect(r.crn).toBe(`crn:v1:ibmcloud:public:iam-access-management::a/${t.accountId}::customRole:JobDeleter`);
      // IBM's ids are the hex of `customRole-<32 hex>-<Name>`.
      expect(r.id).toMatch(/^[0-9a-f]+$/);
      expect(Buffer.from(r.id!, 'hex').toString()).toMatch(/^customRole-[0-9a-f]{32}-JobDeleter$/);
      expect(r.href).toMatch(new RegExp(`/v2/roles/${r.id}$`));
      expect(r.created_at).toMatch(RFC3339_MS);
      expect(r.last_modified_at).toMatch(RFC3339_MS);
    });

    it('getRole: 200 with an ETag', async () => {
      const res = await policyManagement.getRole({ roleId: role.id });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: role.id, crn: role.crn, name: 'JobDeleter', actions: ['quantum-computing.job.delete'] });
      expect(res.headers.etag).toMatch(ETAG);
      role.etag = String(res.headers.etag);
    });

    it('replaceRole with If-Match: 200 and a new ETag; a stale ETag is rejected with 409', async () => {
      const res = await policyManagement.replaceRole({ roleId: role.id, ifMatch: role.etag, displayName: 'Job deleter (projects)', description: 'Project members may delete jobs', actions: ['quantum-computing.job.delete'] });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: role.id, name: 'JobDeleter', crn: role.crn, display_name: 'Job deleter (projects)', description: 'Project members may delete jobs', actions: ['quantum-computing.job.delete'] });
      role.displayName = 'Job deleter (projects)';

      const stale = await rejection(policyManagement.replaceRole({ roleId: role.id, ifMatch: role.etag, displayName: 'lost update', actions: ['quantum-computing.job.delete'] }));
      expect(stale.status).toBe(409);
      expect(stale.result?.errors?.[0]?.code).toBe('role_conflict_error');
      expect(stale.message).toBe(stale.result?.errors?.[0]?.message);
      expect(stale.message).toMatch(/If-Match|ETag/i);

      const now = await policyManagement.getRole({ roleId: role.id });
      expect(now.result.display_name).toBe('Job deleter (projects)');
      expect(now.headers.etag).toMatch(ETAG);
      expect(now.headers.etag).not.toBe(role.etag);
      role.etag = String(now.headers.etag);
    });

    it('listRoles for quantum-computing: the platform roles, the service roles and the custom role', async () => {
      const res = await policyManagement.listRoles({ accountId: t.accountId, serviceName: 'quantum-computing' });
      expect(res.status).toBe(200);
      const { system_roles: system = [], service_roles: service = [], custom_roles: custom = [] } = res.result;
      expect(system.map((r) => r.crn).sort()).toEqual(['Administrator', 'Editor', 'Operator', 'Viewer'].map(PLATFORM).sort());
      expect(service.map((r) => r.crn)).toEqual(expect.arrayContaining(['Reader', 'Writer', 'Manager'].map(SERVICE)));
      for (const r of [...system, ...service]) {
        expect(r.display_name).toEqual(expect.any(String));
        expect(Array.isArray(r.actions)).toBe(true);
      }
      expect(service.find((r) => r.crn === WRITER)?.actions).toEqual(expect.arrayContaining(['quantum-computing.job.create', 'quantum-computing.job.read']));
      expect(service.find((r) => r.crn === READER)?.actions).toContain('quantum-computing.job.read');
      expect(service.find((r) => r.crn === READER)?.actions).not.toContain('quantum-computing.job.create');
      expect(custom.map((r) => r.crn)).toEqual([role.crn]);
      expect(custom[0]).toMatchObject({ id: role.id, name: 'JobDeleter', display_name: role.displayName, actions: ['quantum-computing.job.delete'], service_name: 'quantum-computing', account_id: t.accountId });
    });

    it('a second role of the same name: 409 role_conflict_error naming the existing role', async () => {
      const err = await rejection(policyManagement.createRole({ name: 'JobDeleter', displayName: 'Again', accountId: t.accountId, serviceName: 'quantum-computing', actions: ['quantum-computing.job.cancel'] }));
      expect(err.status).toBe(409);
      expect(err.result?.errors?.[0]?.code).toBe('role_conflict_error');
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
      expect(err.message).toContain('JobDeleter');
      expect(err.result?.errors?.[0]?.details?.conflicts_with?.role?.id).toBe(role.id);
      expect(err.result?.errors?.[0]?.details?.conflicts_with?.etag).toBe(role.etag);
    });

    it('an action the service does not define: 400 naming actions[0]', async () => {
      const err = await rejection(policyManagement.createRole({ name: 'JobTeleporter', displayName: 'Teleporter', accountId: t.accountId, serviceName: 'quantum-computing', actions: ['quantum-computing.job.teleport'] }));
      expect(err.status).toBe(400);
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
      expect(err.message).toContain('actions[0]');
      expect(err.message).toContain('quantum-computing.job.teleport');
      const list = await policyManagement.listRoles({ accountId: t.accountId, serviceName: 'quantum-computing' });
      expect((list.result.custom_roles ?? []).map((r) => r.name)).toEqual(['JobDeleter']);
    });
  });

  describe('access groups ml and finance', () => {
    it('createAccessGroup: 201 with an ETag header, for each project', async () => {
      for (const [name, description] of [['ml', 'Machine learning project'], ['finance', 'Finance project']] as const) {
        const res = await accessGroups.createAccessGroup({ accountId: t.accountId, name, description });
        expect(res.status).toBe(201);
        expect(res.headers.etag).toBeTruthy();
        expect(res.result).toMatchObject({ name, description, account_id: t.accountId, created_by_id: adminIamId });
        expect(res.result.id).toMatch(/^AccessGroupId-[0-9a-f-]{36}$/);
        expect(res.result.href).toMatch(new RegExp(`/v2/groups/${res.result.id}$`));
        group[name] = res.result.id!;
        if (name === 'ml') mlEtag = String(res.headers.etag);
      }
      const dup = await rejection(accessGroups.createAccessGroup({ accountId: t.accountId, name: 'ML' }));
      expect(dup.status).toBe(409);
      expect(dup.message).toBe(dup.result?.errors?.[0]?.message);
      expect(dup.message).toMatch(/ML/);
    });

    it('listAccessGroups: Public Access first, and only the projects with hide_public_access', async () => {
      const all = await accessGroups.listAccessGroups({ accountId: t.accountId });
      expect(all.status).toBe(200);
      expect(all.result.groups?.[0]?.id).toBe('AccessGroupId-PublicAccess');
      expect(all.result.total_count).toBe(3);
      const hidden = await accessGroups.listAccessGroups({ accountId: t.accountId, hidePublicAccess: true });
      expect(hidden.status).toBe(200);
      expect(hidden.result.total_count).toBe(2);
      expect((hidden.result.groups ?? []).map((g) => g.id).sort()).toEqual([group.ml, group.finance].sort());
    });

    it('AccessGroupsPager walks the groups one page at a time, by offset', async () => {
      const pager = new IamAccessGroupsV2.AccessGroupsPager(accessGroups, { accountId: t.accountId, limit: 1 });
      const seen: string[] = [];
      let pages = 0;
      while (pager.hasNext() && pages < 20) {
        const page = await pager.getNext();
        expect(page.length).toBeLessThanOrEqual(1);
        seen.push(...page.map((g) => g.id!));
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(['AccessGroupId-PublicAccess', group.ml, group.finance].sort());
      const everything = await new IamAccessGroupsV2.AccessGroupsPager(accessGroups, { accountId: t.accountId, limit: 2, hidePublicAccess: true }).getAll();
      expect(everything.map((g) => g.name).sort()).toEqual(['finance', 'ml']);
    });

    it('updateAccessGroup with If-Match, then getAccessGroup shows it with the new ETag', async () => {
      const res = await accessGroups.updateAccessGroup({ accessGroupId: group.ml, ifMatch: mlEtag, description: 'ml project: QR-ml and QR-common' });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id: group.ml, name: 'ml', description: 'ml project: QR-ml and QR-common', last_modified_by_id: adminIamId });
      const got = await accessGroups.getAccessGroup({ accessGroupId: group.ml });
      expect(got.status).toBe(200);
      expect(got.result).toMatchObject({ id: group.ml, name: 'ml', description: 'ml project: QR-ml and QR-common', account_id: t.accountId });
      expect(got.headers.etag).toBeTruthy();
      expect(got.headers.etag).not.toBe(mlEtag);
      if (res.headers.etag) expect(got.headers.etag).toBe(res.headers.etag);
      const stale = mlEtag;
      mlEtag = String(got.headers.etag);
      // The tag the update made obsolete no longer writes.
      const refused = await rejection(accessGroups.updateAccessGroup({ accessGroupId: group.ml, ifMatch: stale, name: 'lost update' }));
      expect([409, 412]).toContain(refused.status);
    });
  });

  describe('policies for the projects', () => {
    it('createPolicy (v1) for each project on each of its instances: 201, roles with display names', async () => {
      for (const project of ['ml', 'finance'] as const) {
        for (const instance of INSTANCES_OF[project]) {
          const res = await policyManagement.createPolicy(projectPolicy(project, instance));
          expect(res.status).toBe(201);
          const p = res.result;
          policy[project][instance] = p.id!;
          expect(p).toMatchObject({ type: 'access', state: 'active', created_by_id: adminIamId, subjects: [{ attributes: [{ name: 'access_group_id', value: group[project] }] }] });
          expect(p.id).toEqual(expect.any(String));
          expect(p.href).toMatch(new RegExp(`/v1/policies/${p.id}$`));
          expect(p.created_at).toMatch(RFC3339_MS);
          expect((p.roles ?? []).map((r) => r.role_id)).toEqual([VIEWER, WRITER, role.crn]);
          expect((p.roles ?? []).map((r) => r.display_name)).toEqual(['Viewer', 'Writer', role.displayName]);
          const attrs = Object.fromEntries((p.resources?.[0]?.attributes ?? []).map((a) => [a.name, a.value]));
          expect(attrs).toEqual({ accountId: t.accountId, serviceName: 'quantum-computing', serviceInstance: QR[instance] });
        }
      }
      expect(new Set([policy.ml.ml, policy.ml.common, policy.finance.finance, policy.finance.common]).size).toBe(4);
    });

    it('getPolicy: 200 with an ETag; replacePolicy with If-Match: 200; a stale ETag: 409', async () => {
      const id = policy.ml.common!;
      const got = await policyManagement.getPolicy({ policyId: id });
      expect(got.status).toBe(200);
      expect(got.result).toMatchObject({ id, type: 'access', state: 'active' });
      expect(got.headers.etag).toMatch(ETAG);
      const etag = String(got.headers.etag);

      const replaced = await policyManagement.replacePolicy({ policyId: id, ifMatch: etag, ...projectPolicy('ml', 'common', 'ml project on QR-common') });
      expect(replaced.status).toBe(200);
      expect(replaced.result).toMatchObject({ id, description: 'ml project on QR-common', state: 'active', last_modified_by_id: adminIamId });
      expect((replaced.result.roles ?? []).map((r) => r.role_id)).toEqual([VIEWER, WRITER, role.crn]);

      const again = await policyManagement.getPolicy({ policyId: id });
      expect(again.result).toMatchObject({ id, description: 'ml project on QR-common' });
      expect(again.headers.etag).toMatch(ETAG);
      expect(again.headers.etag).not.toBe(etag);

      const stale = await rejection(policyManagement.replacePolicy({ policyId: id, ifMatch: etag, ...projectPolicy('ml', 'common', 'lost update') }));
      expect(stale.status).toBe(409);
      expect(stale.result?.errors?.[0]?.code).toBe('policy_conflict_error');
      expect(stale.message).toBe(stale.result?.errors?.[0]?.message);
      expect((await policyManagement.getPolicy({ policyId: id })).result.description).toBe('ml project on QR-common');
    });

    it('listPolicies by access group: exactly that group’s policies', async () => {
      for (const project of ['ml', 'finance'] as const) {
        const res = await policyManagement.listPolicies({ accountId: t.accountId, accessGroupId: group[project] });
        expect(res.status).toBe(200);
        expect(res.result.policies.map((p) => p.id).sort()).toEqual(INSTANCES_OF[project].map((i) => policy[project][i]).sort());
      }
    });

    it('PoliciesPager walks every policy of the account by next.start, each once', async () => {
      const all = await policyManagement.listPolicies({ accountId: t.accountId, limit: 100 });
      const expected = all.result.policies.map((p) => p.id!).sort();
      expect(expected).toEqual(expect.arrayContaining(Object.values(policy).flatMap((byInstance) => Object.values(byInstance))));
      const pager = new IamPolicyManagementV1.PoliciesPager(policyManagement, { accountId: t.accountId, limit: 1 });
      const seen: string[] = [];
      let pages = 0;
      while (pager.hasNext() && pages < 50) {
        const page = await pager.getNext();
        expect(page.length).toBeLessThanOrEqual(1);
        seen.push(...page.map((p) => p.id!));
        pages++;
      }
      expect(pages).toBe(expected.length);
      expect([...seen].sort()).toEqual(expected);
    });

    it('createV2Policy with a time condition: 201; getV2Policy with an ETag; listV2Policies shows it', async () => {
      // Reader on QR-lab for ml, in force from 2020 to 2099; Writer on QR-lab for ml, expired at the end of 2020.
      const live = await policyManagement.createV2Policy({ ...v2Policy('ml', 'lab', READER, ['2020-01-01T00:00:00+00:00', '2099-12-31T23:59:59+00:00']), description: 'ml reads QR-lab' });
      expect(live.status).toBe(201);
      v2.live = live.result.id!;
      expect(live.result).toMatchObject({ type: 'access', state: 'active', pattern: 'time-based-conditions:once', subject: { attributes: [{ key: 'access_group_id', value: group.ml }] } });
      expect(live.result.href).toMatch(new RegExp(`/v2/policies/${v2.live}$`));
      expect((live.result.rule as { conditions?: unknown[] } | undefined)?.conditions).toHaveLength(2);

      const expired = await policyManagement.createV2Policy({ ...v2Policy('ml', 'lab', WRITER, ['2020-01-01T00:00:00+00:00', '2020-12-31T23:59:59+00:00']), description: 'ml wrote to QR-lab in 2020' });
      expect(expired.status).toBe(201);
      v2.expired = expired.result.id!;

      const got = await policyManagement.getV2Policy({ id: v2.live });
      expect(got.status).toBe(200);
      expect(got.result).toMatchObject({ id: v2.live, description: 'ml reads QR-lab', pattern: 'time-based-conditions:once' });
      expect(got.headers.etag).toMatch(ETAG);

      const list = await policyManagement.listV2Policies({ accountId: t.accountId, accessGroupId: group.ml });
      expect(list.status).toBe(200);
      expect(list.result.policies.map((p) => p.id)).toEqual(expect.arrayContaining([v2.live, v2.expired, policy.ml.ml, policy.ml.common]));
      const v2Pages = await new IamPolicyManagementV1.V2PoliciesPager(policyManagement, { accountId: t.accountId, accessGroupId: group.ml, limit: 1 }).getAll();
      expect(v2Pages.map((p) => p.id).sort()).toEqual(list.result.policies.map((p) => p.id).sort());
    });

    it('listPolicies (v1) lists each v2 policy too, as a placeholder that points at /v2/policies', async () => {
      const res = await policyManagement.listPolicies({ accountId: t.accountId, accessGroupId: group.ml });
      expect(res.status).toBe(200);
      const ids = res.result.policies.map((p) => p.id);
      expect(ids).toEqual(expect.arrayContaining([policy.ml.ml, policy.ml.common]));
      for (const id of [v2.live, v2.expired]) {
        const placeholder = res.result.policies.find((p) => p.id === id);
        expect(placeholder, `v1 listing entry for v2 policy ${id}`).toBeDefined();
        expect(placeholder?.href).toMatch(new RegExp(`/v2/policies/${id}$`));
      }
    });

    it('deletePolicy: 204; the policy leaves the active list and is kept as deleted', async () => {
      // Reader on QR-ml for finance: were it still in force, Ravi could read jobs on QR-ml (the decisions below say he cannot).
      const created = await policyManagement.createPolicy({
        type: 'access', subjects: [{ attributes: [{ name: 'access_group_id', value: group.finance }] }], roles: [{ role_id: READER }], resources: quantumResource(QR.ml),
      });
      expect(created.status).toBe(201);
      const id = created.result.id!;
      const res = await policyManagement.deletePolicy({ policyId: id });
      expect(res.status).toBe(204);
      const active = await policyManagement.listPolicies({ accountId: t.accountId, accessGroupId: group.finance });
      expect(active.result.policies.map((p) => p.id)).not.toContain(id);
      const deleted = await policyManagement.listPolicies({ accountId: t.accountId, accessGroupId: group.finance, state: 'deleted' });
      expect(deleted.result.policies.map((p) => p.id)).toContain(id);
      // Read after deletion: gone (404) or kept as deleted, but never active.
      try {
        const after = await policyManagement.getPolicy({ policyId: id });
        expect(after.result.state).toBe('deleted');
      } catch (err) {
        expect((err as SdkError).status).toBe(404);
      }
      const twice = await rejection(policyManagement.deletePolicy({ policyId: id }));
      expect(twice.status).toBe(404);
    });
  });

  describe('people in the projects', () => {
    beforeAll(async () => {
      for (const name of ['fatima', 'ravi', 'amyra'] as const) people[name] = await t.addUser(`${name}@projects.example`);
    });

    it('addMembersToAccessGroup: 207 with a status per member', async () => {
      const ml = await accessGroups.addMembersToAccessGroup({ accessGroupId: group.ml, members: [{ iam_id: people.fatima.iamId, type: 'user' }, { iam_id: 'QGid-NOBODYHERE1', type: 'user' }] });
      expect(ml.status).toBe(207);
      expect((ml.result.members ?? []).map((m) => [m.iam_id, m.status_code])).toEqual([[people.fatima.iamId, 200], ['QGid-NOBODYHERE1', 404]]);
      expect(ml.result.members?.[0]).toMatchObject({ type: 'user', created_by_id: adminIamId });
      expect(ml.result.members?.[1]?.errors?.[0]?.code).toEqual(expect.any(String));
      expect(ml.result.members?.[1]?.errors?.[0]?.message).toContain('QGid-NOBODYHERE1');
      const finance = await accessGroups.addMembersToAccessGroup({ accessGroupId: group.finance, members: [{ iam_id: people.ravi.iamId, type: 'user' }] });
      expect(finance.status).toBe(207);
      expect((finance.result.members ?? []).map((m) => m.status_code)).toEqual([200]);
    });

    it('addMemberToMultipleAccessGroups: Amyra in both projects (207, a status per group)', async () => {
      const res = await accessGroups.addMemberToMultipleAccessGroups({ accountId: t.accountId, iamId: people.amyra.iamId, type: 'user', groups: [group.ml, group.finance] });
      expect(res.status).toBe(207);
      expect(res.result.iam_id).toBe(people.amyra.iamId);
      expect((res.result.groups ?? []).map((g) => [g.access_group_id, g.status_code])).toEqual([[group.ml, 200], [group.finance, 200]]);
      const mine = await accessGroups.listAccessGroups({ accountId: t.accountId, iamId: people.amyra.iamId, hidePublicAccess: true });
      expect((mine.result.groups ?? []).map((g) => g.name).sort()).toEqual(['finance', 'ml']);
    });

    it('a Transaction-Id passed by the SDK identifies the call in the answer', async () => {
      const transactionId = `sdk-${crypto.randomUUID()}`;
      const res = await accessGroups.listAccessGroupMembers({ accessGroupId: group.ml, transactionId });
      expect(res.status).toBe(200);
      expect(res.headers['transaction-id']).toBe(transactionId);
      const failed = await rejection(accessGroups.getAccessGroup({ accessGroupId: 'AccessGroupId-00000000-0000-4000-8000-000000000000', transactionId }));
      expect(failed.status).toBe(404);
      expect(failed.result?.trace).toBe(transactionId);
    });

    it('isMemberOfAccessGroup: 204 for a member, 404 otherwise', async () => {
      expect((await accessGroups.isMemberOfAccessGroup({ accessGroupId: group.ml, iamId: people.fatima.iamId })).status).toBe(204);
      expect((await accessGroups.isMemberOfAccessGroup({ accessGroupId: group.finance, iamId: people.amyra.iamId })).status).toBe(204);
      expect((await rejection(accessGroups.isMemberOfAccessGroup({ accessGroupId: group.ml, iamId: people.ravi.iamId }))).status).toBe(404);
      expect((await rejection(accessGroups.isMemberOfAccessGroup({ accessGroupId: group.finance, iamId: people.fatima.iamId }))).status).toBe(404);
    });

    it('listAccessGroupMembers (verbose) and AccessGroupMembersPager', async () => {
      const res = await accessGroups.listAccessGroupMembers({ accessGroupId: group.ml, verbose: true });
      expect(res.status).toBe(200);
      expect(res.result.total_count).toBe(2);
      const members = res.result.members ?? [];
      expect(members.map((m) => m.iam_id).sort()).toEqual([people.fatima.iamId, people.amyra.iamId].sort());
      expect(members.find((m) => m.iam_id === people.fatima.iamId)).toMatchObject({ type: 'user', membership_type: 'static', email: 'fatima@projects.example' });
      const paged = await new IamAccessGroupsV2.AccessGroupMembersPager(accessGroups, { accessGroupId: group.finance, limit: 1 }).getAll();
      expect(paged.map((m) => m.iam_id).sort()).toEqual([people.ravi.iamId, people.amyra.iamId].sort());
    });

    it('removeMembersFromAccessGroup: 207 with a status per member', async () => {
      // Ravi joins ml by mistake and is taken out again, with someone who was never in it.
      const added = await accessGroups.addMembersToAccessGroup({ accessGroupId: group.ml, members: [{ iam_id: people.ravi.iamId, type: 'user' }] });
      expect(added.result.members?.[0]?.status_code).toBe(200);
      const res = await accessGroups.removeMembersFromAccessGroup({ accessGroupId: group.ml, members: [people.ravi.iamId, 'QGid-NOTAMEMBER1'] });
      expect(res.status).toBe(207);
      expect(res.result.access_group_id).toBe(group.ml);
      expect((res.result.members ?? []).map((m) => [m.iam_id, m.status_code])).toEqual([[people.ravi.iamId, 204], ['QGid-NOTAMEMBER1', 404]]);
      expect((await rejection(accessGroups.isMemberOfAccessGroup({ accessGroupId: group.ml, iamId: people.ravi.iamId }))).status).toBe(404);
    });
  });

  describe('the decisions follow the assignments', () => {
    it('POST /v2/authz: each person may work with jobs on their projects’ instances only, and nobody on QR-other', async () => {
      const questions: { who: Person; action: string; instance: Instance }[] = [];
      for (const who of ['fatima', 'ravi', 'amyra'] as const) {
        for (const instance of ['ml', 'finance', 'common', 'other'] as const) for (const action of JOB_ACTIONS) questions.push({ who, action, instance });
        for (const action of ['quantum-computing.job.cancel', 'quantum-computing.session.create', 'quantum-computing.device.read', 'resource-controller.instance.retrieve']) questions.push({ who, action, instance: 'other' });
      }
      const res = await authz(admin, questions.map((q) => ({ iamId: people[q.who].iamId, action: q.action, guid: QR[q.instance] })));
      expect(res.status).toBe(200);
      expect(res.body.decisions).toHaveLength(questions.length);
      const line = (q: (typeof questions)[number], ok: boolean) => `${q.who} ${q.action} QR-${q.instance}: ${ok ? 'permitted' : 'denied'}`;
      const reaches = (q: (typeof questions)[number]) => PROJECTS_OF[q.who].filter((p) => INSTANCES_OF[p].includes(q.instance));
      expect(questions.map((q, i) => line(q, res.body.decisions[i]!.permitted))).toEqual(questions.map((q) => line(q, reaches(q).length > 0)));

      questions.forEach((q, i) => {
        const d = res.body.decisions[i]!;
        expect(d.reason, line(q, d.permitted)).toEqual(expect.any(String));
        expect(d.reason.length, line(q, d.permitted)).toBeGreaterThan(0);
        if (!d.permitted) {
          expect(d.matched, line(q, false)).toEqual([]);
          return;
        }
        // The grant names a policy of a project that reaches the instance, that project's group, and the role that grants the action.
        expect(d.matched.length, line(q, true)).toBeGreaterThanOrEqual(1);
        const candidates = reaches(q).map((p) => ({ policy_id: policy[p][q.instance]!, access_group_id: group[p] }));
        const grantingRole = q.action === 'quantum-computing.job.delete' ? role.crn : WRITER;
        for (const m of d.matched) {
          expect(candidates, line(q, true)).toContainEqual({ policy_id: m.policy_id, access_group_id: m.access_group_id });
          expect(m.role_id, line(q, true)).toBe(grantingRole);
        }
      });
    });

    it('a v2 policy grants while its time condition holds, and not after it has expired', async () => {
      const fatima = people.fatima.iamId;
      const res = await authz(admin, [
        { iamId: fatima, action: 'quantum-computing.job.read', guid: QR.lab },
        { iamId: fatima, action: 'quantum-computing.job.create', guid: QR.lab },
        { iamId: people.ravi.iamId, action: 'quantum-computing.job.read', guid: QR.lab },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.decisions.map((d) => d.permitted)).toEqual([true, false, false]);
      expect(res.body.decisions[0]!.matched).toContainEqual({ policy_id: v2.live, role_id: READER, access_group_id: group.ml });
      const why = await explain(admin, fatima, 'quantum-computing.job.create', 'lab');
      expect(why.status).toBe(200);
      expect(why.body.permitted).toBe(false);
      const expired = why.body.policies.find((p) => p.policy_id === v2.expired);
      expect(expired).toMatchObject({ grants: false, access_group_id: group.ml });
      expect(expired?.reasons.join(' ')).toMatch(/2020-12-31/);
    });

    it('replaceV2Policy renews the expired window and it grants at once; deleteV2Policy ends it', async () => {
      const got = await policyManagement.getV2Policy({ id: v2.expired });
      const etag = String(got.headers.etag);
      const renewed = await policyManagement.replaceV2Policy({ id: v2.expired, ifMatch: etag, ...v2Policy('ml', 'lab', WRITER, ['2020-01-01T00:00:00+00:00', '2099-12-31T23:59:59+00:00']), description: 'ml writes to QR-lab' });
      expect(renewed.status).toBe(200);
      expect(renewed.result).toMatchObject({ id: v2.expired, description: 'ml writes to QR-lab' });
      expect(await permitted(admin, people.fatima.iamId, 'quantum-computing.job.create', 'lab')).toBe(true);
      const stale = await rejection(policyManagement.replaceV2Policy({ id: v2.expired, ifMatch: etag, ...v2Policy('ml', 'lab', WRITER, ['2020-01-01T00:00:00+00:00', '2020-01-02T00:00:00+00:00']) }));
      expect(stale.status).toBe(409);
      expect(stale.message).toBe(stale.result?.errors?.[0]?.message);

      for (const id of [v2.expired, v2.live]) expect((await policyManagement.deleteV2Policy({ id })).status).toBe(204);
      const after = await authz(admin, [
        { iamId: people.fatima.iamId, action: 'quantum-computing.job.create', guid: QR.lab },
        { iamId: people.fatima.iamId, action: 'quantum-computing.job.read', guid: QR.lab },
      ]);
      expect(after.body.decisions.map((d) => d.permitted)).toEqual([false, false]);
    });

    it('explain: why Amyra may delete a job on QR-common: both projects’ policies grant it through JobDeleter', async () => {
      const res = await explain(admin, people.amyra.iamId, 'quantum-computing.job.delete', 'common');
      expect(res.status).toBe(200);
      expect(res.body.permitted).toBe(true);
      expect(res.body.reason.length).toBeGreaterThan(0);
      const granting = res.body.policies.filter((p) => p.grants);
      expect(granting.map((p) => p.policy_id).sort()).toEqual([policy.ml.common!, policy.finance.common!].sort());
      for (const p of granting) {
        expect(p).toMatchObject({ via: 'access_group', role_id: role.crn, reasons: [] });
        expect(p.access_group_id).toBe(p.policy_id === policy.ml.common ? group.ml : group.finance);
        expect(p.roles).toContain(role.crn);
      }
      expect(granting.map((p) => p.policy_id)).toEqual(expect.arrayContaining(res.body.matched.map((m) => m.policy_id)));
      // Her other projects' policies reach her too, and say why they do not apply here.
      const others = res.body.policies.filter((p) => !p.grants);
      expect(others.map((p) => p.policy_id)).toEqual(expect.arrayContaining([policy.ml.ml, policy.finance.finance]));
      for (const p of others) expect(p.reasons.length).toBeGreaterThan(0);
    });

    it('explain: why Fatima may not delete a job on QR-finance: her policies are for other instances', async () => {
      const res = await explain(admin, people.fatima.iamId, 'quantum-computing.job.delete', 'finance');
      expect(res.status).toBe(200);
      expect(res.body.permitted).toBe(false);
      expect(res.body.matched).toEqual([]);
      expect(res.body.reason.length).toBeGreaterThan(0);
      const ids = res.body.policies.map((p) => p.policy_id);
      expect(ids).toEqual(expect.arrayContaining([policy.ml.ml, policy.ml.common]));
      expect(ids).not.toContain(policy.finance.finance);
      expect(ids).not.toContain(policy.finance.common);
      for (const p of res.body.policies) {
        expect(p.grants).toBe(false);
        expect(p.reasons.length).toBeGreaterThan(0);
      }
      const mlPolicy = res.body.policies.find((p) => p.policy_id === policy.ml.ml);
      expect(mlPolicy?.reasons.join(' ')).toMatch(new RegExp(`serviceInstance|${QR.finance}`));
    });

    it('a member may ask about themselves, not about someone else (403)', async () => {
      const fatima = people.fatima;
      const own = await authz(fatima.token, [
        { iamId: fatima.iamId, action: 'quantum-computing.job.read', guid: QR.ml },
        { iamId: fatima.iamId, action: 'quantum-computing.job.read', guid: QR.finance },
      ]);
      expect(own.status).toBe(200);
      expect(own.body.decisions.map((d) => d.permitted)).toEqual([true, false]);
      const ownWhy = await explain(fatima.token, fatima.iamId, 'quantum-computing.job.delete', 'common');
      expect(ownWhy.status).toBe(200);
      expect(ownWhy.body.permitted).toBe(true);

      const aboutRavi = await authz(fatima.token, [{ iamId: people.ravi.iamId, action: 'quantum-computing.job.read', guid: QR.finance }]);
      expect(aboutRavi.status).toBe(403);
      expect((aboutRavi.body as unknown as { errors?: { message?: string }[] }).errors?.[0]?.message).toEqual(expect.any(String));
      const mixed = await authz(fatima.token, [
        { iamId: fatima.iamId, action: 'quantum-computing.job.read', guid: QR.ml },
        { iamId: people.ravi.iamId, action: 'quantum-computing.job.read', guid: QR.finance },
      ]);
      expect(mixed.status).toBe(403);
      expect((await explain(fatima.token, people.ravi.iamId, 'quantum-computing.job.read', 'finance')).status).toBe(403);
    });

    it('removing Fatima from ml is obeyed by the very next request; adding her back restores her access', async () => {
      const fatima = people.fatima;
      const removed = await accessGroups.removeMemberFromAccessGroup({ accessGroupId: group.ml, iamId: fatima.iamId });
      expect(removed.status).toBe(204);
      const next = await authz(fatima.token, JOB_ACTIONS.flatMap((action) => (['ml', 'common'] as const).map((i) => ({ iamId: fatima.iamId, action, guid: QR[i] }))));
      expect(next.status).toBe(200);
      expect(next.body.decisions.map((d) => d.permitted)).toEqual(Array(6).fill(false));
      expect(await permitted(admin, fatima.iamId, 'quantum-computing.job.read', 'ml')).toBe(false);
      // Amyra keeps what ml gives her.
      expect(await permitted(admin, people.amyra.iamId, 'quantum-computing.job.delete', 'ml')).toBe(true);
      expect((await rejection(accessGroups.isMemberOfAccessGroup({ accessGroupId: group.ml, iamId: fatima.iamId }))).status).toBe(404);
      expect((await rejection(accessGroups.removeMemberFromAccessGroup({ accessGroupId: group.ml, iamId: fatima.iamId }))).status).toBe(404);

      const back = await accessGroups.addMembersToAccessGroup({ accessGroupId: group.ml, members: [{ iam_id: fatima.iamId, type: 'user' }] });
      expect(back.result.members?.[0]?.status_code).toBe(200);
      expect(await permitted(fatima.token, fatima.iamId, 'quantum-computing.job.delete', 'ml')).toBe(true);
    });
  });

  describe('delegated administration', () => {
    it('Editor on User Management lets Ravi invite people (202), not create access groups (403)', async () => {
      const ravi = people.ravi;
      const invite = (email: string) => t.request('POST', `/v2/accounts/${t.accountId}/users`, { token: ravi.token, body: { users: [{ email, account_role: 'Member' }] } });
      expect((await invite('before@projects.example')).status).toBe(403);

      const res = await policyManagement.createPolicy({
        type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: ravi.iamId }] }], roles: [{ role_id: EDITOR }],
        resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'user-management' }] }],
      });
      expect(res.status).toBe(201);
      const mine = await policyManagement.listPolicies({ accountId: t.accountId, iamId: ravi.iamId });
      expect(mine.result.policies.map((p) => p.id)).toEqual([res.result.id]);

      const invited = await invite('newbie@projects.example');
      expect(invited.status).toBe(202);
      expect(invited.body.resources?.[0]).toMatchObject({ email: 'newbie@projects.example', state: 'PENDING' });
      const groupAttempt = await t.request('POST', `/v2/groups?account_id=${t.accountId}`, { token: ravi.token, body: { name: 'ravi-made' } });
      expect(groupAttempt.status).toBe(403);
      const viaSdk = await rejection(clientsFor(ravi.apikey).accessGroups.createAccessGroup({ accountId: t.accountId, name: 'ravi-made' }));
      expect(viaSdk.status).toBe(403);
      const names = (await accessGroups.listAccessGroups({ accountId: t.accountId, hidePublicAccess: true })).result.groups?.map((g) => g.name);
      expect(names?.sort()).toEqual(['finance', 'ml']);
    });

    it('Editor on the ml group lets Fatima add members to ml (207 with 200), not to finance (403)', async () => {
      const fatima = people.fatima;
      const newcomer = await t.addUser('newcomer@projects.example');
      const add = (groupId: string) => t.request('PUT', `/v2/groups/${groupId}/members`, { token: fatima.token, body: { members: [{ iam_id: newcomer.iamId, type: 'user' }] } });
      expect((await add(group.ml)).status).toBe(403);

      const res = await policyManagement.createPolicy({
        type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: fatima.iamId }] }], roles: [{ role_id: EDITOR }],
        resources: [{ attributes: [{ name: 'accountId', value: t.accountId }, { name: 'serviceName', value: 'iam-groups' }, { name: 'resource', value: group.ml }] }],
      });
      expect(res.status).toBe(201);

      const ml = await add(group.ml);
      expect(ml.status).toBe(207);
      expect(ml.body.members.map((m: { status_code: number }) => m.status_code)).toEqual([200]);
      expect((await add(group.finance)).status).toBe(403);
      expect((await rejection(accessGroups.isMemberOfAccessGroup({ accessGroupId: group.finance, iamId: newcomer.iamId }))).status).toBe(404);
      // The newcomer now works on the ml project's instances.
      expect(await permitted(admin, newcomer.iamId, 'quantum-computing.job.create', 'ml')).toBe(true);
      expect(await permitted(admin, newcomer.iamId, 'quantum-computing.job.create', 'finance')).toBe(false);
    });

    it('granting access needs Administrator on the target: Fatima cannot create a policy on QR-ml (403)', async () => {
      const fatima = clientsFor(people.fatima.apikey);
      const before = (await policyManagement.listPolicies({ accountId: t.accountId, limit: 100 })).result.policies.length;
      const err = await rejection(fatima.policyManagement.createPolicy({
        type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: people.fatima.iamId }] }], roles: [{ role_id: SERVICE('Manager') }], resources: quantumResource(QR.ml),
      }));
      expect(err.status).toBe(403);
      const raw = await t.request('POST', '/v1/policies', {
        token: people.fatima.token,
        body: { type: 'access', subjects: [{ attributes: [{ name: 'access_group_id', value: group.ml }] }], roles: [{ role_id: READER }], resources: quantumResource(QR.ml) },
      });
      expect(raw.status).toBe(403);
      expect((await policyManagement.listPolicies({ accountId: t.accountId, limit: 100 })).result.policies.length).toBe(before);
    });
  });

  describe('bad input, as the SDK reports it', () => {
    let otherGroupId: string;

    beforeAll(async () => {
      const otherKey = `other-account-owner-key-${store}-0123456789abcdef`;
      const other = await t.qgate.database.db.transaction().execute((trx) =>
        createAccountWithOwner(trx, { name: 'elsewhere', ownerEmail: 'owner@elsewhere.example', ownerPasswordHash: hashPlaceholder, ownerApiKey: otherKey, now: new Date() }),
      );
      const created = await clientsFor(otherKey).accessGroups.createAccessGroup({ accountId: other.accountId, name: 'ml' });
      expect(created.status).toBe(201);
      otherGroupId = created.result.id!;
    });

    const body = (over: { roles?: { role_id: string }[]; subjects?: { attributes: { name: string; value: string }[] }[]; resources?: { attributes: { name: string; value: string }[] }[] }) => ({
      type: 'access',
      subjects: over.subjects ?? [{ attributes: [{ name: 'access_group_id', value: group.ml }] }],
      roles: over.roles ?? [{ role_id: READER }],
      resources: over.resources ?? quantumResource(QR.other),
    });

    it('a role CRN that is no role: 400 naming roles[0].role_id', async () => {
      const err = await rejection(policyManagement.createPolicy(body({ roles: [{ role_id: PLATFORM('Wizard') }] })));
      expect(err.status).toBe(400);
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
      expect(err.message).toContain('roles[0]');
      expect(err.message).toContain('Wizard');
      const missingCustom = await rejection(policyManagement.createPolicy(body({ roles: [{ role_id: READER }, { role_id: `crn:v1:ibmcloud:public:iam-access-management::a/${t.accountId}::customRole:NoSuchRole` }] })));
      expect(missingCustom.status).toBe(400);
      expect(missingCustom.message).toContain('roles[1]');
      expect(missingCustom.message).toContain('NoSuchRole');
    });

    it('a policy without accountId: 400 saying accountId is required', async () => {
      const err = await rejection(policyManagement.createPolicy(body({ resources: [{ attributes: [{ name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: QR.other }] }] })));
      expect(err.status).toBe(400);
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
      expect(err.message).toContain('accountId');
    });

    it("another account's access group as subject: 4xx naming the group", async () => {
      const err = await rejection(policyManagement.createPolicy(body({ subjects: [{ attributes: [{ name: 'access_group_id', value: otherGroupId }] }] })));
      expect(err.status).toBeGreaterThanOrEqual(400);
      expect(err.status).toBeLessThan(500);
      expect(err.status).not.toBe(401);
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
      expect(err.message).toContain(otherGroupId);
      const listed = await policyManagement.listPolicies({ accountId: t.accountId, accessGroupId: otherGroupId });
      expect(listed.result.policies).toEqual([]);
    });

    it('a malformed CRN in /v2/authz: 400 naming resource.crn', async () => {
      const bad = [{ subject: { attributes: { id: people.fatima.iamId } }, action: 'quantum-computing.job.read', resource: { crn: `crn:v1:qgate:public:quantum-computing:us-east:${QR.ml}` } }];
      const raw = await t.request('POST', '/v2/authz', { token: admin, body: bad });
      expect(raw.status).toBe(400);
      expect(raw.body.errors?.[0]?.message).toMatch(/resource\.crn/);
      const client = new DecisionClient({ authenticator, serviceUrl: t.url });
      const ok = await client.authz([question(people.fatima.iamId, 'quantum-computing.job.read', QR.ml)]);
      expect(ok.status).toBe(200);
      expect(ok.result.decisions[0].permitted).toBe(true);
      const err = await rejection(client.authz(bad));
      expect(err.status).toBe(400);
      expect(err.message).toBe(raw.body.errors[0].message);
      expect(err.message).toContain('resource.crn');
    });

    it('a stale If-Match on a group: rejected (409/412) saying why, and nothing changes', async () => {
      const got = await accessGroups.getAccessGroup({ accessGroupId: group.finance });
      const etag = String(got.headers.etag);
      const updated = await accessGroups.updateAccessGroup({ accessGroupId: group.finance, ifMatch: etag, description: 'Finance project: QR-finance and QR-common' });
      expect(updated.status).toBe(200);
      const err = await rejection(accessGroups.updateAccessGroup({ accessGroupId: group.finance, ifMatch: etag, name: 'lost update' }));
      expect([409, 412]).toContain(err.status);
      expect(err.message).toBe(err.result?.errors?.[0]?.message);
      expect(err.message).toMatch(/If-Match|ETag/i);
      expect((await accessGroups.getAccessGroup({ accessGroupId: group.finance })).result.name).toBe('finance');
    });
  });
});
