/**
 * Organization as code against real servers: the seed scenario from examples/ml-finance.yaml in one apply;
 * --dry-run changing nothing; a second apply changing nothing and saying so; export → apply on another server →
 * export giving the same file; changes (~) made in place; --prune removing exactly what the file's sections do
 * not list; bad files refused with line and column before anything changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { availableStores } from '../helpers/stores.js';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { createCli, type Cli } from './cli-harness.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/ml-finance.yaml');

describe.each(await availableStores())('%s: qgate apply and export', (store) => {
  let t: TestServer;
  let cli: Cli;
  const write = (name: string, text: string) => fs.writeFileSync(path.join(cli.cwd, name), text);
  const exported = async (c: Cli = cli) => (await c.ok('export')).stdout;

  beforeAll(async () => {
    t = await startTestServer({ store });
    cli = createCli();
    await cli.ok(['login', '-a', t.url, '--apikey', ADMIN_APIKEY]);
  });
  afterAll(() => t.close());

  it('--dry-run shows the whole plan as a diff and changes nothing', async () => {
    const before = await exported();
    const res = await cli.ok(['apply', '-f', EXAMPLE, '--dry-run']);
    expect(res.stdout).toContain('+ instance QR-ml (standard, us-east, resource group Default)');
    expect(res.stdout).toContain('+ role JobDeleter');
    expect(res.stdout).toContain('+ user amyra@example.com (invited into ml, finance)');
    expect(res.stdout).toContain('+ policy of finance: Viewer, Writer, JobDeleter on service=quantum-computing instance=QR-common');
    expect(res.stdout).toContain('13 to create, 0 to change, 0 to delete.');
    expect(res.stdout).toContain('Dry run: nothing was changed.');
    expect(await exported()).toBe(before);
    const json = await cli.json(['apply', '-f', EXAMPLE, '--dry-run']);
    expect(json).toMatchObject({ applied: false, dry_run: true, counts: { create: 13, change: 0, delete: 0 }, problems: [] });
  });

  it('sets up the seed scenario in one apply: invited people get exactly their projects\' access', async () => {
    const res = await cli.ok(['apply', '-f', EXAMPLE]);
    expect(res.stdout).toContain('Applied: 13 created, 0 changed, 0 deleted.');
    const users = await cli.json('iam users');
    expect(users.filter((u: any) => u.state === 'PENDING').map((u: any) => u.email).sort()).toEqual(['amyra@example.com', 'fatima@example.com', 'ravi@example.com']);
    for (const name of ['fatima', 'ravi', 'amyra']) {
      const accepted = await t.request('POST', `/v2/invitations/${t.invitationToken(`${name}@example.com`)}/accept`, { body: { password: `violet harbor ${Math.random().toString(36).slice(2)} lantern` } });
      expect(accepted.status).toBe(200);
    }
    const may = async (who: string, instance: string) => (await cli.json(['iam', 'authz', `${who}@example.com`, 'quantum-computing.job.delete', '--instance', instance])).permitted;
    expect(await may('fatima', 'QR-ml')).toBe(true);
    expect(await may('fatima', 'QR-common')).toBe(true);
    expect(await may('fatima', 'QR-finance')).toBe(false);
    expect(await may('ravi', 'QR-finance')).toBe(true);
    expect(await may('ravi', 'QR-ml')).toBe(false);
    expect(await may('amyra', 'QR-ml')).toBe(true);
    expect(await may('amyra', 'QR-finance')).toBe(true);
  });

  it('a second apply changes nothing and says so', async () => {
    const before = await exported();
    const res = await cli.ok(['apply', '-f', EXAMPLE]);
    expect(res.stdout).toBe(`No changes: the account already matches ${EXAMPLE}.\n`);
    expect((await cli.json(['apply', '-f', EXAMPLE])).changes).toEqual([]);
    const piped = await cli.run(['apply', '-f', '-'], { stdin: fs.readFileSync(EXAMPLE, 'utf8') });
    expect(piped.stdout, piped.stderr).toBe('No changes: the account already matches -.\n');
    const pipedBad = await cli.run(['apply', '-f', '-'], { stdin: 'version: 1\nusers: [{email: nobody}]\n' });
    expect(pipedBad.stderr).toContain("<stdin>:2:17: 'users.0.email' must be an email address, such as fatima@example.com");
    expect(await exported()).toBe(before);
  });

  it('export → apply on an empty server → export gives the same file', async () => {
    await cli.ok('export -f exported.yaml');
    const file = parse(fs.readFileSync(path.join(cli.cwd, 'exported.yaml'), 'utf8'));
    expect(file.instances.map((i: any) => i.name)).toEqual(['QR-common', 'QR-finance', 'QR-ml']);
    expect(file.accessGroups.find((g: any) => g.name === 'ml').policies).toEqual([
      { instance: 'QR-common', roles: ['Viewer', 'Writer', 'JobDeleter'] },
      { instance: 'QR-ml', roles: ['Viewer', 'Writer', 'JobDeleter'] },
    ]);
    // The exported file applies cleanly to the account it came from…
    expect((await cli.ok('apply -f exported.yaml --prune')).stdout).toMatch(/^No changes/);
    // …and recreates it on another server.
    const other = await startTestServer({ store });
    try {
      const cli2 = createCli();
      await cli2.ok(['login', '-a', other.url, '--apikey', ADMIN_APIKEY]);
      const res = await cli2.ok(['apply', '-f', path.join(cli.cwd, 'exported.yaml')]);
      expect(res.stdout).toMatch(/Applied: 13 created/);
      expect(await exported(cli2)).toBe(await exported());
      expect((await cli2.ok(['apply', '-f', path.join(cli.cwd, 'exported.yaml')])).stdout).toMatch(/^No changes/);
    } finally {
      await other.close();
    }
  });

  it('changes roles, policies, plans and descriptions in place (~)', async () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8')
      .replace('      - quantum-computing.job.delete', '      - quantum-computing.job.delete\n      - quantum-computing.job.cancel')
      .replace('description: Finance project', 'description: Finance and risk')
      .replace('  - name: QR-finance\n    plan: standard', '  - name: QR-finance\n    plan: open')
      .replace('      - instance: QR-finance\n        roles: [Viewer, Writer, JobDeleter]', '      - instance: QR-finance\n        roles: [Viewer, Reader]');
    write('changed.yaml', text);
    const plan = await cli.ok('apply -f changed.yaml --dry-run');
    expect(plan.stdout).toContain('~ instance QR-finance: plan standard → open');
    expect(plan.stdout).toContain('~ role JobDeleter: actions quantum-computing.job.delete → quantum-computing.job.delete, quantum-computing.job.cancel');
    expect(plan.stdout).toContain("~ access group finance: description 'Finance project' → 'Finance and risk'");
    expect(plan.stdout).toContain('~ policy of finance on service=quantum-computing instance=QR-finance: roles Viewer, Writer, JobDeleter → Viewer, Reader');
    expect(plan.stdout).toContain('0 to create, 4 to change, 0 to delete.');
    await cli.ok('apply -f changed.yaml');
    expect((await cli.ok('apply -f changed.yaml')).stdout).toMatch(/^No changes/);
    expect((await cli.json(['iam', 'authz', 'ravi@example.com', 'quantum-computing.job.create', '--instance', 'QR-finance'])).permitted).toBe(false);
    expect((await cli.json('resource service-instance QR-finance')).resource_plan_id).toBe('open');
    await cli.ok(['apply', '-f', EXAMPLE]);
  });

  it('folds several policies of a group on one resource into the file\'s one: export stays applicable, apply merges them', async () => {
    await cli.ok('iam access-group-policy-create ml --instance QR-ml --roles Reader');
    const file = parse(await exported());
    expect(file.accessGroups.find((g: any) => g.name === 'ml').policies).toContainEqual({ instance: 'QR-ml', roles: ['Viewer', 'Writer', 'JobDeleter', 'Reader'] });
    write('folded.yaml', await exported());
    expect((await cli.ok('apply -f folded.yaml')).stdout).toMatch(/^No changes/);
    const plan = await cli.ok(['apply', '-f', EXAMPLE, '--dry-run']);
    expect(plan.stdout).toContain('~ policy of ml on service=quantum-computing instance=QR-ml: roles Viewer, Writer, JobDeleter, Reader → Viewer, Writer, JobDeleter');
    expect(plan.stdout).toMatch(/- policy \S+ of ml on service=quantum-computing instance=QR-ml \(its roles are now in the one policy above\)/);
    await cli.ok(['apply', '-f', EXAMPLE]);
    expect((await cli.ok(['apply', '-f', EXAMPLE])).stdout).toMatch(/^No changes/);
    expect(await cli.json('iam access-group-policies ml')).toHaveLength(2);
  });

  it('leaves alone what the file does not mention, and --prune removes exactly that', async () => {
    await cli.ok('iam access-group-create ops');
    await cli.ok('iam service-id-create robot');
    await cli.ok('resource service-instance-create QR-extra quantum-computing open us-east');
    await cli.ok('iam access-group-user-add ml ravi@example.com');
    // The file drops QR-common (with its policies), Ravi, and Amyra from ml; the signed-in owner is never pruned.
    const text = fs.readFileSync(EXAMPLE, 'utf8')
      .replace('  - name: QR-common\n    plan: standard\n    location: us-east\n', '')
      .replace(/      - instance: QR-common\n        roles: \[Viewer, Writer, JobDeleter\]\n/g, '')
      .replace('      - fatima@example.com\n      - amyra@example.com\n', '      - fatima@example.com\n')
      .replace('      - ravi@example.com\n      - amyra@example.com\n', '      - amyra@example.com\n')
      .replace('  - email: ravi@example.com\n', '');
    write('smaller.yaml', text);
    const gentle = await cli.ok('apply -f smaller.yaml');
    expect(gentle.stdout).toMatch(/^No changes/);
    expect(gentle.stdout).toMatch(/(\d+) things in the account are not in the file and left alone \(--prune would delete them\)/);
    const before = await exported();
    const plan = await cli.ok('apply -f smaller.yaml --prune --dry-run');
    const lines = plan.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(lines.sort()).toEqual([
      '  - access group ops',
      '  - instance QR-common',
      '  - instance QR-extra',
      '  - member amyra@example.com from access group ml',
      '  - policy of finance: Viewer, Writer, JobDeleter on service=quantum-computing instance=QR-common',
      '  - policy of ml: Viewer, Writer, JobDeleter on service=quantum-computing instance=QR-common',
      '  - user ravi@example.com',
    ].sort());
    expect(await exported()).toBe(before);
    await cli.ok('apply -f smaller.yaml --prune --yes');
    const after = parse(await exported());
    expect(after.instances.map((i: any) => i.name)).toEqual(['QR-finance', 'QR-ml']);
    expect(after.accessGroups.map((g: any) => g.name)).toEqual(['finance', 'ml']);
    expect(after.accessGroups.find((g: any) => g.name === 'ml').members).toEqual(['fatima@example.com']);
    expect(after.users.map((u: any) => u.email)).toEqual(['admin@example.com', 'amyra@example.com', 'fatima@example.com']);
    // No serviceIds section in the file: service IDs are not touched even with --prune.
    expect(after.serviceIds.map((x: any) => x.name)).toEqual(['robot']);
    expect((await cli.ok('apply -f smaller.yaml --prune')).stdout).toMatch(/^No changes/);
  });

  it('refuses what the API cannot do (moving an instance) and names that do not resolve, changing nothing', async () => {
    const before = await exported();
    write('moved.yaml', 'version: 1\ninstances:\n  - name: QR-ml\n    plan: standard\n    location: eu-de\n');
    const moved = await cli.run('apply -f moved.yaml');
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/nothing was changed:\n  moved\.yaml:5:15: instance 'QR-ml' is in us-east; an instance cannot move to eu-de/);
    write('dangling.yaml', [
      'version: 1',
      'accessGroups:',
      '  - name: newgroup',
      '    members: [stranger@example.com]',
      '    serviceIds: [ghost]',
      '    policies:',
      '      - instance: QR-nowhere',
      '        roles: [Viewer]',
      '      - service: quantum-computing',
      '        roles: [Wizard]',
      '',
    ].join('\n'));
    const dangling = await cli.run('apply -f dangling.yaml');
    expect(dangling.code).toBe(1);
    expect(dangling.stderr).toContain('dangling.yaml:4:15: access group \'newgroup\' lists stranger@example.com, who is not in the account: add them under users');
    expect(dangling.stderr).toContain("dangling.yaml:5:18: access group 'newgroup' lists service ID 'ghost', which neither exists nor is declared");
    expect(dangling.stderr).toContain("dangling.yaml:7:19: a policy of access group 'newgroup' names instance 'QR-nowhere', which neither exists nor is declared");
    expect(dangling.stderr).toContain("dangling.yaml:10:17: role 'Wizard' of quantum-computing: no role 'Wizard' found");
    expect(await exported()).toBe(before);
  });

  it('refuses malformed files with the line and column of each problem', async () => {
    write('syntax.yaml', 'version: 1\ninstances:\n  - name: QR-x\n    plan: [open\n');
    const syntax = await cli.run('apply -f syntax.yaml');
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/syntax\.yaml:\d+:\d+: /);
    write('schema.yaml', [
      'version: 1',
      'instances:',
      '  - name: QR-x',
      '    plan: open',
      '    colour: blue',
      'roles:',
      '  - name: lowercase',
      '    actions: []',
      '',
    ].join('\n'));
    const schema = await cli.run('apply -f schema.yaml');
    expect(schema.code).toBe(2);
    expect(schema.stderr).toContain("schema.yaml:3:5: 'instances.0' needs 'location'");
    expect(schema.stderr).toContain("schema.yaml:5:5: unknown key 'colour' in 'instances.0'");
    expect(schema.stderr).toContain("schema.yaml:7:11: 'roles.0.name' must start with a capital letter, then letters and digits (at most 30 in all)");
    expect(schema.stderr).toMatch(/schema\.yaml:8:14: 'roles\.0\.actions' must NOT have fewer than 1 items/);
    write('twice.yaml', 'version: 1\ninstances:\n  - {name: QR-a, plan: open, location: us-east}\n  - {name: qr-A, plan: open, location: us-east}\n');
    const twice = await cli.run('apply -f twice.yaml');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("twice.yaml:4:5: instance 'qr-A' is declared twice (also at instances[0])");
    write('version.yaml', 'version: 2\n');
    expect((await cli.run('apply -f version.yaml')).stderr).toContain("version.yaml:1:10: 'version' must be 1");
    write('empty.yaml', '');
    expect((await cli.run('apply -f empty.yaml')).stderr).toContain('empty.yaml:1:1: the file is empty');
    write('dupkey.yaml', 'version: 1\nversion: 1\n');
    expect((await cli.run('apply -f dupkey.yaml')).stderr).toMatch(/dupkey\.yaml:2:1: .*unique/i);
    expect((await cli.run('apply -f no-such-file.yaml')).code).toBe(2);
    expect((await cli.run('apply')).code).toBe(2);
  });
});
