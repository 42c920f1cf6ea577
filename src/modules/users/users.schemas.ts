/**
 * Wire shapes of IBM's User Management v2, plus qgate's invitation endpoints.
 */
import { Type, type Static } from 'typebox';

const Str = (max: number, extra: object = {}) => Type.String({ maxLength: max, ...extra });

export const UserProfile = Type.Object({
  id: Type.String(),
  iam_id: Type.String(),
  realm: Type.String(),
  user_id: Type.String(),
  firstname: Type.String(),
  lastname: Type.String(),
  state: Type.String(),
  email: Type.String(),
  phonenumber: Type.String(),
  altphonenumber: Type.String(),
  photo: Type.String(),
  account_id: Type.String(),
  added_on: Type.String(),
  invitedOn: Type.Optional(Type.String()),
  settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type UserProfileView = Static<typeof UserProfile>;

export const UserSettings = Type.Object({
  language: Type.String(),
  notification_language: Type.String(),
  allowed_ip_addresses: Type.String(),
  self_manage: Type.Boolean(),
});
export type UserSettingsView = Static<typeof UserSettings>;

export const UserSettingsPatch = Type.Object(
  {
    language: Type.Optional(Str(20)),
    notification_language: Type.Optional(Str(20)),
    allowed_ip_addresses: Type.Optional(Str(2000)),
    self_manage: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UserList = Type.Object({
  total_results: Type.Integer(),
  limit: Type.Integer(),
  first_url: Type.Optional(Type.String()),
  next_url: Type.Optional(Type.String()),
  resources: Type.Array(UserProfile),
});

export const ListUsersQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  _start: Type.Optional(Str(200)),
  search: Type.Optional(Str(500)),
  include_settings: Type.Optional(Type.Boolean()),
  user_id: Type.Optional(Str(320)),
});

const Attribute = Type.Object({ name: Str(100, { minLength: 1 }), value: Str(1000), operator: Type.Optional(Str(40)) }, { additionalProperties: false });

export const InvitePolicy = Type.Object(
  {
    type: Type.Enum(['access', 'authorization']),
    roles: Type.Array(Type.Object({ role_id: Str(300, { minLength: 1 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 20 }),
    resources: Type.Optional(Type.Array(Type.Object({ attributes: Type.Array(Attribute, { maxItems: 20 }) }, { additionalProperties: false }), { maxItems: 1 })),
  },
  { additionalProperties: false },
);

export const InviteBody = Type.Object(
  {
    users: Type.Array(
      Type.Object(
        {
          email: Str(254, { format: 'email', minLength: 3 }),
          account_role: Type.Optional(Type.Enum(['Member'])),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    iam_policy: Type.Optional(Type.Array(InvitePolicy, { maxItems: 20 })),
    access_groups: Type.Optional(Type.Array(Str(200, { minLength: 1 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type InviteInput = Static<typeof InviteBody>;

export const InviteResponse = Type.Object({
  resources: Type.Array(Type.Object({ email: Type.String(), id: Type.String(), state: Type.String() })),
});

export const UpdateUserBody = Type.Object(
  {
    firstname: Type.Optional(Str(100)),
    lastname: Type.Optional(Str(100)),
    state: Type.Optional(Type.Enum(['ACTIVE', 'DISABLED'])),
    email: Type.Optional(Str(254, { format: 'email' })),
    phonenumber: Type.Optional(Str(40)),
    altphonenumber: Type.Optional(Str(40)),
    photo: Type.Optional(Str(2000)),
  },
  { additionalProperties: false },
);
export type UpdateUserInput = Static<typeof UpdateUserBody>;

export const AccountUserParams = Type.Object({ account_id: Str(64), iam_id: Str(200) });
export const AccountParams = Type.Object({ account_id: Str(64) });

export const Invitation = Type.Object({
  id: Type.String(),
  iam_id: Type.String(),
  email: Type.String(),
  account_id: Type.String(),
  state: Type.String({ description: 'PENDING, ACCEPTED, REVOKED or EXPIRED' }),
  created_at: Type.String(),
  created_by: Type.String(),
  expires_at: Type.String(),
  last_sent_at: Type.String(),
  send_count: Type.Integer(),
  access_groups: Type.Array(Type.String()),
});
export type InvitationView = Static<typeof Invitation>;

export const InvitationPreview = Type.Object({
  email: Type.String(),
  account_id: Type.String(),
  account_name: Type.String(),
  expires_at: Type.String(),
});

export const AcceptBody = Type.Object(
  {
    password: Type.String({ maxLength: 1024 }),
    firstname: Type.Optional(Str(100)),
    lastname: Type.Optional(Str(100)),
  },
  { additionalProperties: false },
);

export const TokenParams = Type.Object({ token: Str(200) });
