/**
 * Wire shapes of IBM's Resource Controller v2 (instances), Resource Manager v2 (resource groups)
 * and qgate's catalog.
 */
import { Type, type Static } from 'typebox';

const Str = (max: number, extra: object = {}) => Type.String({ maxLength: max, ...extra });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

// --- catalog ---

export const PlanLimits = Type.Object({
  backends: Type.Array(Type.String()),
  max_qubits: Type.Integer(),
  monthly_usage_seconds: Type.Union([Type.Integer(), Type.Null()]),
  max_sessions: Type.Integer(),
  max_job_cost_seconds: Type.Integer(),
});

export const Plan = Type.Object({
  id: Type.String(),
  name: Type.String(),
  display_name: Type.String(),
  description: Type.String(),
  pricing_type: Type.String(),
  regions: Type.Array(Type.String()),
  limits: PlanLimits,
});

export const CatalogService = Type.Object({
  id: Type.String(),
  name: Type.String(),
  display_name: Type.String(),
  description: Type.String(),
  regions: Type.Array(Type.String()),
  plans: Type.Array(Plan),
});

export const CatalogList = Type.Object({ resources: Type.Array(CatalogService) });
export const CatalogQuery = Type.Object({ account_id: Type.Optional(Str(64)) });
export const PlanParams = Type.Object({ service: Str(100), plan_id: Str(100) });

// --- resource groups ---

export const ResourceGroup = Type.Object({
  id: Type.String(),
  crn: Type.String(),
  account_id: Type.String(),
  name: Type.String(),
  state: Type.String(),
  default: Type.Boolean(),
  resource_linkages: Type.Array(Type.Unknown()),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type ResourceGroupView = Static<typeof ResourceGroup>;

export const ResourceGroupList = Type.Object({ resources: Type.Array(ResourceGroup) });
export const ListGroupsQuery = Type.Object({
  account_id: Type.Optional(Str(64)),
  date: Type.Optional(Str(32)),
  name: Type.Optional(Str(200)),
  default: Type.Optional(Type.Boolean()),
  include_deleted: Type.Optional(Type.Boolean()),
});
export const CreateGroupBody = Type.Object({ name: Str(200), account_id: Type.Optional(Str(64)) }, { additionalProperties: false });
export const CreateGroupResponse = Type.Object({ id: Type.String(), crn: Type.String() });
export const UpdateGroupBody = Type.Object({ name: Type.Optional(Str(200)), state: Type.Optional(Type.Enum(['ACTIVE', 'SUSPENDED'])) }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Str(300, { minLength: 1 }) });

// --- resource instances ---

const LastOperation = Type.Object({
  type: Type.String(),
  state: Type.String(),
  async: Type.Boolean(),
  description: Type.String(),
  cancelable: Type.Boolean(),
  poll: Type.Boolean(),
  updated_at: Type.String(),
});
export type LastOperationView = Static<typeof LastOperation>;

const PlanHistoryItem = Type.Object({ resource_plan_id: Type.String(), start_date: Type.String(), requestor_id: Type.String() });
export type PlanHistoryView = Static<typeof PlanHistoryItem>;

export const ResourceInstance = Type.Object({
  id: Type.String(),
  guid: Type.String(),
  url: Type.String(),
  crn: Type.String(),
  name: Type.String(),
  account_id: Type.String(),
  region_id: Type.String(),
  resource_id: Type.String(),
  resource_plan_id: Type.String(),
  resource_group_id: Type.String(),
  resource_group_crn: Type.String(),
  target_crn: Type.String(),
  reseller_channel_id: Type.String(),
  type: Type.String(),
  state: Type.String(),
  locked: Type.Boolean(),
  allow_cleanup: Type.Boolean(),
  onetime_credentials: Type.Boolean(),
  migrated: Type.Boolean(),
  controlled_by: Type.String(),
  parameters: Type.Record(Type.String(), Type.Unknown()),
  tags: Type.Array(Type.String()),
  last_operation: LastOperation,
  plan_history: Type.Array(PlanHistoryItem),
  created_at: Type.String(),
  created_by: Type.String(),
  updated_at: Type.String(),
  updated_by: Type.String(),
  deleted_at: Nullable(Type.String()),
  deleted_by: Type.String(),
  scheduled_reclaim_at: Nullable(Type.String()),
  scheduled_reclaim_by: Type.String(),
  restored_at: Nullable(Type.String()),
  restored_by: Type.String(),
});
export type ResourceInstanceView = Static<typeof ResourceInstance>;

export const InstanceList = Type.Object({
  rows_count: Type.Integer(),
  next_url: Nullable(Type.String()),
  resources: Type.Array(ResourceInstance),
});

export const ListInstancesQuery = Type.Object({
  account_id: Type.Optional(Str(64)),
  guid: Type.Optional(Str(100)),
  name: Type.Optional(Str(200)),
  resource_group_id: Type.Optional(Str(100)),
  resource_id: Type.Optional(Str(100)),
  resource_plan_id: Type.Optional(Str(100)),
  type: Type.Optional(Str(100)),
  sub_type: Type.Optional(Str(100)),
  state: Type.Optional(Type.Enum(['active', 'provisioning', 'inactive', 'failed', 'pending_reclamation', 'pre_provisioning', 'removed'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  start: Type.Optional(Str(500)),
  updated_from: Type.Optional(Str(40)),
  updated_to: Type.Optional(Str(40)),
});
export type ListInstancesQueryInput = Static<typeof ListInstancesQuery>;

export const CreateInstanceBody = Type.Object(
  {
    name: Str(500),
    target: Str(300),
    resource_group: Str(100),
    resource_plan_id: Str(100),
    tags: Type.Optional(Type.Array(Str(128), { maxItems: 100 })),
    allow_cleanup: Type.Optional(Type.Boolean()),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export type CreateInstanceInput = Static<typeof CreateInstanceBody>;

export const UpdateInstanceBody = Type.Object(
  {
    name: Type.Optional(Str(500)),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    resource_plan_id: Type.Optional(Str(100)),
    allow_cleanup: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateInstanceInput = Static<typeof UpdateInstanceBody>;

export const DeleteInstanceQuery = Type.Object({ recursive: Type.Optional(Type.Boolean()) });
