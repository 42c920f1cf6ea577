/**
 * Roles (`/v2/roles`): IBM's system and service roles per service, and an account's custom roles,
 * which bundle actions of one service (such as `quantum-computing.job.delete`).
 */
import crypto from 'node:crypto';
import { ACTIONS } from '#src/authz/actions.js';
import type { Authorizer } from '#src/authz/authorizer.js';
import { customRoleCrn, rolesForService, SERVICE_NAMES, validateCustomRole } from '#src/authz/engine/index.js';
import { rolesForServiceGroup, type ServiceRoles } from '#src/authz/engine/catalog/catalog.js';
import { TOPICS } from '#src/db/change-topics.js';
import { isUniqueViolation } from '#src/db/dialect.js';
import type { Transactor } from '#src/db/transactor.js';
import { assertThat } from '#src/errors/app-error.js';
import { appError } from '#src/errors/registry.js';
import type { RequestContext } from '#src/http/request-context.js';
import type { Clock } from '#src/platform/clock.js';
import { entityTag, ifMatchSatisfied } from '#src/platform/etag.js';
import type { AuditService } from '#src/modules/audit/audit.service.js';
import type { CustomRoleRow, PoliciesRepo } from './policies.repo.js';

export interface RolesServiceDeps {
  repo: PoliciesRepo;
  authorizer: Authorizer;
  transact: Transactor;
  audit: AuditService;
  clock: Clock;
  publicUrl: string;
  maxPerAccount: number;
}

const roleResource = (accountId: string) => ({ accountId, type: 'custom role', attributes: { serviceName: 'iam-access-management' } });

