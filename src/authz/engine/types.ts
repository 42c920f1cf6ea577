/**
 * Shapes shared by the decision engine: policies as IBM's APIs carry them, the normalised form the
 * engine works on, and the questions and answers of a decision.
 */

/** IBM's built-in group every identity of an account belongs to (while Public Access is enabled). */
export const PUBLIC_ACCESS_GROUP_ID = 'AccessGroupId-PublicAccess';

export const RESOURCE_ATTRIBUTE_NAMES = [
  'accountId',
  'serviceName',
  'serviceType',
  'service_group_id',
  'serviceInstance',
  'resourceGroupId',
  'resourceType',
  'resource',
  'region',
] as const;
export type ResourceAttributeName = (typeof RESOURCE_ATTRIBUTE_NAMES)[number];

export const RESOURCE_OPERATORS = ['stringEquals', 'stringMatch', 'stringExists', 'stringEqualsAnyOf', 'stringMatchAnyOf'] as const;
export type ResourceOperator = (typeof RESOURCE_OPERATORS)[number];

/** One resource attribute of a policy, v1 (`name`) and v2 (`key`) alike. */
export interface ResourceCondition {
  readonly name: ResourceAttributeName;
  readonly operator: ResourceOperator;
  /** A string; `true`/`false` for `stringExists`; a list for the `…AnyOf` operators. */
  readonly value: string | boolean | readonly string[];
}

/** A v2 condition on the time of the request. */
export interface RuleCondition {
  readonly key: string;
  readonly operator: string;
  readonly value: string | readonly string[];
}

/** `and`/`or` over conditions; nested at most two levels deep. */
export interface RuleGroup {
  readonly operator: 'and' | 'or';
  readonly conditions: readonly (RuleCondition | RuleGroup)[];
}

export type PolicyRule = RuleCondition | RuleGroup;

/** A policy in the engine's normalised form (from v1 or v2 JSON). */
export interface PolicySpec {
  /** Absent in a create request; required by the index. */
  readonly id: string | undefined;
  readonly version: 'v1' | 'v2';
  readonly subject: { readonly kind: 'iam_id' | 'access_group_id'; readonly value: string };
  /** Canonical role CRNs, each once, in the policy's order. */
  readonly roles: readonly string[];
  readonly resource: readonly ResourceCondition[];
  readonly rule: PolicyRule | undefined;
  readonly pattern: string | undefined;
}

/** An IBM v1 access policy, as `POST /v1/policies` takes it and the store keeps it. */
export interface PolicyV1 {
  readonly id?: string;
  readonly type: 'access';
  readonly subjects: readonly { readonly attributes: readonly { readonly name: string; readonly value: string }[] }[];
  readonly roles: readonly { readonly role_id: string }[];
  readonly resources: readonly { readonly attributes: readonly { readonly name: string; readonly value: string; readonly operator?: string }[] }[];
  readonly description?: string;
}

/** An IBM v2 access policy. */
export interface PolicyV2 {
  readonly id?: string;
  readonly type: 'access';
  readonly subject: { readonly attributes: readonly { readonly key: string; readonly operator: string; readonly value: string }[] };
  readonly control: { readonly grant: { readonly roles: readonly { readonly role_id: string }[] } };
  readonly resource: { readonly attributes: readonly { readonly key: string; readonly operator: string; readonly value: string | boolean | readonly string[] }[] };
  readonly pattern?: string;
  readonly rule?: PolicyRule;
  readonly description?: string;
}

/** What a request acts on: IBM's resource attributes. `serviceName` is the service the action is asked of. */
export interface ResourceRef {
  readonly accountId: string;
  readonly serviceName: string;
  readonly serviceInstance?: string | undefined;
  readonly resourceGroupId?: string | undefined;
  readonly resourceType?: string | undefined;
  readonly resource?: string | undefined;
  readonly region?: string | undefined;
}

export interface SubjectRef {
  readonly iamId: string;
  readonly accountId: string;
}

export interface DecisionRequest {
  readonly subject: SubjectRef;
  readonly action: string;
  readonly resource: ResourceRef;
  /** The time conditions are evaluated at; the engine never reads the clock itself. */
  readonly now: Date;
}

/** A policy that grants the action, with the role that does and the group it came through. */
export interface MatchedGrant {
  readonly policy_id: string;
  readonly role_id: string;
  readonly access_group_id?: string;
}

export interface Decision {
  readonly permitted: boolean;
  readonly reason: string;
  readonly matched: readonly MatchedGrant[];
}

/** How one policy that applies to the subject fared for a request. */
export interface PolicyExplanation {
  readonly policy_id: string;
  /** How the policy reaches the subject. */
  readonly via: 'iam_id' | 'access_group' | 'public_access';
  readonly access_group_id?: string;
  readonly roles: readonly string[];
  readonly grants: boolean;
  /** The role that grants the action (when `grants`). */
  readonly role_id?: string;
  /** Why it does not grant, every reason that applies (empty when it grants). */
  readonly reasons: readonly string[];
}

export interface Explanation extends Decision {
  /** Every policy that applies to the subject (directly, through a group, or through Public Access). */
  readonly policies: readonly PolicyExplanation[];
}

/** A validation failure: `message` starts with `field`, ready for a 400 answer. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A custom role as the index needs it. */
export interface CustomRoleInput {
  readonly crn: string;
  readonly accountId: string;
  readonly serviceName: string;
  readonly actions: readonly string[];
}

export interface MembershipInput {
  readonly accountId: string;
  readonly groupId: string;
  readonly iamId: string;
}
