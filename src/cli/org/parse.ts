/**
 * Reads an organization file: YAML (or JSON, which is YAML) checked against schemas/org.schema.json and then
 * for consistency (no name twice, references that resolve within the file). Every problem is reported with its
 * line and column, and a file with any problem is refused as a whole.
 */
import fs from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { policyTarget, type DocPath, type OrgFile } from './model.js';

export interface FileProblem {
  line: number;
  column: number;
  message: string;
}

export class OrgFileError extends Error {
  override readonly name = 'OrgFileError';
  constructor(readonly file: string, readonly problems: FileProblem[]) {
    super(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  }
}

let schemaCache: object | undefined;
/** The JSON Schema of the format (the file in schemas/, at the same place relative to src/ and dist/). */
export function orgSchema(): object {
  schemaCache ??= JSON.parse(fs.readFileSync(new URL('../../../schemas/org.schema.json', import.meta.url), 'utf8')) as object;
  return schemaCache;
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(orgSchema());
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

function pathOf(pointer: string): DocPath {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Where a path of the document starts (or its key, with `key`), as a 1-based line and column. */
function locate(doc: Document, counter: LineCounter, path: DocPath, key?: string): { line: number; column: number } {
  let node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  // Walk up to the nearest node that exists (a missing key points at its parent).
  let p = path;
  while (!(node && typeof node === 'object' && 'range' in node && Array.isArray((node as { range?: unknown }).range)) && p.length > 0) {
    p = p.slice(0, -1);
    node = p.length === 0 ? doc.contents : doc.getIn(p, true);
  }
  const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0] ?? 0;
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** What a pattern means, by where it is in the schema: people should not have to read regular expressions. */
const PATTERN_HINTS: [schemaPath: string, hint: string][] = [
  ['/definitions/email/', 'must be an email address, such as fatima@example.com'],
  ['/definitions/resourceGroupName/', 'must be 1 to 40 letters, digits, spaces, - or _'],
  ['/definitions/name/', 'must not start or end with a space'],
  ['/roles/items/properties/name/', 'must start with a capital letter, then letters and digits (at most 30 in all)'],
  ['/roles/items/properties/actions/', 'must be an action such as quantum-computing.job.delete'],
];

function describe(e: ErrorObject): { message: string; key?: string } {
  const at = e.instancePath === '' ? 'the file' : `'${e.instancePath.slice(1).replace(/\//g, '.')}'`;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      return { message: `unknown key '${key}' in ${at}`, key };
    }
    case 'required':
      return { message: `${at} needs '${(e.params as { missingProperty: string }).missingProperty}'` };
    case 'const':
      return { message: `${at} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` };
    case 'pattern':
      return { message: `${at} ${PATTERN_HINTS.find(([where]) => e.schemaPath.includes(where))?.[1] ?? e.message ?? 'has the wrong form'}` };
    default:
      return { message: `${at} ${e.message ?? 'is not valid'}` };
  }
}

/** Checks the parts the schema cannot: names used twice, members and policies that name what is not declared. */
function consistency(file: OrgFile): { path: DocPath; message: string }[] {
  const out: { path: DocPath; message: string }[] = [];
  const unique = <T>(section: keyof OrgFile, rows: T[] | undefined, key: (r: T) => string, what: string) => {
    const seen = new Map<string, number>();
    rows?.forEach((r, i) => {
      const k = key(r).toLowerCase();
      const first = seen.get(k);
      if (first !== undefined) out.push({ path: [section, i], message: `${what} '${key(r)}' is declared twice (also at ${section}[${first}])` });
      else seen.set(k, i);
    });
  };
  unique('resourceGroups', file.resourceGroups, (r) => r.name, 'resource group');
  unique('instances', file.instances, (r) => r.name, 'instance');
  unique('roles', file.roles, (r) => r.name, 'role');
  unique('serviceIds', file.serviceIds, (r) => r.name, 'service ID');
  unique('accessGroups', file.accessGroups, (r) => r.name, 'access group');
  unique('users', file.users, (r) => r.email, 'user');
  file.accessGroups?.forEach((g, gi) => {
    const dupes = (list: string[] | undefined, key: 'members' | 'serviceIds') => {
      const seen = new Set<string>();
      list?.forEach((m, mi) => {
        if (seen.has(m.toLowerCase())) out.push({ path: ['accessGroups', gi, key, mi], message: `'${m}' is listed twice in access group '${g.name}'` });
        seen.add(m.toLowerCase());
      });
    };
    dupes(g.members, 'members');
    dupes(g.serviceIds, 'serviceIds');
    const targets = new Map<string, number>();
    g.policies?.forEach((p, pi) => {
      const t = policyTarget(p);
      const first = targets.get(t);
      if (first !== undefined) out.push({ path: ['accessGroups', gi, 'policies', pi], message: `access group '${g.name}' has two policies on ${t} (also policies[${first}]); list all their roles in one` });
      else targets.set(t, pi);
      if (p.instance !== undefined && p.service !== undefined && p.service !== 'quantum-computing') {
        out.push({ path: ['accessGroups', gi, 'policies', pi, 'service'], message: `an instance is of service quantum-computing, not '${p.service}'` });
      }
    });
  });
  return out;
}

/** A checked file, and where its parts are (for problems found later, against the account). */
export interface LocatedOrgFile {
  file: OrgFile;
  locate(path: DocPath): { line: number; column: number };
}

/** Parses and checks an organization file's text; throws {@link OrgFileError} listing every problem. */
export function parseOrgFile(text: string, fileName: string): OrgFile {
  return readOrgFile(text, fileName).file;
}

/** {@link parseOrgFile}, keeping the document so that later problems can name a line and column. */
export function readOrgFile(text: string, fileName: string): LocatedOrgFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new OrgFileError(fileName, doc.errors.map((e) => {
      const pos = counter.linePos(e.pos[0]);
      return { line: pos.line, column: pos.col, message: e.message.split('\n')[0] ?? e.message };
    }));
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) throw new OrgFileError(fileName, [{ line: 1, column: 1, message: 'the file is empty; it needs at least `version: 1`' }]);
  const errors = validate(value);
  if (errors.length > 0) {
    // ajv reports a failed `items` both for the item and, sometimes, its parent: keep the most specific ones.
    const problems = errors.map((e) => {
      const d = describe(e);
      return { ...locate(doc, counter, pathOf(e.instancePath), d.key), message: d.message };
    });
    const unique = problems.filter((p, i) => problems.findIndex((q) => q.message === p.message && q.line === p.line) === i);
    throw new OrgFileError(fileName, unique.sort((a, b) => a.line - b.line || a.column - b.column));
  }
  const file = value as OrgFile;
  const inconsistent = consistency(file);
  if (inconsistent.length > 0) {
    throw new OrgFileError(fileName, inconsistent.map((c) => ({ ...locate(doc, counter, c.path), message: c.message })).sort((a, b) => a.line - b.line || a.column - b.column));
  }
  return { file, locate: (path) => locate(doc, counter, path) };
}
