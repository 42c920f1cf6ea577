import { describe, expect, it } from 'vitest';
import { conditionHolds, ruleMatches } from './dynamic-rules.js';

const claims = { project: 'ml finance', team: 'Quantum', groups: ['ml', 'ops'], level: 3, email_verified: true, org: { unit: 'research' } };
const holds = (claim: string, operator: string, value: string) => conditionHolds(claims, { claim, operator, value });

describe('dynamic rule conditions', () => {
  it('EQUALS and EQUALS_IGNORE_CASE compare single values, JSON-quoted or plain', () => {
    expect(holds('team', 'EQUALS', 'Quantum')).toBe(true);
    expect(holds('team', 'EQUALS', '"Quantum"')).toBe(true);
    expect(holds('team', 'EQUALS', 'quantum')).toBe(false);
    expect(holds('team', 'EQUALS_IGNORE_CASE', '"quantum"')).toBe(true);
    expect(holds('level', 'EQUALS', '3')).toBe(true);
    expect(holds('email_verified', 'EQUALS', 'true')).toBe(true);
    expect(holds('groups', 'EQUALS', 'ml')).toBe(false);
    expect(holds('org.unit', 'EQUALS', 'research')).toBe(true);
  });

  it('NOT_EQUALS needs the claim to be there', () => {
    expect(holds('team', 'NOT_EQUALS', 'Finance')).toBe(true);
    expect(holds('team', 'NOT_EQUALS', 'Quantum')).toBe(false);
    expect(holds('team', 'NOT_EQUALS_IGNORE_CASE', 'QUANTUM')).toBe(false);
    expect(holds('missing', 'NOT_EQUALS', 'x')).toBe(false);
  });

  it('IN takes a JSON list and matches a value or any element', () => {
    expect(holds('team', 'IN', '["Quantum","Finance"]')).toBe(true);
    expect(holds('groups', 'IN', '["ops"]')).toBe(true);
    expect(holds('groups', 'IN', '["finance"]')).toBe(false);
  });

  it('CONTAINS finds an element of a list or a word of a string, never a substring', () => {
    expect(holds('project', 'CONTAINS', 'ml')).toBe(true);
    expect(holds('project', 'CONTAINS', '"finance"')).toBe(true);
    expect(holds('groups', 'CONTAINS', 'ops')).toBe(true);
    expect(conditionHolds({ project: 'html' }, { claim: 'project', operator: 'CONTAINS', value: 'ml' })).toBe(false);
    expect(conditionHolds({ project: 'ml' }, { claim: 'project', operator: 'CONTAINS', value: 'ml' })).toBe(true);
  });

  it('a rule matches only when every condition holds', () => {
    expect(ruleMatches(claims, [{ claim: 'project', operator: 'CONTAINS', value: 'ml' }, { claim: 'team', operator: 'EQUALS', value: 'Quantum' }])).toBe(true);
    expect(ruleMatches(claims, [{ claim: 'project', operator: 'CONTAINS', value: 'ml' }, { claim: 'team', operator: 'EQUALS', value: 'Ops' }])).toBe(false);
    expect(ruleMatches(claims, [])).toBe(false);
  });
});