export function createRolesService(deps: RolesServiceDeps) {
  const view = (row: CustomRoleRow) => ({
    id: row.id, name: row.name, display_name: row.display_name, description: row.description, actions: JSON.parse(row.actions) as string[], crn: row.crn,
    account_id: row.account_id, service_name: row.service_name, created_at: row.created_at, created_by_id: row.created_by_id,
    last_modified_at: row.last_modified_at, last_modified_by_id: row.last_modified_by_id, href: `${deps.publicUrl}/v2/roles/${row.id}`,
  });

  const fieldErrors = (errors: readonly { field: string; message: string }[]) =>
    appError('invalid_body', errors.map((e) => e.message).join('; '), { fields: errors.map((e) => e.field) });

  const load = async (ctx: RequestContext, id: string, action: string) => {
    const row = await deps.repo.roles.findById(id);
    if (!row) throw appError('role_not_found', `role ${id} not found`);
    deps.authorizer.require(ctx, action, roleResource(row.account_id));
    return row;
  };

  return {
    view,

    /** System, service and custom roles; filtered to a service (or a service group such as IAM). */
    async list(ctx: RequestContext, q: { account_id?: string; service_name?: string; service_group_id?: string }) {
      const principal = ctx.principal!;
      const accountId = q.account_id ?? principal.accountId;
      assertThat(!(q.service_name && q.service_group_id), () => appError('invalid_query', "use either 'service_name' or 'service_group_id', not both"));
      let builtIn: ServiceRoles = { system_roles: [], service_roles: [] };
      if (q.service_name) {
        const roles = rolesForService(q.service_name);
        assertThat(roles, () => appError('invalid_query', `query parameter 'service_name': unknown service ${q.service_name}; known services: ${SERVICE_NAMES.join(', ')}`));
        builtIn = roles;
      } else if (q.service_group_id) {
        const roles = rolesForServiceGroup(q.service_group_id);
        assertThat(roles, () => appError('invalid_query', `query parameter 'service_group_id': unknown service group ${q.service_group_id}; known: IAM`));
        builtIn = roles;
      }
      // Every member may see the roles of their own account (they appear in policies they can read).
      const custom = q.account_id || q.service_name ? (accountId === principal.accountId ? await deps.repo.roles.list(accountId, q.service_name) : []) : [];
      if (q.account_id && accountId !== principal.accountId) deps.authorizer.require(ctx, ACTIONS.customRoleRead, roleResource(accountId));
      const copy = (list: ServiceRoles['system_roles']) => list.map((r) => ({ ...r, actions: [...r.actions] }));
      return { custom_roles: custom.map(view), service_roles: copy(builtIn.service_roles), system_roles: copy(builtIn.system_roles) };
    },

    async create(ctx: RequestContext, body: { name: string; display_name: string; account_id: string; service_name: string; actions: string[]; description?: string }) {
      deps.authorizer.require(ctx, ACTIONS.customRoleCreate, roleResource(body.account_id));
      const checked = validateCustomRole(body);
      if (!checked.ok) throw fieldErrors(checked.errors);
      const role = checked.value;
      const crn = customRoleCrn(body.account_id, role.name);
      const existing = await deps.repo.roles.findByCrn(crn);
      if (existing) {
        throw appError('role_conflict_error', `a custom role named ${role.name} already exists in this account`, { details: { conflicts_with: { etag: entityTag(existing.id, existing.version), role: view(existing) } } });
      }
      const hexId = Buffer.from(`customRole-${crypto.randomBytes(16).toString('hex')}-${role.name}`).toString('hex');
      const at = deps.clock.now().toISOString();
      const actor = ctx.principal?.iamId ?? '';
      const row: CustomRoleRow = {
        id: hexId, account_id: body.account_id, name: role.name, display_name: role.display_name, description: role.description ?? '', service_name: role.service_name,
        actions: JSON.stringify(role.actions), crn, version: 1, created_at: at, created_by_id: actor, last_modified_at: at, last_modified_by_id: actor,
      };
      await deps.transact(async (uow) => {
        await uow.serialize(`roles-in:${body.account_id}`);
        const count = await deps.repo.roles.countInAccount(body.account_id, uow.trx);
        assertThat(count < deps.maxPerAccount, () => appError('role_limit_reached', `the account already has ${count} custom roles, the most allowed (${deps.maxPerAccount})`));
        try {
          await deps.repo.roles.insert(uow.trx, row);
        } catch (err) {
          if (isUniqueViolation(err)) throw appError('role_conflict_error', `a custom role named ${role.name} already exists in this account`);
          throw err;
        }
        uow.changed(TOPICS.customRole, crn);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.customRoleCreate, target: { type: 'custom_role', id: row.id }, outcome: 'success', status: 201, details: { name: row.name, service_name: row.service_name, actions: role.actions } });
      });
      return { role: view(row), etag: entityTag(row.id, row.version) };
    },

    async get(ctx: RequestContext, id: string) {
      const row = await deps.repo.roles.findById(id);
      if (!row || row.account_id !== ctx.principal?.accountId) throw appError('role_not_found', `role ${id} not found`);
      return { role: view(row), etag: entityTag(row.id, row.version) };
    },

    async update(ctx: RequestContext, id: string, ifMatch: string | undefined, body: { display_name: string; actions: string[]; description?: string }) {
      assertThat(ifMatch, () => appError('precondition_required', "header 'If-Match' is required: send the role's ETag"));
      const row = await load(ctx, id, ACTIONS.customRoleUpdate);
      assertThat(ifMatchSatisfied(ifMatch, entityTag(row.id, row.version)), () => appError('role_conflict_error', `If-Match does not match the current ETag of role ${id}; read it again and retry`));
      const checked = validateCustomRole({ ...body, name: row.name, service_name: row.service_name });
      if (!checked.ok) throw fieldErrors(checked.errors);
      const values = {
        display_name: checked.value.display_name, description: body.description ?? row.description, actions: JSON.stringify(checked.value.actions),
        version: row.version + 1, last_modified_at: deps.clock.now().toISOString(), last_modified_by_id: ctx.principal?.iamId ?? '',
      };
      await deps.transact(async (uow) => {
        await deps.repo.roles.updateById(uow.trx, id, values);
        uow.changed(TOPICS.customRole, row.crn);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.customRoleUpdate, target: { type: 'custom_role', id }, outcome: 'success', status: 200, details: { actions: checked.value.actions } });
      });
      const updated = { ...row, ...values };
      return { role: view(updated), etag: entityTag(updated.id, updated.version) };
    },

    /** Deletes a custom role that no active policy grants. */
    async remove(ctx: RequestContext, id: string): Promise<void> {
      const row = await load(ctx, id, ACTIONS.customRoleDelete);
      const inUse = await deps.repo.countUsingRole(row.account_id, row.crn);
      assertThat(inUse === 0, () => appError('role_in_use', `custom role ${row.name} is granted by ${inUse} policies; delete or change them first`));
      await deps.transact(async (uow) => {
        await deps.repo.roles.deleteById(uow.trx, id);
        uow.changed(TOPICS.customRole, row.crn);
        await deps.audit.record(uow.trx, ctx, { action: ACTIONS.customRoleDelete, target: { type: 'custom_role', id }, outcome: 'success', status: 204, details: { name: row.name } });
      });
    },
  };
}

export type RolesService = ReturnType<typeof createRolesService>;
