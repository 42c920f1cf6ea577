/**
 * Wire shapes of IAM Identity v1 (API keys and service IDs), as IBM's SDK sends and reads them.
 */
import { Type, type Static } from 'typebox';

const Str = (max: number, extra: object = {}) => Type.String({ maxLength: max, ...extra });

export const HistoryItem = Type.Object({
  timestamp: Type.String(),
  iam_id: Type.String(),
  iam_id_account: Type.String(),
  action: Type.String(),
  params: Type.Array(Type.String()),
  message: Type.String(),
});

export const Activity = Type.Object({ last_authn: Type.Optional(Type.String()), authn_count: Type.Integer() });

export const ApiKey = Type.Object({
  id: Type.String(),
  entity_tag: Type.String(),
  crn: Type.String(),
  locked: Type.Boolean(),
  disabled: Type.Boolean(),
  leaked: Type.Boolean(),
  created_at: Type.String(),
  created_by: Type.String(),
  modified_at: Type.String(),
  name: Type.String(),
  description: Type.String(),
  support_sessions: Type.Boolean(),
  action_when_leaked: Type.String(),
  expires_at: Type.Optional(Type.String()),
  iam_id: Type.String(),
  account_id: Type.String(),
  apikey: Type.String({ description: 'The key value: only in the response that created it, empty afterwards' }),
  history: Type.Optional(Type.Array(HistoryItem)),
  activity: Type.Optional(Activity),
});
export type ApiKeyView = Static<typeof ApiKey>;

const Paging = {
  offset: Type.Optional(Type.Integer()),
  limit: Type.Optional(Type.Integer()),
  first: Type.Optional(Type.String()),
  previous: Type.Optional(Type.String()),
  next: Type.Optional(Type.String()),
};

export const ApiKeyList = Type.Object({ ...Paging, apikeys: Type.Array(ApiKey) });

const WhenLeaked = Type.Enum(['none', 'disable', 'delete']);

export const CreateApiKeyBody = Type.Object(
  {
    name: Str(255, { minLength: 1 }),
    iam_id: Str(200, { minLength: 1 }),
    description: Type.Optional(Str(1024)),
    account_id: Type.Optional(Str(64)),
    apikey: Type.Optional(Str(512)),
    store_value: Type.Optional(Type.Boolean()),
    support_sessions: Type.Optional(Type.Boolean()),
    action_when_leaked: Type.Optional(WhenLeaked),
    expires_at: Type.Optional(Str(40)),
  },
  { additionalProperties: false },
);

export const UpdateApiKeyBody = Type.Object(
  {
    name: Type.Optional(Str(255, { minLength: 1 })),
    description: Type.Optional(Str(1024)),
    support_sessions: Type.Optional(Type.Boolean()),
    action_when_leaked: Type.Optional(WhenLeaked),
    expires_at: Type.Optional(Str(40)),
  },
  { additionalProperties: false },
);

export const ListApiKeysQuery = Type.Object({
  account_id: Type.Optional(Str(64)),
  iam_id: Type.Optional(Str(200)),
  pagesize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  pagetoken: Type.Optional(Str(200)),
  scope: Type.Optional(Type.Enum(['entity', 'account'])),
  type: Type.Optional(Type.Enum(['user', 'serviceid'])),
  sort: Type.Optional(Type.Enum(['name', 'description', 'created_at', 'created_by'])),
  order: Type.Optional(Type.Enum(['asc', 'desc'])),
  include_history: Type.Optional(Type.Boolean()),
  filter: Type.Optional(Str(200)),
  group_id: Type.Optional(Str(200)),
});

export const IncludeQuery = Type.Object({
  include_history: Type.Optional(Type.Boolean()),
  include_activity: Type.Optional(Type.Boolean()),
});

export const ServiceId = Type.Object({
  id: Type.String(),
  iam_id: Type.String(),
  entity_tag: Type.String(),
  crn: Type.String(),
  locked: Type.Boolean(),
  created_at: Type.String(),
  modified_at: Type.String(),
  account_id: Type.String(),
  group_id: Type.Optional(Type.String()),
  name: Type.String(),
  description: Type.String(),
  unique_instance_crns: Type.Array(Type.String()),
  history: Type.Optional(Type.Array(HistoryItem)),
  activity: Type.Optional(Activity),
  apikey: Type.Optional(ApiKey),
});
export type ServiceIdView = Static<typeof ServiceId>;

export const ServiceIdList = Type.Object({ ...Paging, serviceids: Type.Array(ServiceId) });

export const CreateServiceIdBody = Type.Object(
  {
    account_id: Str(64, { minLength: 1 }),
    name: Str(255, { minLength: 1 }),
    description: Type.Optional(Str(1024)),
    group_id: Type.Optional(Str(200)),
    unique_instance_crns: Type.Optional(Type.Array(Str(512), { maxItems: 100 })),
    apikey: Type.Optional(
      Type.Object(
        {
          name: Str(255, { minLength: 1 }),
          description: Type.Optional(Str(1024)),
          apikey: Type.Optional(Str(512)),
          store_value: Type.Optional(Type.Boolean()),
          action_when_leaked: Type.Optional(WhenLeaked),
          expires_at: Type.Optional(Str(40)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const UpdateServiceIdBody = Type.Object(
  {
    name: Type.Optional(Str(255, { minLength: 1 })),
    description: Type.Optional(Str(1024)),
    unique_instance_crns: Type.Optional(Type.Array(Str(512), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const ListServiceIdsQuery = Type.Object({
  account_id: Type.Optional(Str(64)),
  group_id: Type.Optional(Str(200)),
  name: Type.Optional(Str(255)),
  pagesize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  pagetoken: Type.Optional(Str(200)),
  sort: Type.Optional(Type.Enum(['name', 'description', 'created_at', 'modified_at'])),
  order: Type.Optional(Type.Enum(['asc', 'desc'])),
  include_history: Type.Optional(Type.Boolean()),
  filter: Type.Optional(Str(200)),
  show_group_id: Type.Optional(Type.Boolean()),
});

export const IdParams = Type.Object({ id: Str(200) });
