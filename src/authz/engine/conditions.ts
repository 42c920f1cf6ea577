/**
 * Time-based conditions of v2 policies (`rule`): validation with field-naming messages, compilation
 * to a small tree of numbers, evaluation without allocation, and a readable reason when unmet.
 *
 * Days and times carry their own UTC offset (`1+05:30`, `09:00:00-04:00`): a condition is evaluated
 * on the wall clock of that offset, not the server's.
 */
import type { FieldError, PolicyRule, RuleCondition, RuleGroup } from './types.js';

export const RULE_KEYS = {
  dateTime: '{{environment.attributes.current_date_time}}',
  dayOfWeek: '{{environment.attributes.day_of_week}}',
  time: '{{environment.attributes.current_time}}',
} as const;

const OPERATORS_BY_KEY: Readonly<Record<string, readonly string[]>> = {
  [RULE_KEYS.dateTime]: ['dateTimeGreaterThanOrEquals', 'dateTimeLessThanOrEquals'],
  [RULE_KEYS.dayOfWeek]: ['dayOfWeekAnyOf'],
  [RULE_KEYS.time]: ['timeGreaterThanOrEquals', 'timeLessThanOrEquals'],
};

/** IBM's limits: at most 10 conditions, nested at most 2 levels. */
export const MAX_RULE_CONDITIONS = 10;
export const MAX_RULE_DEPTH = 2;

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const OFFSET = '(Z|[+-](?:0\\d|1[0-4]):[0-5]\\d)';
const DATE_TIME_RE = new RegExp(`^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?${OFFSET}$`);
const TIME_RE = new RegExp(`^([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d))?${OFFSET}$`);
const DAY_RE = new RegExp(`^([1-7])${OFFSET}$`);

function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  return sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6)));
}

