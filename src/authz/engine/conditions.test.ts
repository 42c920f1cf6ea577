import { describe, expect, it } from 'vitest';
import { compileRule, explainRule, parseDayOfWeek, parseTimeOfDay, ruleHolds, RULE_KEYS } from './conditions.js';
import { normalizeRoleCrn, parseRoleCrn } from './role-crn.js';
import { compileGlob } from './resource-match.js';
import type { PolicyRule } from './types.js';

const at = (iso: string) => Date.parse(iso);
const holds = (rule: PolicyRule, iso: string) => ruleHolds(compileRule(rule), at(iso));

describe('time conditions', () => {
  it('compares date-times inclusively, whatever the offsets', () => {
    const from: PolicyRule = { key: RULE_KEYS.dateTime, operator: 'dateTimeGreaterThanOrEquals', value: '2025-03-01T09:00:00+05:30' };
    expect(holds(from, '2025-03-01T03:30:00Z')).toBe(true);
    expect(holds(from, '2025-03-01T03:29:59.999Z')).toBe(false);
    const until: PolicyRule = { key: RULE_KEYS.dateTime, operator: 'dateTimeLessThanOrEquals', value: '2025-03-01T00:00:00Z' };
    expect(holds(until, '2025-03-01T00:00:00Z')).toBe(true);
    expect(explainRule(compileRule(until), at('2025-03-02T00:00:00Z'))).toBe('access ended at 2025-03-01T00:00:00Z');
  });

  it('reads the day of week on the wall clock of each day\'s offset', () => {
    // Sunday 2025-03-02 22:00 UTC is Monday 03:30 in India.
    const mondayIndia: PolicyRule = { key: RULE_KEYS.dayOfWeek, operator: 'dayOfWeekAnyOf', value: ['1+05:30'] };
    expect(holds(mondayIndia, '2025-03-02T22:00:00Z')).toBe(true);
    expect(holds(mondayIndia, '2025-03-02T18:00:00Z')).toBe(false);
    const sundayNewYork: PolicyRule = { key: RULE_KEYS.dayOfWeek, operator: 'dayOfWeekAnyOf', value: ['7-04:00'] };
    expect(holds(sundayNewYork, '2025-03-03T03:00:00Z')).toBe(true);
    expect(parseDayOfWeek('0+00:00')).toBeUndefined();
  });

  it('reads times of day at their offset, across midnight', () => {
    const after22: PolicyRule = { key: RULE_KEYS.time, operator: 'timeGreaterThanOrEquals', value: '22:00:00-04:00' };
    expect(holds(after22, '2025-03-04T02:00:00Z')).toBe(true);
    expect(holds(after22, '2025-03-04T01:59:59Z')).toBe(false);
    expect(parseTimeOfDay('09:30+01:00')).toEqual({ seconds: 9 * 3600 + 30 * 60, offset: 60 });
    expect(parseTimeOfDay('24:00:00+00:00')).toBeUndefined();
  });

  it('combines with and/or, and explains the first unmet part', () => {
    const rule: PolicyRule = {
      operator: 'or',
      conditions: [
        { key: RULE_KEYS.dateTime, operator: 'dateTimeLessThanOrEquals', value: '2024-12-31T23:59:59Z' },
        { operator: 'and', conditions: [{ key: RULE_KEYS.dayOfWeek, operator: 'dayOfWeekAnyOf', value: ['6+00:00', '7+00:00'] }] },
      ],
    };
    expect(holds(rule, '2025-03-08T12:00:00Z')).toBe(true);
    expect(explainRule(compileRule(rule), at('2025-03-05T12:00:00Z'))).toBe('none of: access ended at 2024-12-31T23:59:59Z; Wednesday is not one of Saturday, Sunday (6+00:00, 7+00:00)');
  });

  it('holds nothing at an invalid time', () => {
    expect(ruleHolds(compileRule({ key: RULE_KEYS.time, operator: 'timeLessThanOrEquals', value: '23:59:59+00:00' }), Number.NaN)).toBe(false);
  });
});

describe('role CRNs', () => {
  it('accepts any cname and normalises to IBM\'s spelling', () => {
    expect(normalizeRoleCrn('crn:v1:qgate:public:iam::::role:Administrator')).toBe('crn:v1:bluemix:public:iam::::role:Administrator');
    expect(normalizeRoleCrn('crn:v1:staging:public:iam::::serviceRole:Manager')).toBe('crn:v1:bluemix:public:iam::::serviceRole:Manager');
    expect(normalizeRoleCrn('crn:v1:bluemix:public:iam-access-management::a/acct::customRole:JobDeleter')).toBe('crn:v1:ibmcloud:public:iam-access-management::a/acct::customRole:JobDeleter');
    expect(parseRoleCrn('crn:v1:bluemix:public:iam-identity::::serviceRole:ServiceIdCreator')).toMatchObject({ kind: 'service-specific', service: 'iam-identity' });
    expect(parseRoleCrn('crn:v1:bluemix:public:iam::::role:Wizard')).toMatchObject({ kind: 'system', known: false });
  });

  it.each(['Viewer', 'crn:v1:bluemix:public:iam:us-south:::role:Viewer', 'crn:v1:bluemix:private:iam::::role:Viewer', 'crn:v2:bluemix:public:iam::::role:Viewer', 'crn:v1:bluemix:public:iam::::role:'])('refuses %s', (crn) => {
    expect(parseRoleCrn(crn)).toBeUndefined();
  });
});

describe('stringMatch patterns', () => {
  it.each([
    ['inst-*', 'inst-ml-1', true],
    ['inst-?l-1', 'inst-ml-1', true],
    ['inst-?l-1', 'inst-mml-1', false],
    ['*', '', true],
    ['a.b', 'axb', false],
    ['(x)*[y]', '(x)zz[y]', true],
    ['ü?', 'üé', true],
  ])('%s against %s is %s', (pattern, text, expected) => {
    expect(compileGlob(pattern).test(text)).toBe(expected);
  });
});
