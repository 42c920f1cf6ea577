/**
 * The catalog, Resource Manager v2 resource groups and Resource Controller v2 service instances over
 * real HTTP, and IBM's Node SDK against them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IamAuthenticator } from 'ibm-cloud-sdk-core';
import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2.js';
import ResourceManagerV2 from '@ibm-cloud/platform-services/resource-manager/v2.js';
import { hashPlaceholder } from '../helpers/accounts.js';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { createAccountWithOwner } from '#src/modules/accounts/create-account.js';

const OTHER_KEY = 'resources-other-owner-key-0123456789abcdef';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const EDITOR = 'crn:v1:bluemix:public:iam::::role:Editor';

describe.each(await availableStores())('%s: resources', (store) => {
  let t: TestServer;
  let admin: string;
  let defaultGroup: string;
  const qr: Record<string, any> = {};
  const create = (body: Record<string, unknown>, token = admin) => t.request('POST', '/v2/resource_instances', { token, body: { target: 'us-east', resource_group: defaultGroup, resource_plan_id: 'standard', ...body } });
  const policy = (iamId: string, role: string, resource: [string, string][]) =>
    t.request('POST', '/v1/policies', {
      token: admin,
      body: { type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: iamId }] }], roles: [{ role_id: role }], resources: [{ attributes: [['accountId', t.accountId], ...resource].map(([name, value]) => ({ name, value })) }] },
    });

  beforeAll(async () => {
    t = await startTestServer({ store });
    admin = await t.adminToken();
    const groups = await t.request('GET', '/v2/resource_groups', { token: admin });
    defaultGroup = groups.body.resources.find((g: any) => g.default).id;
  });
  afterAll(() => t.close());

  describe('catalog', () => {
    it('lists quantum-computing with the open and standard plans and their limits', async () => {
      const res = await t.request('GET', '/v1/catalog/services', { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.resources).toHaveLength(1);
      const service = res.body.resources[0];
      expect(service).toMatchObject({ id: 'quantum-computing', name: 'quantum-computing', regions: ['us-east', 'eu-de'] });
      expect(service.plans.map((p: any) => p.id)).toEqual(['open', 'standard']);
      expect(service.plans[0]).toMatchObject({ id: 'open', pricing_type: 'free', regions: ['us-east'], limits: { backends: expect.arrayContaining(['simulator_statevector']), monthly_usage_seconds: 600, max_sessions: 0 } });
      const plan = await t.request('GET', '/v1/catalog/services/quantum-computing/plans/standard', { token: admin });
      expect(plan.status).toBe(200);
      expect(plan.body).toMatchObject({ id: 'standard', limits: { monthly_usage_seconds: null, max_job_cost_seconds: 10800 } });
      const missing = await t.request('GET', '/v1/catalog/services/quantum-computing/plans/lite', { token: admin });
      expect(missing.status).toBe(404);
      expect(missing.body.errors[0].code).toBe('catalog_entry_not_found');
    });

    it('is readable by any member of the account', async () => {
      const member = await t.addUser('catalog-reader@res.example');
      expect((await t.request('GET', '/v1/catalog/services', { token: member.token })).status).toBe(200);
    });
  });

  describe('resource groups', () => {
    it('has a default group that cannot be deleted', async () => {
      const list = await t.request('GET', `/v2/resource_groups?account_id=${t.accountId}&default=true`, { token: admin });
      expect(list.status).toBe(200);
      expect(list.body.resources).toHaveLength(1);
      expect(list.body.resources[0]).toMatchObject({ id: defaultGroup, name: 'Default', state: 'ACTIVE', default: true, account_id: t.accountId, crn: `crn:v1:qgate:public:resource-controller::a/${t.accountId}::resource-group:${defaultGroup}` });
      const del = await t.request('DELETE', `/v2/resource_groups/${defaultGroup}`, { token: admin });
      expect(del.status).toBe(409);
      expect(del.body).toMatchObject({ error_code: 'RC-resource_group_is_default', status_code: 409 });
    });

    it('creates, reads, renames and deletes a group; names are unique and checked', async () => {
      const created = await t.request('POST', '/v2/resource_groups', { token: admin, body: { name: 'research', account_id: t.accountId } });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), crn: expect.stringContaining(`::resource-group:${created.body.id}`) });
      const got = await t.request('GET', `/v2/resource_groups/${created.body.id}`, { token: admin });
      expect(got.body).toMatchObject({ name: 'research', default: false, state: 'ACTIVE' });
      expect((await t.request('POST', '/v2/resource_groups', { token: admin, body: { name: 'research' } })).status).toBe(409);
      const bad = await t.request('POST', '/v2/resource_groups', { token: admin, body: { name: 'no/slashes' } });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain("'name'");
      const renamed = await t.request('PATCH', `/v2/resource_groups/${created.body.id}`, { token: admin, body: { name: 'lab' } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('lab');
      expect((await t.request('GET', `/v2/resource_groups?name=lab`, { token: admin })).body.resources.map((g: any) => g.id)).toEqual([created.body.id]);
      const suspended = await t.request('PATCH', `/v2/resource_groups/${created.body.id}`, { token: admin, body: { state: 'SUSPENDED' } });
      expect(suspended.body.state).toBe('SUSPENDED');
      const refused = await create({ name: 'nope', resource_group: created.body.id });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain("'resource_group'");
      expect((await t.request('DELETE', `/v2/resource_groups/${created.body.id}`, { token: admin })).status).toBe(204);
      expect((await t.request('GET', `/v2/resource_groups/${created.body.id}`, { token: admin })).status).toBe(404);
      expect((await t.request('POST', '/v2/resource_groups', { token: admin, body: { name: 'x', account_id: 'f'.repeat(32) } })).status).toBe(403);
    });

    it('refuses to delete a group that still has instances', async () => {
      const group = await t.request('POST', '/v2/resource_groups', { token: admin, body: { name: 'busy' } });
      const inst = await create({ name: 'busy-one', resource_group: group.body.id });
      expect(inst.status).toBe(201);
      const del = await t.request('DELETE', `/v2/resource_groups/${group.body.id}`, { token: admin });
      expect(del.status).toBe(409);
      expect(del.body.errors[0].code).toBe('resource_group_not_empty');
      expect((await t.request('DELETE', `/v2/resource_instances/${inst.body.guid}`, { token: admin })).status).toBe(204);
      expect((await t.request('DELETE', `/v2/resource_groups/${group.body.id}`, { token: admin })).status).toBe(204);
    });
  });

  describe('service instances', () => {
    it("creates the seed's instances QR-ml, QR-finance and QR-common", async () => {
      for (const name of ['QR-ml', 'QR-finance', 'QR-common']) {
        const res = await create({ name, tags: ['seed'], parameters: { note: name } });
        expect(res.status).toBe(201);
        const b = res.body;
        expect(b).toMatchObject({
          name, state: 'active', locked: false, type: 'service_instance', resource_id: 'quantum-computing', resource_plan_id: 'standard', region_id: 'us-east',
          account_id: t.accountId, resource_group_id: defaultGroup, resource_group_crn: `crn:v1:qgate:public:resource-controller::a/${t.accountId}::resource-group:${defaultGroup}`,
          last_operation: { type: 'create', async: false, state: 'succeeded' }, parameters: { note: name }, tags: ['seed'], allow_cleanup: false,
        });
        expect(b.id).toBe(b.crn);
        expect(b.crn).toBe(`crn:v1:qgate:public:quantum-computing:us-east:a/${t.accountId}:${b.guid}::`);
        expect(b.url).toBe(`/v2/resource_instances/${b.guid}`);
        expect(b.plan_history).toEqual([{ resource_plan_id: 'standard', start_date: b.created_at, requestor_id: b.created_by }]);
        qr[name] = b;
      }
    });

    it('lists with paging through start and a relative next_url', async () => {
      const seen: string[] = [];
      let next: string | null = '/v2/resource_instances?limit=1';
      let pages = 0;
      while (next && pages < 10) {
        const page: any = await t.request('GET', next, { token: admin });
        expect(page.status).toBe(200);
        expect(page.body.rows_count).toBe(page.body.resources.length);
        seen.push(...page.body.resources.map((r: any) => r.name));
        next = page.body.next_url;
        if (next) expect(next).toMatch(/^\/v2\/resource_instances\?.*start=/);
        pages++;
      }
      expect(seen).toEqual(['QR-ml', 'QR-finance', 'QR-common']);
      const all = await t.request('GET', '/v2/resource_instances', { token: admin });
      expect(all.body).toMatchObject({ rows_count: 3, next_url: null });
      expect((await t.request('GET', '/v2/resource_instances?name=QR-ml', { token: admin })).body.resources.map((r: any) => r.guid)).toEqual([qr['QR-ml'].guid]);
      expect((await t.request('GET', `/v2/resource_instances?guid=${qr['QR-common'].guid}`, { token: admin })).body.rows_count).toBe(1);
      expect((await t.request('GET', `/v2/resource_instances?resource_group_id=${defaultGroup}&resource_plan_id=standard&type=service_instance&resource_id=quantum-computing`, { token: admin })).body.rows_count).toBe(3);
      expect((await t.request('GET', '/v2/resource_instances?resource_plan_id=open', { token: admin })).body.rows_count).toBe(0);
      const badStart = await t.request('GET', '/v2/resource_instances?start=nonsense', { token: admin });
      expect(badStart.status).toBe(400);
      expect(badStart.body.error_code).toBe('RC-invalid_query');
    });

    it('gets by GUID and by URL-encoded CRN', async () => {
      const byGuid = await t.request('GET', `/v2/resource_instances/${qr['QR-ml'].guid}`, { token: admin });
      expect(byGuid.status).toBe(200);
      expect(byGuid.body).toEqual(qr['QR-ml']);
      const byCrn = await t.request('GET', `/v2/resource_instances/${encodeURIComponent(qr['QR-ml'].crn)}`, { token: admin });
      expect(byCrn.status).toBe(200);
      expect(byCrn.body.guid).toBe(qr['QR-ml'].guid);
      const missing = await t.request('GET', '/v2/resource_instances/00000000-0000-0000-0000-000000000000', { token: admin });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error_code: 'RC-resource_instance_not_found', message: expect.stringContaining('not found'), status_code: 404 });
    });

    it('updates name, parameters, plan and allow_cleanup', async () => {
      const res = await t.request('PATCH', `/v2/resource_instances/${qr['QR-common'].guid}`, { token: admin, body: { name: 'QR-common', parameters: { tier: 2 }, resource_plan_id: 'open', allow_cleanup: true } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ resource_plan_id: 'open', parameters: { tier: 2 }, allow_cleanup: true, last_operation: { type: 'update', state: 'succeeded' } });
      expect(res.body.plan_history.map((h: any) => h.resource_plan_id)).toEqual(['standard', 'open']);
      expect((await t.request('GET', `/v2/resource_instances/${qr['QR-common'].guid}`, { token: admin })).body.resource_plan_id).toBe('open');
      const badPlan = await t.request('PATCH', `/v2/resource_instances/${qr['QR-common'].guid}`, { token: admin, body: { resource_plan_id: 'gold' } });
      expect(badPlan.status).toBe(400);
      expect(badPlan.body.message).toContain("'resource_plan_id'");
    });

    it('locks: update and delete are refused with 422 until unlocked', async () => {
      const id = qr['QR-finance'].guid;
      const locked = await t.request('POST', `/v2/resource_instances/${id}/lock`, { token: admin });
      expect(locked.status).toBe(200);
      expect(locked.body).toMatchObject({ locked: true, last_operation: { type: 'lock' } });
      const upd = await t.request('PATCH', `/v2/resource_instances/${id}`, { token: admin, body: { name: 'renamed' } });
      expect(upd.status).toBe(422);
      expect(upd.body.error_code).toBe('RC-resource_instance_locked');
      expect((await t.request('DELETE', `/v2/resource_instances/${id}`, { token: admin })).status).toBe(422);
      const unlocked = await t.request('DELETE', `/v2/resource_instances/${id}/lock`, { token: admin });
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.locked).toBe(false);
      expect((await t.request('PATCH', `/v2/resource_instances/${id}`, { token: admin, body: { name: 'QR-finance' } })).status).toBe(200);
    });

    it('deletes: 204, then 410, the row kept with state removed and hidden from lists', async () => {
      const made = await create({ name: 'QR-temp' });
      const id = made.body.guid;
      expect((await t.request('DELETE', `/v2/resource_instances/${id}?recursive=true`, { token: admin })).status).toBe(204);
      const again = await t.request('DELETE', `/v2/resource_instances/${id}`, { token: admin });
      expect(again.status).toBe(410);
      expect(again.body.error_code).toBe('RC-resource_instance_gone');
      const got = await t.request('GET', `/v2/resource_instances/${encodeURIComponent(made.body.crn)}`, { token: admin });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ state: 'removed', last_operation: { type: 'delete' }, deleted_by: made.body.created_by });
      expect(got.body.deleted_at).toBeTruthy();
      expect((await t.request('PATCH', `/v2/resource_instances/${id}`, { token: admin, body: { name: 'zombie' } })).status).toBe(410);
      expect((await t.request('GET', '/v2/resource_instances', { token: admin })).body.resources.map((r: any) => r.name)).not.toContain('QR-temp');
      expect((await t.request('GET', '/v2/resource_instances?state=removed', { token: admin })).body.resources.map((r: any) => r.name)).toContain('QR-temp');
    });

    it('refuses bad input with 400 naming the field', async () => {
      const other = await t.request('POST', '/v2/resource_groups', { token: admin, body: { name: 'elsewhere' } });
      const otherAccount = await t.qgate.database.db.transaction().execute((trx) =>
        createAccountWithOwner(trx, { name: 'other', ownerEmail: 'owner@other-res.example', ownerPasswordHash: hashPlaceholder, ownerApiKey: OTHER_KEY, now: new Date() }),
      );
      const otherToken = await t.tokenFor(OTHER_KEY);
      const foreignGroup = (await t.request('GET', '/v2/resource_groups', { token: otherToken })).body.resources[0].id;
      expect(foreignGroup).toBeTruthy();
      void otherAccount;
      const cases: [Record<string, unknown>, string][] = [
        [{ name: 'x', resource_plan_id: 'gold' }, 'resource_plan_id'],
        [{ name: 'x', resource_group: 'f'.repeat(32) }, 'resource_group'],
        [{ name: 'x', resource_group: foreignGroup }, 'resource_group'],
        [{ name: 'bad/name' }, 'name'],
        [{ name: 'n'.repeat(181) }, 'name'],
        [{ name: 'x', target: 'mars-1' }, 'target'],
        [{ name: 'x', target: 'eu-de', resource_plan_id: 'open' }, 'target'],
        [{ name: 'x', surprise: true }, 'surprise'],
      ];
      for (const [body, field] of cases) {
        const res = await create(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.message, JSON.stringify(body)).toContain(`'${field}'`);
      }
      const missing = await t.request('POST', '/v2/resource_instances', { token: admin, body: { name: 'x', target: 'us-east', resource_plan_id: 'open' } });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toContain("'resource_group'");
      expect((await create({ name: 'in eu', target: 'eu-de', resource_group: other.body.id })).status).toBe(201);
      // The other account sees nothing of this one.
      expect((await t.request('GET', '/v2/resource_instances', { token: otherToken })).body.rows_count).toBe(0);
      expect((await t.request('GET', `/v2/resource_instances/${qr['QR-ml'].guid}`, { token: otherToken })).status).toBe(404);
      expect((await t.request('GET', `/v2/resource_instances?account_id=${t.accountId}`, { token: otherToken })).status).toBe(403);
    });
  });

  describe('access', () => {
    let member: { iamId: string; token: string };
    let editor: { iamId: string; token: string };

    beforeAll(async () => {
      member = await t.addUser('viewer@res.example');
      editor = await t.addUser('editor@res.example');
    });

    it('a member without policies sees no instance and cannot create one', async () => {
      const list = await t.request('GET', '/v2/resource_instances', { token: member.token });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ rows_count: 0, next_url: null, resources: [] });
      expect((await t.request('GET', `/v2/resource_instances/${qr['QR-ml'].guid}`, { token: member.token })).status).toBe(404);
      expect((await t.request('DELETE', `/v2/resource_instances/${qr['QR-ml'].guid}`, { token: member.token })).status).toBe(404);
      expect((await create({ name: 'mine' }, member.token)).status).toBe(403);
      expect((await t.request('GET', '/v2/resource_groups', { token: member.token })).body.resources).toEqual([]);
    });

    it('Viewer on QR-ml sees only QR-ml, and may not change it', async () => {
      const p = await policy(member.iamId, VIEWER, [['serviceName', 'quantum-computing'], ['serviceInstance', qr['QR-ml'].guid]]);
      expect(p.status).toBe(201);
      const list = await t.request('GET', '/v2/resource_instances', { token: member.token });
      expect(list.body.resources.map((r: any) => r.name)).toEqual(['QR-ml']);
      expect((await t.request('GET', `/v2/resource_instances/${encodeURIComponent(qr['QR-ml'].crn)}`, { token: member.token })).status).toBe(200);
      expect((await t.request('GET', `/v2/resource_instances/${qr['QR-finance'].guid}`, { token: member.token })).status).toBe(404);
      const upd = await t.request('PATCH', `/v2/resource_instances/${qr['QR-ml'].guid}`, { token: member.token, body: { name: 'mine now' } });
      expect(upd.status).toBe(403);
      expect(upd.body.error_code).toBe('RC-insufficient_permissions');
      expect((await t.request('POST', `/v2/resource_instances/${qr['QR-ml'].guid}/lock`, { token: member.token })).status).toBe(403);
    });

    it('Editor on a resource group creates and manages instances in it, and only there', async () => {
      const group = await t.request('POST', '/v2/resource_groups', { token: admin, body: { name: 'project-x' } });
      const p = await policy(editor.iamId, EDITOR, [['serviceName', 'quantum-computing'], ['resourceGroupId', group.body.id]]);
      expect(p.status).toBe(201);
      const made = await create({ name: 'QR-x', resource_group: group.body.id }, editor.token);
      expect(made.status).toBe(201);
      expect(made.body.created_by).toBe(editor.iamId);
      expect((await create({ name: 'QR-y' }, editor.token)).status).toBe(403);
      expect((await t.request('GET', '/v2/resource_instances', { token: editor.token })).body.resources.map((r: any) => r.name)).toEqual(['QR-x']);
      expect((await t.request('POST', `/v2/resource_instances/${made.body.guid}/lock`, { token: editor.token })).status).toBe(200);
      expect((await t.request('DELETE', `/v2/resource_instances/${made.body.guid}/lock`, { token: editor.token })).status).toBe(200);
      expect((await t.request('DELETE', `/v2/resource_instances/${made.body.guid}`, { token: editor.token })).status).toBe(204);
    });

    it('records every change in the audit trail', async () => {
      await t.qgate.services.audit.flush();
      const events = await t.request('GET', `/v1/audit/events?target=${qr['QR-finance'].guid}&limit=100`, { token: admin });
      expect(events.status).toBe(200);
      const actions = events.body.events.map((e: any) => e.action);
      for (const a of ['resource-controller.instance.create', 'resource-controller.instance.lock', 'resource-controller.instance.unlock', 'resource-controller.instance.update']) expect(actions).toContain(a);
    });

    it('offers the runtime a lookup by CRN or GUID and the plan limits', async () => {
      const svc = t.qgate.services.resources;
      const byCrn = await svc.findInstanceByCrnOrGuid(qr['QR-ml'].crn);
      expect(byCrn).toMatchObject({ guid: qr['QR-ml'].guid, account_id: t.accountId, resource_plan_id: 'standard', state: 'active', locked: false });
      expect(await svc.findInstanceByCrnOrGuid(qr['QR-ml'].guid)).toEqual(byCrn);
      expect(await svc.findInstanceByCrnOrGuid('crn:v1:qgate:public:quantum-computing:us-east:a/x:y::')).toBeUndefined();
      expect(svc.planOf('open')?.limits.monthly_usage_seconds).toBe(600);
      expect(svc.planOf('gold')).toBeUndefined();
    });
  });

  describe("IBM's Node SDK", () => {
    it('creates, reads by CRN, lists, locks and deletes instances, and lists resource groups', async () => {
      const authenticator = new IamAuthenticator({ apikey: ADMIN_APIKEY, url: t.url });
      const controller = new ResourceControllerV2({ authenticator, serviceUrl: t.url });
      const manager = new ResourceManagerV2({ authenticator, serviceUrl: t.url });
      const groups = await manager.listResourceGroups({ accountId: t.accountId, _default: true });
      expect(groups.status).toBe(200);
      const group = groups.result.resources![0]!;
      expect(group.default).toBe(true);
      const created = await controller.createResourceInstance({ name: 'QR-sdk', target: 'us-east', resourceGroup: group.id!, resourcePlanId: 'open' });
      expect(created.status).toBe(201);
      expect(created.result).toMatchObject({ name: 'QR-sdk', state: 'active', locked: false, last_operation: { type: 'create', async: false, state: 'succeeded' } });
      expect(created.result.id).toBe(created.result.crn);
      const got = await controller.getResourceInstance({ id: created.result.crn! });
      expect(got.result.guid).toBe(created.result.guid);
      const listed = await controller.listResourceInstances({ name: 'QR-sdk' });
      expect(listed.result.resources!.map((r) => r.guid)).toEqual([created.result.guid]);
      const locked = await controller.lockResourceInstance({ id: created.result.guid! });
      expect(locked.result.locked).toBe(true);
      let refused: any;
      try {
        await controller.deleteResourceInstance({ id: created.result.guid! });
      } catch (err) {
        refused = err;
      }
      expect(refused?.status).toBe(422);
      expect(refused.message).toContain('locked');
      await controller.unlockResourceInstance({ id: created.result.guid! });
      expect((await controller.deleteResourceInstance({ id: created.result.crn!, recursive: true })).status).toBe(204);
      expect((await controller.getResourceInstance({ id: created.result.guid! })).result.state).toBe('removed');
    });
  });
});
