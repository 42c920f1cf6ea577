/**
 * Wire shapes of IBM Policy Management (v1 and v2 policies, roles). Policy bodies are checked in depth by
 * the decision engine's validator, whose messages name the field (`roles[1].role_id: …`).
 */
import { Type } from 'typebox';

const Str = (max: number, extra: object = {}) => Type.String({ maxLength: max, ...extra });
const Href = Type.Object({ href: Type.String() });
const PageLink = Type.Object({ href: Type.String(), start: Type.String() });

export const PolicyV1Body = Type.Object(
  {
    type: Type.Enum(['access', 'authorization']),
    subjects: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 1 }),
    roles: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 20 }),
    resources: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 1 }),
    description: Type.Optional(Str(300)),
  },
  { additionalProperties: false },
);

export const PolicyV2Body = Type.Object(
  {
    type: Type.Enum(['access', 'authorization']),
    subject: Type.Unknown(),
    control: Type.Unknown(),
    resource: Type.Unknown(),
    pattern: Type.Optional(Str(200)),
    rule: Type.Optional(Type.Unknown()),
    description: Type.Optional(Str(300)),
  },
  { additionalProperties: false },
);

const Meta = {
  id: Type.String(),
  type: Type.String(),
  description: Type.String(),
  href: Type.String(),
  created_at: Type.String(),
  created_by_id: Type.String(),
  last_modified_at: Type.String(),
  last_modified_by_id: Type.String(),
  state: Type.String(),
};

export const PolicyV1 = Type.Object({
  ...Meta,
  subjects: Type.Unknown(),
  roles: Type.Array(Type.Object({ role_id: Type.String(), display_name: Type.String(), description: Type.String() })),
  resources: Type.Unknown(),
});

export const PolicyV2 = Type.Object({
  ...Meta,
  subject: Type.Unknown(),
  control: Type.Unknown(),
  resource: Type.Unknown(),
  pattern: Type.Optional(Type.String()),
  rule: Type.Optional(Type.Unknown()),
});

export const PolicyListV1 = Type.Object({ limit: Type.Integer(), first: Href, next: Type.Optional(PageLink), policies: Type.Array(PolicyV1) });
export const PolicyListV2 = Type.Object({ limit: Type.Integer(), first: Href, next: Type.Optional(PageLink), policies: Type.Array(PolicyV2) });

export const ListPoliciesQuery = Type.Object({
  account_id: Str(64, { minLength: 1 }),
  iam_id: Type.Optional(Str(200)),
  access_group_id: Type.Optional(Str(200)),
  type: Type.Optional(Type.Enum(['access', 'authorization'])),
  service_type: Type.Optional(Type.Enum(['service', 'platform_service'])),
  service_name: Type.Optional(Str(200)),
  service_group_id: Type.Optional(Str(200)),
  tag_name: Type.Optional(Str(200)),
  tag_value: Type.Optional(Str(200)),
  sort: Type.Optional(Str(100)),
  format: Type.Optional(Type.Enum(['include_last_permit', 'display'])),
  state: Type.Optional(Type.Enum(['active', 'deleted'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  start: Type.Optional(Str(500)),
});

export const PolicyParams = Type.Object({ policy_id: Str(200) });
export const StateBody = Type.Object({ state: Type.Enum(['active']) }, { additionalProperties: false });

export const Role = Type.Object({ display_name: Type.String(), description: Type.String(), actions: Type.Array(Type.String()), crn: Type.String() });
export const CustomRole = Type.Object({
  id: Type.String(),
  name: Type.String(),
  display_name: Type.String(),
  description: Type.String(),
  actions: Type.Array(Type.String()),
  crn: Type.String(),
  account_id: Type.String(),
  service_name: Type.String(),
  created_at: Type.String(),
  created_by_id: Type.String(),
  last_modified_at: Type.String(),
  last_modified_by_id: Type.String(),
  href: Type.String(),
});
export const RoleCollection = Type.Object({ custom_roles: Type.Array(CustomRole), service_roles: Type.Array(Role), system_roles: Type.Array(Role) });

export const ListRolesQuery = Type.Object({
  account_id: Type.Optional(Str(64)),
  service_name: Type.Optional(Str(200)),
  source_service_name: Type.Optional(Str(200)),
  policy_type: Type.Optional(Str(50)),
  service_group_id: Type.Optional(Str(200)),
});

export const CreateRoleBody = Type.Object(
  {
    name: Str(30, { minLength: 1 }),
    display_name: Str(50, { minLength: 1 }),
    account_id: Str(64, { minLength: 1 }),
    service_name: Str(200, { minLength: 1 }),
    actions: Type.Array(Str(200), { minItems: 1, maxItems: 500 }),
    description: Type.Optional(Str(250)),
  },
  { additionalProperties: false },
);

export const UpdateRoleBody = Type.Object(
  {
    display_name: Str(50, { minLength: 1 }),
    actions: Type.Array(Str(200), { minItems: 1, maxItems: 500 }),
    description: Type.Optional(Str(250)),
  },
  { additionalProperties: false },
);

export const RoleParams = Type.Object({ role_id: Str(500) });
