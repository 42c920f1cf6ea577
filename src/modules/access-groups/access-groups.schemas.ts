/**
 * Wire shapes of IBM's IAM Access Groups v2.
 */
import { Type, type Static } from 'typebox';

const Str = (max: number, extra: object = {}) => Type.String({ maxLength: max, ...extra });
const Href = Type.Object({ href: Type.String() });

export const Group = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  account_id: Type.String(),
  created_at: Type.String(),
  created_by_id: Type.String(),
  last_modified_at: Type.String(),
  last_modified_by_id: Type.String(),
  href: Type.String(),
  is_federated: Type.Boolean(),
  crn: Type.Optional(Type.String()),
});
export type GroupView = Static<typeof Group>;

export const GroupsList = Type.Object({
  limit: Type.Integer(),
  offset: Type.Integer(),
  total_count: Type.Integer(),
  first: Type.Optional(Href),
  previous: Type.Optional(Href),
  next: Type.Optional(Href),
  last: Type.Optional(Href),
  groups: Type.Array(Group),
});

export const CreateGroupBody = Type.Object(
  { name: Str(100, { minLength: 1 }), description: Type.Optional(Str(250)) },
  { additionalProperties: false },
);
export const UpdateGroupBody = Type.Object(
  { name: Type.Optional(Str(100, { minLength: 1 })), description: Type.Optional(Str(250)) },
  { additionalProperties: false },
);

export const AccountQuery = Type.Object({ account_id: Type.Optional(Str(64)) });

export const ListGroupsQuery = Type.Object({
  account_id: Type.Optional(Str(64)),
  iam_id: Type.Optional(Str(200)),
  membership_type: Type.Optional(Type.Enum(['static', 'dynamic', 'all'])),
  search: Type.Optional(Str(200)),
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  sort: Type.Optional(Type.Enum(['id', 'name', 'description', 'is_federated', '-id', '-name', '-description', '-is_federated'])),
  show_federated: Type.Optional(Type.Boolean()),
  hide_public_access: Type.Optional(Type.Boolean()),
  show_crn: Type.Optional(Type.Boolean()),
});

export const GroupParams = Type.Object({ access_group_id: Str(200) });
export const MemberParams = Type.Object({ access_group_id: Str(200), iam_id: Str(200) });
export const RuleParams = Type.Object({ access_group_id: Str(200), rule_id: Str(200) });
export const IamIdParams = Type.Object({ iam_id: Str(200) });

export const MemberType = Type.Enum(['user', 'service', 'profile']);

export const AddMembersBody = Type.Object(
  { members: Type.Array(Type.Object({ iam_id: Str(200, { minLength: 1 }), type: MemberType }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

const ItemError = Type.Object({ code: Type.String(), message: Type.String() });

export const AddMembersResponse = Type.Object({
  members: Type.Array(
    Type.Object({
      iam_id: Type.String(),
      type: Type.String(),
      created_at: Type.Optional(Type.String()),
      created_by_id: Type.Optional(Type.String()),
      status_code: Type.Integer(),
      trace: Type.Optional(Type.String()),
      errors: Type.Optional(Type.Array(ItemError)),
    }),
  ),
});

export const Member = Type.Object({
  iam_id: Type.String(),
  type: Type.String(),
  membership_type: Type.String(),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  href: Type.String(),
  created_at: Type.String(),
  created_by_id: Type.String(),
});

export const MembersList = Type.Object({
  limit: Type.Integer(),
  offset: Type.Integer(),
  total_count: Type.Integer(),
  first: Type.Optional(Href),
  previous: Type.Optional(Href),
  next: Type.Optional(Href),
  last: Type.Optional(Href),
  members: Type.Array(Member),
});

export const ListMembersQuery = Type.Object({
  membership_type: Type.Optional(Type.Enum(['static', 'dynamic', 'all'])),
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  type: Type.Optional(MemberType),
  verbose: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Enum(['iam_id', 'created_at', 'name', 'email', 'type'])),
});

export const RemoveMembersBody = Type.Object(
  { members: Type.Array(Str(200, { minLength: 1 }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

export const RemoveMembersResponse = Type.Object({
  access_group_id: Type.String(),
  members: Type.Array(Type.Object({ iam_id: Type.String(), trace: Type.String(), status_code: Type.Integer(), errors: Type.Optional(Type.Array(ItemError)) })),
});

export const AllGroupsResponse = Type.Object({
  iam_id: Type.String(),
  groups: Type.Array(Type.Object({ access_group_id: Type.String(), status_code: Type.Integer(), trace: Type.Optional(Type.String()), errors: Type.Optional(Type.Array(ItemError)) })),
});

export const AddToAllBody = Type.Object(
  { type: MemberType, groups: Type.Array(Str(200, { minLength: 1 }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

export const RuleCondition = Type.Object(
  {
    claim: Str(200, { minLength: 1 }),
    operator: Type.Enum(['EQUALS', 'EQUALS_IGNORE_CASE', 'IN', 'NOT_EQUALS', 'NOT_EQUALS_IGNORE_CASE', 'CONTAINS']),
    value: Str(1000),
  },
  { additionalProperties: false },
);

export const RuleBody = Type.Object(
  {
    name: Type.Optional(Str(100)),
    expiration: Type.Integer({ minimum: 1, maximum: 24 }),
    realm_name: Str(500, { minLength: 1 }),
    conditions: Type.Array(RuleCondition, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type RuleInput = Static<typeof RuleBody>;

export const Rule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  expiration: Type.Integer(),
  realm_name: Type.String(),
  access_group_id: Type.String(),
  account_id: Type.String(),
  conditions: Type.Array(Type.Object({ claim: Type.String(), operator: Type.String(), value: Type.String() })),
  created_at: Type.String(),
  created_by_id: Type.String(),
  last_modified_at: Type.String(),
  last_modified_by_id: Type.String(),
});

export const Settings = Type.Object({
  account_id: Type.String(),
  last_modified_at: Type.String(),
  last_modified_by_id: Type.String(),
  public_access_enabled: Type.Boolean(),
});