/** Epoch milliseconds of an ISO 8601 date-time with a UTC offset, or undefined. */
export function parseDateTime(value: string): number | undefined {
  if (!DATE_TIME_RE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** `1+00:00` (Monday at UTC) → day 1–7 (ISO, Monday first) and the offset in minutes. */
export function parseDayOfWeek(value: string): { readonly day: number; readonly offset: number } | undefined {
  const m = DAY_RE.exec(value);
  return m ? { day: Number(m[1]), offset: offsetMinutes(m[2]!) } : undefined;
}

/** `09:00:00+00:00` → seconds since midnight and the offset in minutes. */
export function parseTimeOfDay(value: string): { readonly seconds: number; readonly offset: number } | undefined {
  const m = TIME_RE.exec(value);
  return m ? { seconds: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0), offset: offsetMinutes(m[4]!) } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Validation

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a v2 `rule` and returns it normalised, or records errors naming the field
 * (`rule.conditions[0].operator: must be one of …`).
 */
export function validateRule(rule: unknown, field: string, errors: FieldError[]): PolicyRule | undefined {
  const fail = (f: string, message: string) => {
    errors.push({ field: f, message: `${f}: ${message}` });
    return undefined;
  };
  let leaves = 0;
  const visit = (node: unknown, path: string, depth: number): PolicyRule | undefined => {
    if (!isObject(node)) return fail(path, 'must be an object');
    if ('conditions' in node || node.operator === 'and' || node.operator === 'or') {
      if (depth >= MAX_RULE_DEPTH) return fail(path, `conditions nest at most ${MAX_RULE_DEPTH} levels deep`);
      if (node.operator !== 'and' && node.operator !== 'or') return fail(`${path}.operator`, 'must be one of and, or');
      if (!Array.isArray(node.conditions) || node.conditions.length === 0) return fail(`${path}.conditions`, 'must be a non-empty array');
      const children: PolicyRule[] = [];
      node.conditions.forEach((child: unknown, i: number) => {
        const parsed = visit(child, `${path}.conditions[${i}]`, depth + 1);
        if (parsed) children.push(parsed);
      });
      return children.length === node.conditions.length ? { operator: node.operator, conditions: children } : undefined;
    }
    leaves += 1;
    const { key, operator, value } = node;
    const operators = typeof key === 'string' ? OPERATORS_BY_KEY[key] : undefined;
    if (!operators) return fail(`${path}.key`, `must be one of ${Object.keys(OPERATORS_BY_KEY).join(', ')}`);
    if (typeof operator !== 'string' || !operators.includes(operator)) return fail(`${path}.operator`, `must be one of ${operators.join(', ')}`);
    if (key === RULE_KEYS.dateTime) {
      if (typeof value !== 'string' || parseDateTime(value) === undefined) return fail(`${path}.value`, 'must be an ISO 8601 date-time with a UTC offset, e.g. 2025-01-31T09:00:00+00:00');
      return { key, operator, value };
    }
    if (key === RULE_KEYS.time) {
      if (typeof value !== 'string' || parseTimeOfDay(value) === undefined) return fail(`${path}.value`, 'must be a time of day with a UTC offset, e.g. 09:00:00+00:00');
      return { key, operator, value };
    }
    if (!Array.isArray(value) || value.length === 0 || value.length > 7 || !value.every((d) => typeof d === 'string' && parseDayOfWeek(d) !== undefined)) {
      return fail(`${path}.value`, 'must be a list of 1 to 7 days, each 1 (Monday) to 7 (Sunday) with a UTC offset, e.g. ["1+00:00", "2+00:00"]');
    }
    return { key: key as string, operator, value: [...(value as string[])] };
  };
  const before = errors.length;
  const result = visit(rule, field, 0);
  if (leaves > MAX_RULE_CONDITIONS) return fail(field, `holds ${leaves} conditions; at most ${MAX_RULE_CONDITIONS} are allowed`);
  return errors.length === before ? result : undefined;
}

// ---------------------------------------------------------------------------------------------
// Compilation and evaluation

const AND = 0;
const OR = 1;
const DATE_TIME_GE = 2;
const DATE_TIME_LE = 3;
const DAY_OF_WEEK = 4;
const TIME_GE = 5;
const TIME_LE = 6;

/** A compiled rule: one node class for every kind, so evaluation stays monomorphic. */
export class RuleNode {
  constructor(
    readonly kind: number,
    readonly children: readonly RuleNode[] | null,
    /** Epoch ms (date-time) or seconds since midnight (time of day). */
    readonly at: number,
    /** UTC offset in minutes (time of day). */
    readonly offset: number,
    /** Day-of-week conditions: ISO days and their offsets, side by side. */
    readonly days: Int32Array | null,
    readonly offsets: Int32Array | null,
    /** The condition's value as written, for explanations. */
    readonly text: string,
  ) {}
}

const isGroup = (rule: PolicyRule): rule is RuleGroup => 'conditions' in rule;

/** Compiles a validated rule. */
export function compileRule(rule: PolicyRule): RuleNode {
  if (isGroup(rule)) return new RuleNode(rule.operator === 'and' ? AND : OR, rule.conditions.map(compileRule), 0, 0, null, null, '');
  const leaf = rule as RuleCondition;
  switch (leaf.operator) {
    case 'dateTimeGreaterThanOrEquals':
    case 'dateTimeLessThanOrEquals': {
      const text = leaf.value as string;
      return new RuleNode(leaf.operator === 'dateTimeGreaterThanOrEquals' ? DATE_TIME_GE : DATE_TIME_LE, null, parseDateTime(text) ?? Number.NaN, 0, null, null, text);
    }
    case 'timeGreaterThanOrEquals':
    case 'timeLessThanOrEquals': {
      const text = leaf.value as string;
      const t = parseTimeOfDay(text);
      return new RuleNode(leaf.operator === 'timeGreaterThanOrEquals' ? TIME_GE : TIME_LE, null, t?.seconds ?? Number.NaN, t?.offset ?? 0, null, null, text);
    }
    default: {
      const parsed = (leaf.value as readonly string[]).map(parseDayOfWeek).filter((d) => d !== undefined);
      return new RuleNode(DAY_OF_WEEK, null, 0, 0, Int32Array.from(parsed, (d) => d.day), Int32Array.from(parsed, (d) => d.offset), (leaf.value as readonly string[]).join(', '));
    }
  }
}

/** ISO day of week (1 = Monday) at a UTC offset. 1970-01-01 was a Thursday (4). */
function dayOfWeekAt(nowMs: number, offsetMinutes: number): number {
  const day = Math.floor((nowMs + offsetMinutes * MINUTE_MS) / DAY_MS);
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Whole seconds since midnight at a UTC offset. */
function secondsOfDayAt(nowMs: number, offsetMinutes: number): number {
  const local = (nowMs + offsetMinutes * MINUTE_MS) % DAY_MS;
  return Math.floor((local < 0 ? local + DAY_MS : local) / 1000);
}

/** Whether a compiled rule holds at `nowMs`. An invalid `now` (NaN) holds nothing. */
export function ruleHolds(node: RuleNode, nowMs: number): boolean {
  switch (node.kind) {
    case AND: {
      const c = node.children!;
      for (let i = 0; i < c.length; i++) if (!ruleHolds(c[i]!, nowMs)) return false;
      return true;
    }
    case OR: {
      const c = node.children!;
      for (let i = 0; i < c.length; i++) if (ruleHolds(c[i]!, nowMs)) return true;
      return false;
    }
    case DATE_TIME_GE:
      return nowMs >= node.at;
    case DATE_TIME_LE:
      return nowMs <= node.at;
    case DAY_OF_WEEK: {
      const days = node.days!;
      const offsets = node.offsets!;
      for (let i = 0; i < days.length; i++) if (dayOfWeekAt(nowMs, offsets[i]!) === days[i]) return true;
      return false;
    }
    case TIME_GE:
      return secondsOfDayAt(nowMs, node.offset) >= node.at;
    case TIME_LE:
      return secondsOfDayAt(nowMs, node.offset) <= node.at;
    default:
      return false;
  }
}

/** Why a rule does not hold at `nowMs` ("outside 09:00:00+00:00–17:00:00+00:00"), or undefined when it holds. */
export function explainRule(node: RuleNode, nowMs: number): string | undefined {
  if (ruleHolds(node, nowMs)) return undefined;
  switch (node.kind) {
    case AND: {
      const c = node.children!;
      const from = c.find((n) => n.kind === TIME_GE);
      const to = c.find((n) => n.kind === TIME_LE);
      // The weekly "custom hours" pattern: say which window was missed rather than which bound.
      if (from && to && (!ruleHolds(from, nowMs) || !ruleHolds(to, nowMs))) return `outside ${from.text}–${to.text}`;
      return c.map((n) => explainRule(n, nowMs)).find((r) => r !== undefined);
    }
    case OR:
      return `none of: ${node.children!.map((n) => explainRule(n, nowMs)).join('; ')}`;
    case DATE_TIME_GE:
      return `access starts at ${node.text}`;
    case DATE_TIME_LE:
      return `access ended at ${node.text}`;
    case DAY_OF_WEEK: {
      const offsets = node.offsets!;
      const offset = offsets.length > 0 ? offsets[0]! : 0;
      const today = DAY_NAMES[dayOfWeekAt(nowMs, offset) - 1];
      const allowed = [...node.days!].map((d) => DAY_NAMES[d - 1]).join(', ');
      return `${today} is not one of ${allowed} (${node.text})`;
    }
    case TIME_GE:
      return `before ${node.text}`;
    case TIME_LE:
      return `after ${node.text}`;
    default:
      return 'unknown condition';
  }
}
