/**
 * schemas/org.schema.json on its own, as an editor or CI job would use it (a fresh ajv, no qgate code): it accepts
 * the example and what `qgate export` writes, refuses what the parser refuses, and the parser agrees with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OrgFileError, parseOrgFile } from '#src/cli/org/parse.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/org.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowMatchingProperties: true, strictTuples: false }).compile(schema);
const example = fs.readFileSync(path.join(ROOT, 'examples/ml-finance.yaml'), 'utf8');

const parserAccepts = (text: string) => {
  try {
    parseOrgFile(text, 'f.yaml');
    return true;
  } catch (err) {
    if (err instanceof OrgFileError) return false;
    throw err;
  }
};

describe('schemas/org.schema.json', () => {
  it('validates examples/ml-finance.yaml', () => {
    expect(validate(parse(example)), JSON.stringify(validate.errors)).toBe(true);
    expect(parserAccepts(example)).toBe(true);
  });

  it('accepts what an export of a fresh server holds: the owner admin@localhost, long service ID names and descriptions', () => {
    const exported = {
      version: 1,
      resourceGroups: [{ name: 'Default' }],
      serviceIds: [{ name: 's'.repeat(200), description: 'd'.repeat(900) }],
      accessGroups: [{ name: 'admins', members: ['admin@localhost'], policies: [{ service: 'iam-groups', roles: ['Editor'] }] }],
      users: [{ email: 'admin@localhost' }],
    };
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
  });

  const bad: [string, string][] = [
    ['no version', 'instances: []\n'],
    ['another version', 'version: 2\n'],
    ['an unknown top-level key', 'version: 1\nprojects: []\n'],
    ['an instance without a location', 'version: 1\ninstances:\n  - {name: QR-x, plan: open}\n'],
    ['an unknown key in an access group', 'version: 1\naccessGroups:\n  - {name: ml, owner: me}\n'],
    ['a policy without roles', 'version: 1\naccessGroups:\n  - name: ml\n    policies:\n      - instance: QR-ml\n'],
    ['a custom role named in lower case', 'version: 1\nroles:\n  - {name: deleter, actions: [quantum-computing.job.delete]}\n'],
    ['a role without actions', 'version: 1\nroles:\n  - {name: Deleter, actions: []}\n'],
    ['a member that is no email', 'version: 1\naccessGroups:\n  - {name: ml, members: [fatima]}\n'],
    ['an access group name over 100 characters', `version: 1\naccessGroups:\n  - {name: ${'g'.repeat(101)}}\n`],
    ['a resource group name with a slash', 'version: 1\nresourceGroups:\n  - {name: a/b}\n'],
  ];
  it.each(bad)('refuses %s, as the parser does', (_what, text) => {
    expect(validate(parse(text))).toBe(false);
    expect(parserAccepts(text)).toBe(false);
  });
});
