/**
 * Dynamic rules: which access groups a federated person belongs to, from the claims of the ID token
 * they signed in with. A rule matches when all its conditions hold; a group takes the person in when
 * any of its rules matches, for the longest `expiration` (hours) among the matching rules.
 *
 * @remarks A condition's `value` is a string, read as JSON when it parses (IBM writes `"\"ml\""` and
 * `IN` lists as `["ml","finance"]`) and as plain text otherwise (`ml`). A claim is a string, a
 * number, a boolean or an array of them; a claim the token does not carry satisfies no condition,
 * not even a NOT_EQUALS one. `CONTAINS` looks for an element of an array claim, or a word of a
 * string claim (split on spaces and commas): `project="ml finance"` contains `ml` and `finance`,
 * while `project="html"` does not contain `ml`.
 */

export interface RuleCondition {
  readonly claim: string;
  readonly operator: string;
  readonly value: string;
}

/** The claim named `name`, looked up as a top-level claim first and then as a dotted path. */
function claimOf(claims: Record<string, unknown>, name: string): unknown {
  // Own properties only: `constructor` or `__proto__` must not match anything inherited.
  if (Object.hasOwn(claims, name)) return claims[name];
  let current: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The condition's value as JSON when it parses, as text otherwise. */
function expected(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const scalar = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export function conditionHolds(claims: Record<string, unknown>, condition: RuleCondition): boolean {
  const claim = claimOf(claims, condition.claim);
  if (claim === undefined || claim === null) return false;
  const want = expected(condition.value);
  const values = (Array.isArray(claim) ? claim : [claim]).map(scalar).filter((v): v is string => v !== undefined);
  const single = Array.isArray(claim) ? undefined : scalar(claim);
  const target = scalar(want);
  switch (condition.operator) {
    case 'EQUALS':
      return single !== undefined && single === target;
    case 'EQUALS_IGNORE_CASE':
      return single !== undefined && target !== undefined && single.toLowerCase() === target.toLowerCase();
    case 'NOT_EQUALS':
      return single !== undefined && single !== target;
    case 'NOT_EQUALS_IGNORE_CASE':
      return single !== undefined && (target === undefined || single.toLowerCase() !== target.toLowerCase());
    case 'IN': {
      const list = Array.isArray(want) ? want.map(scalar) : [target];
      return values.some((v) => list.includes(v));
    }
    case 'CONTAINS': {
      if (target === undefined) return false;
      const words = Array.isArray(claim) ? values : (single ?? '').split(/[\s,]+/).filter(Boolean);
      return words.includes(target);
    }
    default:
      return false;
  }
}

export function ruleMatches(claims: Record<string, unknown>, conditions: readonly RuleCondition[]): boolean {
  return conditions.length > 0 && conditions.every((c) => conditionHolds(claims, c));
}
