/**
 * Destructive commands ask first, as ibmcloud's do: on a terminal `… [y/N]` proceeds only on y or yes; no, an
 * empty answer, the input ending and Ctrl-C all leave the thing in place (checked on the server); without a
 * terminal they are refused unless -f (--force), which only skips the question. On access-group-delete, -r (not -f)
 * is what also removes members, rules and policies. `apply --prune` asks before a plan that deletes, after showing it,
 * and `export -f` before replacing a file; their -f names the file, so --yes skips those questions. A file read from
 * standard input leaves nothing there to answer with, so `apply -f -` needs --yes for a plan that deletes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_APIKEY, startTestServer, type TestServer } from '../helpers/test-server.js';
import { createCli, type Cli } from './cli-harness.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';

describe('confirmation before destructive commands', () => {
  let t: TestServer;
  let cli: Cli;
  const groupNames = async () => (await cli.json('iam access-groups')).map((g: any) => g.name as string);

  beforeAll(async () => {
    t = await startTestServer({ store: 'sqlite' });
    cli = createCli();
    await cli.ok(['login', '-a', t.url, '--apikey', ADMIN_APIKEY]);
  });
  afterAll(() => t.close());

  it('asks on a terminal, naming what goes, and proceeds on y or yes', async () => {
    await cli.ok('iam access-group-create yes-group');
    const yes = await cli.run('iam access-group-delete yes-group', { terminal: 'y\r' });
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stderr).toContain('Delete access group yes-group? [y/N] ');
    expect(yes.stdout).toContain('Access group yes-group deleted.');
    expect(await groupNames()).not.toContain('yes-group');

    await cli.ok('iam role-create Doomed --actions quantum-computing.job.read');
    const spelled = await cli.run('iam role-delete Doomed --output json', { terminal: 'YES\r' });
    expect(spelled.code, spelled.stderr).toBe(0);
    expect(spelled.stderr).toContain('Delete custom role Doomed (quantum-computing.job.read)? [y/N]');
    expect(spelled.json()).toMatchObject({ name: 'Doomed' });
    expect((await cli.json('iam roles')).map((r: any) => r.name)).not.toContain('Doomed');
  });

  it('changes nothing on n, an empty answer or the end of input (exit 1), nor on Ctrl-C (exit 130)', async () => {
    await cli.ok('iam access-group-create kept');
    for (const typed of ['n\r', 'no\r', '\r', 'sure\r', '', '\x04']) {
      const res = await cli.run('iam access-group-delete kept', { terminal: typed });
      expect(res.code, JSON.stringify(typed)).toBe(1);
      expect(res.stderr).toMatch(/\nFAILED\ncancelled: nothing was changed\n$/);
    }
    const interrupted = await cli.run('iam access-group-delete kept', { terminal: '\x03' });
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/FAILED\ncancelled\n$/);
    // --output json does not stand for --force.
    expect((await cli.run('iam access-group-delete kept --output json', { terminal: 'n\r' })).code).toBe(1);
    expect(await groupNames()).toContain('kept');
  });

  it('refuses every destructive command without a terminal unless --force, changing nothing', async () => {
    await cli.ok('iam access-group-create stay');
    await t.addUser('stays@confirm.example');
    await cli.ok('iam access-group-user-add stay stays@confirm.example');
    await cli.ok('resource service-instance-create QR-stay quantum-computing open us-east');
    const policy = await cli.json('iam access-group-policy-create stay --instance QR-stay --roles Viewer');
    await cli.ok('iam role-create Staying --actions quantum-computing.job.read');
    await cli.ok('iam service-id-create stay-sid');
    await cli.ok('iam api-key-create stay-key');
    fs.writeFileSync(path.join(cli.cwd, 'bell.qasm'), BELL);
    const job = await cli.json('runtime job-submit bell.qasm -i QR-stay --shots 10');

    const commands = [
      'iam access-group-delete stay',
      'iam access-group-delete stay -r',
      'iam access-group-user-remove stay stays@confirm.example',
      `iam access-group-policy-delete stay ${policy.id}`,
      'iam role-delete Staying',
      'iam service-id-delete stay-sid',
      'iam api-key-delete stay-key',
      'iam user-remove stays@confirm.example',
      `runtime job-cancel ${job.id} -i QR-stay`,
      `runtime job-delete ${job.id} -i QR-stay`,
      'resource service-instance-delete QR-stay',
    ];
    for (const command of commands) {
      for (const args of [command, `${command} --output json`]) {
        const res = await cli.run(args, { stdin: 'y\n' });
        expect(res.code, args).toBe(2);
        expect(res.stderr, args).toMatch(/^FAILED\nnot confirmed: "[^\n]+" can only be asked on a terminal; add -f \(--force\) to go ahead without asking\. Nothing was changed\.\n$/);
        expect(res.stdout, args).toBe('');
      }
    }

    expect(await groupNames()).toContain('stay');
    expect((await cli.json('iam access-group-users stay')).map((m: any) => m.email)).toEqual(['stays@confirm.example']);
    expect((await cli.json('iam access-group-policies stay')).map((p: any) => p.id)).toEqual([policy.id]);
    expect((await cli.json('iam roles')).map((r: any) => r.name)).toContain('Staying');
    expect((await cli.json('iam service-ids')).map((x: any) => x.name)).toContain('stay-sid');
    expect((await cli.json('iam api-keys')).map((k: any) => k.name)).toContain('stay-key');
    expect((await cli.json('iam users')).map((u: any) => u.email)).toContain('stays@confirm.example');
    expect((await cli.json(['runtime', 'job', job.id, '-i', 'QR-stay'])).status).toBe('Completed');
    expect((await cli.json('resource service-instances')).map((i: any) => i.name)).toContain('QR-stay');

    // With --force the same commands go ahead.
    await cli.ok(`runtime job-delete ${job.id} -i QR-stay --force`);
    expect((await cli.run(['runtime', 'job', job.id, '-i', 'QR-stay'])).code).toBe(1);
    await cli.ok('iam service-id-delete stay-sid -f');
    expect((await cli.json('iam service-ids')).map((x: any) => x.name)).not.toContain('stay-sid');
  });

  it('deletes a group with its members and policies only with -r; -f alone is refused by the server as before', async () => {
    await cli.ok('iam access-group-create full');
    await t.addUser('member@confirm.example');
    await cli.ok('iam access-group-user-add full member@confirm.example');
    await cli.ok('resource service-instance-create QR-full quantum-computing open us-east');
    const policy = await cli.json('iam access-group-policy-create full --instance QR-full --roles Viewer');

    const forced = await cli.run('iam access-group-delete full -f');
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/FAILED\n.*1 members.*; on the command line: -r \(--recursive\) \(409 group_not_empty/);
    expect(await groupNames()).toContain('full');
    expect((await cli.json('iam access-group-users full'))).toHaveLength(1);

    const declined = await cli.run('iam access-group-delete full -r', { terminal: 'n\r' });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('Delete access group full with its 1 member, 0 rules and 1 policy? [y/N]');
    expect((await cli.json('iam access-group-policies full')).map((p: any) => p.id)).toEqual([policy.id]);

    const gone = await cli.run('iam access-group-delete full -r --output json', { terminal: 'y\r' });
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.json()).toMatchObject({ name: 'full', recursive: true });
    expect(await groupNames()).not.toContain('full');
    const token = await t.adminToken();
    expect((await t.request('GET', `/v1/policies/${policy.id}`, { token })).status).toBe(404);

    // Unattended, -r -f does the same without a question.
    await cli.ok('iam access-group-create full-again');
    await cli.ok('iam access-group-user-add full-again member@confirm.example');
    const quiet = await cli.ok('iam access-group-delete full-again -r -f');
    expect(quiet.stderr).toBe('');
    expect(await groupNames()).not.toContain('full-again');
  });

  it('names the people, the policy and the invitation in its questions', async () => {
    await cli.ok('iam access-group-create named');
    await t.addUser('one@confirm.example');
    await cli.ok('iam user-invite pending@confirm.example --access-groups named');
    await cli.ok('iam access-group-user-add named one@confirm.example');
    const members = await cli.run('iam access-group-user-remove named one@confirm.example pending@confirm.example', { terminal: 'n\r' });
    expect(members.stderr).toContain('Remove one@confirm.example, pending@confirm.example from access group named? [y/N]');
    await cli.ok('resource service-instance-create QR-named quantum-computing open us-east');
    const policy = await cli.json('iam access-group-policy-create named --instance QR-named --roles Viewer,Writer');
    const pol = await cli.run(`iam access-group-policy-delete named ${policy.id}`, { terminal: 'n\r' });
    expect(pol.stderr).toContain(`Delete policy ${policy.id} of access group named (Viewer, Writer on service=quantum-computing instance=QR-named)? [y/N]`);
    const invitation = await cli.run('iam user-remove pending@confirm.example', { terminal: 'y\r' });
    expect(invitation.code, invitation.stderr).toBe(0);
    expect(invitation.stderr).toContain('Revoke the invitation of pending@confirm.example? [y/N]');
    expect((await cli.json('iam users')).map((u: any) => u.email)).not.toContain('pending@confirm.example');
  });

  it('lists -f, --force on every destructive command and -r, --recursive on access-group-delete', async () => {
    const destructive = [
      'iam access-group-delete', 'iam access-group-user-remove', 'iam access-group-policy-delete', 'iam role-delete', 'iam api-key-delete',
      'iam service-id-delete', 'iam user-remove', 'resource service-instance-delete', 'runtime job-cancel', 'runtime job-delete',
    ];
    for (const name of destructive) {
      const help = await cli.ok(`${name} --help`);
      expect(help.stdout, name).toMatch(/-f, --force\s+do not ask for confirmation/);
      expect(help.stdout, name).toMatch(new RegExp(`\\$ qgate ${name} .* -f\\b`));
    }
    const help = (await cli.ok('iam access-group-delete --help')).stdout;
    expect(help).toMatch(/-r, --recursive\s+also remove its members, rules and policies/);
    expect(help).toContain('$ qgate iam access-group-delete ml -r');
  });
});

describe('apply --prune asks before a plan that deletes, export -f before replacing a file', () => {
  let t: TestServer;
  let cli: Cli;
  const write = (name: string, ...sids: string[]) => fs.writeFileSync(path.join(cli.cwd, name), `version: 1\nserviceIds:\n${sids.map((n) => `  - name: ${n}\n`).join('')}`);
  const sids = async () => (await cli.json('iam service-ids')).map((x: any) => x.name as string).sort();

  beforeAll(async () => {
    t = await startTestServer({ store: 'sqlite' });
    cli = createCli();
    await cli.ok(['login', '-a', t.url, '--apikey', ADMIN_APIKEY]);
    write('abc.yaml', 'prune-a', 'prune-b', 'prune-c');
    write('ab.yaml', 'prune-a', 'prune-b');
    write('a.yaml', 'prune-a');
  });
  afterAll(() => t.close());

  it('applies plans that delete nothing without a question, --prune or not, as scripts run them', async () => {
    const created = await cli.ok('apply -f ab.yaml', { stdin: '' });
    expect(created.stdout).toContain('Applied: 2 created, 0 changed, 0 deleted.');
    expect(created.stderr).toBe('');
    const pruned = await cli.ok('apply -f abc.yaml --prune', { stdin: '' });
    expect(pruned.stdout).toContain('Applied: 1 created, 0 changed, 0 deleted.');
    expect(pruned.stderr).toBe('');
    expect((await cli.ok('apply -f abc.yaml --prune')).stdout).toMatch(/^No changes/);
    expect(await sids()).toEqual(['prune-a', 'prune-b', 'prune-c']);
  });

  it('refuses without a terminal unless --yes, after showing the plan, changing nothing; --dry-run never asks', async () => {
    const refused = await cli.run('apply -f a.yaml --prune', { stdin: 'y\n' });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('  - service ID prune-b\n  - service ID prune-c\n0 to create, 0 to change, 2 to delete.\n');
    expect(refused.stdout).not.toContain('Applied');
    expect(refused.stderr).toBe('FAILED\nnot confirmed: "Apply this plan? It deletes 2 things." can only be asked on a terminal; add -y (--yes) to go ahead without asking. Nothing was changed.\n');
    const json = await cli.run('apply -f a.yaml --prune --output json');
    expect(json.code).toBe(2);
    expect(json.stdout).toBe('');
    // -f is the file: it does not stand for --yes.
    const forced = await cli.run('apply --prune -f a.yaml');
    expect(forced.code).toBe(2);
    const dry = await cli.ok('apply -f a.yaml --prune --dry-run');
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(dry.stderr).toBe('');
    expect(await sids()).toEqual(['prune-a', 'prune-b', 'prune-c']);

    const yes = await cli.ok('apply -f ab.yaml --prune --yes');
    expect(yes.stdout).toContain('OK\nApplied: 0 created, 0 changed, 1 deleted.\n');
    expect(yes.stderr).toBe('');
    expect(await sids()).toEqual(['prune-a', 'prune-b']);
    await cli.ok('apply -f abc.yaml');
    const y = await cli.json('apply -f a.yaml --prune -y');
    expect(y).toMatchObject({ applied: true, prune: true, counts: { create: 0, change: 0, delete: 2 } });
    expect(await sids()).toEqual(['prune-a']);
  });

  it('asks on a terminal after the plan, and applies it only on y or yes', async () => {
    await cli.ok('apply -f abc.yaml');
    for (const typed of ['n\r', '\r', '']) {
      const declined = await cli.run('apply -f ab.yaml --prune', { terminal: typed });
      expect(declined.code, JSON.stringify(typed)).toBe(1);
      expect(declined.stdout).toContain('  - service ID prune-c\n0 to create, 0 to change, 1 to delete.\n');
      expect(declined.stderr).toContain('Apply this plan? It deletes 1 thing. [y/N] ');
      expect(declined.stderr).toMatch(/\nFAILED\ncancelled: nothing was changed\n$/);
    }
    expect((await cli.run('apply -f ab.yaml --prune', { terminal: '\x03' })).code).toBe(130);
    expect(await sids()).toEqual(['prune-a', 'prune-b', 'prune-c']);

    const accepted = await cli.run('apply -f a.yaml --prune', { terminal: 'yes\r' });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain('Apply this plan? It deletes 2 things. [y/N] ');
    expect(accepted.stdout).toContain('OK\nApplied: 0 created, 0 changed, 2 deleted.\n');
    expect(await sids()).toEqual(['prune-a']);
  });

  it('refuses a deleting plan read from standard input unless --yes, terminal or not, changing nothing', async () => {
    await cli.ok('apply -f abc.yaml');
    const file = fs.readFileSync(path.join(cli.cwd, 'a.yaml'), 'utf8');
    const message = 'FAILED\nnot confirmed: "Apply this plan? It deletes 2 things." cannot be answered on standard input, which held the organization file; add -y (--yes) to go ahead without asking, or give the file by its path. Nothing was changed.\n';
    // On a terminal the file is typed and ended with Ctrl-D, which would also end the answer.
    for (const input of [{ stdin: file }, { terminal: file }]) {
      const refused = await cli.run('apply -f - --prune', input);
      expect(refused.code, JSON.stringify(input)).toBe(2);
      expect(refused.stdout).toContain('0 to create, 0 to change, 2 to delete.\n');
      expect(refused.stdout).not.toContain('Applied');
      expect(refused.stderr).toBe(message);
    }
    expect(await sids()).toEqual(['prune-a', 'prune-b', 'prune-c']);
    // A plan that deletes nothing applies from standard input as before, and --yes applies one that does.
    expect((await cli.ok('apply -f - --prune', { stdin: fs.readFileSync(path.join(cli.cwd, 'abc.yaml'), 'utf8') })).stdout).toMatch(/^No changes/);
    const yes = await cli.ok('apply -f - --prune --yes', { stdin: file });
    expect(yes.stdout).toContain('OK\nApplied: 0 created, 0 changed, 2 deleted.\n');
    expect(await sids()).toEqual(['prune-a']);
  });

  it('export -f asks before replacing a file, is refused without a terminal unless --yes, and writes a new file unasked', async () => {
    const file = (name: string) => path.join(cli.cwd, name);
    const account = (await cli.ok('export')).stdout;
    fs.writeFileSync(file('kept.yaml'), 'version: 1\n# mine\n', { mode: 0o600 });
    const before = fs.readdirSync(cli.cwd).sort();

    for (const args of ['export -f kept.yaml', `export --file ${file('kept.yaml')}`]) {
      const refused = await cli.run(args, { stdin: 'y\n' });
      expect(refused.code, args).toBe(2);
      expect(refused.stderr, args).toBe(`FAILED\nnot confirmed: "Replace ${file('kept.yaml')}?" can only be asked on a terminal; add -y (--yes) to go ahead without asking. Nothing was changed.\n`);
      expect(refused.stdout, args).toBe('');
    }
    for (const typed of ['n\r', '\r', '']) {
      const declined = await cli.run('export -f kept.yaml', { terminal: typed });
      expect(declined.code, JSON.stringify(typed)).toBe(1);
      expect(declined.stderr).toContain(`Replace ${file('kept.yaml')}? [y/N] `);
      expect(declined.stderr).toMatch(/\nFAILED\ncancelled: nothing was changed\n$/);
    }
    expect(fs.readFileSync(file('kept.yaml'), 'utf8')).toBe('version: 1\n# mine\n');
    expect(fs.readdirSync(cli.cwd).sort()).toEqual(before);

    const replaced = await cli.ok('export -f kept.yaml --yes', { stdin: '' });
    expect(replaced.stderr).toContain(`Wrote ${file('kept.yaml')}.`);
    expect(fs.readFileSync(file('kept.yaml'), 'utf8')).toBe(account);
    // Replaced by renaming a complete file over it, which keeps the old file's mode and leaves nothing beside it.
    expect(fs.statSync(file('kept.yaml')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(cli.cwd).sort()).toEqual(before);
    fs.writeFileSync(file('kept.yaml'), 'old\n');
    expect((await cli.run('export -f kept.yaml', { terminal: 'y\r' })).code).toBe(0);
    expect(fs.readFileSync(file('kept.yaml'), 'utf8')).toBe(account);

    const created = await cli.ok('export -f new.yaml', { stdin: '' });
    expect(created.stderr).toContain(`Wrote ${file('new.yaml')}.`);
    expect(fs.readFileSync(file('new.yaml'), 'utf8')).toBe(account);
    expect(fs.readdirSync(cli.cwd).sort()).toEqual([...before, 'new.yaml'].sort());

    const dir = await cli.run('export -f . --yes');
    expect(dir.code).toBe(2);
    expect(dir.stderr).toBe(`FAILED\ncannot write ${cli.cwd}: it is a directory\n`);
  });

  it('export -f refuses a missing directory, naming it, before the account is read', async () => {
    const file = (name: string) => path.join(cli.cwd, name);
    // Signed out: reading the account would fail, so a refusal that names the directory came first.
    const signedOut = createCli();
    const nowhere = await signedOut.run(['export', '-f', path.join(cli.cwd, 'missing/org.yaml'), '--yes']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toBe(`FAILED\ncannot write ${file('missing/org.yaml')}: directory ${file('missing')} does not exist\n`);
    fs.writeFileSync(file('plain.txt'), 'x\n');
    const notDir = await signedOut.run(['export', '-f', path.join(cli.cwd, 'plain.txt/org.yaml')]);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toBe(`FAILED\ncannot write ${file('plain.txt/org.yaml')}: ${file('plain.txt')} is not a directory\n`);
    expect(fs.existsSync(file('missing'))).toBe(false);
  });

  it('export -f names FILE, not its temporary file, when the write fails', async () => {
    const file = (name: string) => path.join(cli.cwd, name);
    const before = fs.readdirSync(cli.cwd).sort();
    // As root no permission is missing, so the system's refusal to create the temporary file is played here.
    const realOpen = fs.openSync;
    const open = vi.spyOn(fs, 'openSync').mockImplementation((p, ...rest) => {
      if (String(p).endsWith('.tmp')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: String(p) });
      return realOpen(p, ...(rest as [fs.OpenMode]));
    });
    let failed;
    try {
      failed = await cli.run('export -f denied.yaml');
    } finally {
      open.mockRestore();
    }
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`FAILED\ncannot write ${file('denied.yaml')}: EACCES (permission denied)\n`);
    expect(fs.readdirSync(cli.cwd).sort()).toEqual(before);
  });

  it('export -f through a dangling symbolic link asks, naming its target, then creates the target and keeps the link', async () => {
    const file = (name: string) => path.join(cli.cwd, name);
    const account = (await cli.ok('export')).stdout;
    fs.mkdirSync(file('real'));
    fs.symlinkSync('real/linked.yaml', file('link.yaml'));
    const question = `Create ${file('real/linked.yaml')}, which the link ${file('link.yaml')} points to?`;

    const refused = await cli.run('export -f link.yaml', { stdin: '' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`FAILED\nnot confirmed: "${question}" can only be asked on a terminal; add -y (--yes) to go ahead without asking. Nothing was changed.\n`);
    const declined = await cli.run('export -f link.yaml', { terminal: 'n\r' });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain(`${question} [y/N] `);
    expect(fs.readlinkSync(file('link.yaml'))).toBe('real/linked.yaml');
    expect(fs.existsSync(file('real/linked.yaml'))).toBe(false);

    const written = await cli.run('export -f link.yaml', { terminal: 'y\r' });
    expect(written.code, written.stderr).toBe(0);
    expect(fs.lstatSync(file('link.yaml')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(file('real/linked.yaml'), 'utf8')).toBe(account);
    expect(fs.readdirSync(file('real'))).toEqual(['linked.yaml']);
    // Now it points to a file, so it is a replacement like any other.
    expect((await cli.run('export -f link.yaml', { stdin: '' })).stderr).toContain(`"Replace ${file('link.yaml')}?"`);

    // A link into a directory that does not exist is refused before the account is read, naming both.
    fs.symlinkSync('gone/org.yaml', file('lost.yaml'));
    const lost = await createCli().run(['export', '-f', file('lost.yaml'), '--yes']);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toBe(`FAILED\ncannot write ${file('lost.yaml')}: it is a link to ${file('gone/org.yaml')}, but directory ${file('gone')} does not exist\n`);
    expect(fs.readlinkSync(file('lost.yaml'))).toBe('gone/org.yaml');
  });

  it('lists -y, --yes in its help, with an example', async () => {
    const help = (await cli.ok('apply --help')).stdout;
    expect(help).toMatch(/-y, --yes\s+do not ask before a plan that deletes/);
    expect(help).toContain('$ qgate apply -f org.yaml --prune --yes');
    const exportHelp = (await cli.ok('export --help')).stdout;
    expect(exportHelp).toMatch(/-y, --yes\s+replace an existing --file without asking/);
    expect(exportHelp).toContain('$ qgate export -f org.yaml --yes');
  });
});
