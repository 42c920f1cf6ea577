/**
 * Every `qgate` command against a real server on loopback, run in-process through runCli: signing in (API key,
 * password on standard input), IAM, resources and jobs; names resolved wherever ids are; listings as tables
 * and JSON; the server's message and a non-zero exit on refusals; bad flags refused with exit code 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_APIKEY, ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server.js';
import { createCli, type Cli } from './cli-harness.js';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nmeas[0] = measure q[0];\nmeas[1] = measure q[1];\n';

describe('qgate commands against a real server', () => {
  let t: TestServer;
  let cli: Cli;

  beforeAll(async () => {
    t = await startTestServer({ store: 'sqlite' });
    cli = createCli();
    await cli.ok(['login', '-a', t.url, '--apikey', ADMIN_APIKEY]);
  });
  afterAll(() => t.close());

  describe('login, target, logout', () => {
    it('keeps the profile in QGATE_HOME readable only by its owner, and target shows it', async () => {
      const file = path.join(cli.home, 'config.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const target = await cli.json('target');
      expect(target).toMatchObject({ endpoint: t.url, account_id: t.accountId, user: ADMIN_EMAIL });
      expect((await cli.ok('target')).stdout).toContain(t.accountId);
      // The key is kept for renewals but never shown again, nor any token.
      const shown = [JSON.stringify(target), (await cli.ok('target')).stdout, (await cli.ok(['login', '-a', t.url, '--apikey', ADMIN_APIKEY])).stdout].join('\n');
      expect(shown).not.toContain(ADMIN_APIKEY);
      expect(shown).not.toMatch(/eyJ[\w-]+\./);
    });

    it('signs in with email and a password read from standard input, and out again', async () => {
      const other = createCli();
      const res = await other.run(['login', '-a', t.url, '-u', ADMIN_EMAIL], { stdin: `${ADMIN_PASSWORD}\n` });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).not.toContain(ADMIN_PASSWORD);
      const stored = fs.readFileSync(path.join(other.home, 'config.json'), 'utf8');
      expect(stored).not.toContain(ADMIN_PASSWORD);
      expect((await other.json('iam users')).map((u: any) => u.email)).toContain(ADMIN_EMAIL);
      expect((await other.ok('logout')).stdout).toContain('Signed out');
      const after = await other.run('iam users');
      expect(after.code).toBe(1);
      expect(after.stderr).toMatch(/not signed in/);
    });

    it('reports wrong credentials with the server\'s message and exit code 1', async () => {
      const other = createCli();
      const res = await other.run(['login', '-a', t.url, '--apikey', 'not-a-real-key-00000000000000000000']);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/FAILED\n.*API key/i);
      const pw = await other.run(['login', '-a', t.url, '-u', ADMIN_EMAIL], { stdin: 'wrong password entirely\n' });
      expect(pw.code).toBe(1);
      expect(fs.existsSync(path.join(other.home, 'config.json'))).toBe(false);
    });

    it('reads the API key from a file (@FILE) and says when the server cannot be reached', async () => {
      const other = createCli();
      fs.writeFileSync(path.join(other.cwd, 'key.txt'), `${ADMIN_APIKEY}\n`);
      await other.ok(['login', '-a', t.url, '--apikey', '@key.txt']);
      const down = await createCli().run(['login', '-a', 'http://127.0.0.1:9', '--apikey', 'x']);
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/cannot reach the server/);
    });
  });

  describe('iam', () => {
    it('creates access groups, invites people into them by group name, and lists both', async () => {
      await cli.ok('iam access-group-create ml -d "Machine learning"');
      await cli.ok('iam access-group-create finance');
      const invited = await cli.ok('iam user-invite fatima@cli.example amyra@cli.example --access-groups ml,finance');
      expect(invited.stdout).toContain('Invited fatima@cli.example');
      const groups = await cli.json('iam access-groups');
      expect(groups.map((g: any) => g.name)).toEqual(expect.arrayContaining(['ml', 'finance']));
      const members = await cli.json('iam access-group-users ml');
      expect(members.map((m: any) => m.email).sort()).toEqual(['amyra@cli.example', 'fatima@cli.example']);
      const users = await cli.json('iam users');
      expect(users.find((u: any) => u.email === 'fatima@cli.example').state).toBe('PENDING');
      const invitations = await cli.json('iam invitations --state PENDING');
      expect(invitations.map((i: any) => i.email)).toContain('amyra@cli.example');
      expect((await cli.ok('iam users')).stdout).toMatch(/fatima@cli\.example.*PENDING/);
    });

    it('adds and removes members by email, and reports a member that is not one', async () => {
      await cli.ok('iam access-group-user-remove finance fatima@cli.example -f');
      expect((await cli.json('iam access-group-users finance')).map((m: any) => m.email)).toEqual(['amyra@cli.example']);
      await cli.ok('iam access-group-user-add finance fatima@cli.example');
      expect((await cli.json('iam access-group-users finance')).map((m: any) => m.email)).toHaveLength(2);
      const missing = await cli.run('iam access-group-user-add finance nobody@cli.example');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("no user 'nobody@cli.example' found");
    });

    it('updates an active person and relays the server\'s refusal for a pending one', async () => {
      const person = await t.addUser('ravi@cli.example');
      await cli.ok('iam user-update ravi@cli.example --firstname Ravi --lastname Shah');
      const user = (await cli.json('iam users')).find((u: any) => u.email === 'ravi@cli.example');
      expect(user).toMatchObject({ firstname: 'Ravi', lastname: 'Shah', iam_id: person.iamId });
      const pending = await cli.run('iam user-update fatima@cli.example --firstname F');
      expect(pending.code).toBe(1);
      expect(pending.stderr).toMatch(/FAILED\n.*\(409 /);
      expect((await cli.run('iam user-update ravi@cli.example')).code).toBe(2);
      expect((await cli.run('iam user-update ravi@cli.example --state ASLEEP')).code).toBe(2);
    });

    it('manages custom roles by name', async () => {
      const created = await cli.ok('iam role-create JobDeleter --display-name "Job deleter" --actions quantum-computing.job.delete');
      expect(created.stdout).toContain('Custom role JobDeleter created');
      await cli.ok('iam role-update JobDeleter --actions quantum-computing.job.delete,quantum-computing.job.cancel');
      const roles = await cli.json('iam roles --service quantum-computing');
      expect(roles.find((r: any) => r.name === 'JobDeleter').actions.sort()).toEqual(['quantum-computing.job.cancel', 'quantum-computing.job.delete']);
      expect(roles.map((r: any) => r.name)).toEqual(expect.arrayContaining(['Viewer', 'Writer', 'Manager']));
      await cli.ok('iam role-create Scratch --actions quantum-computing.job.read');
      await cli.ok('iam role-delete Scratch -f');
      expect((await cli.json('iam roles')).map((r: any) => r.name)).not.toContain('Scratch');
      const bad = await cli.run('iam role-create Wrong --actions quantum-computing.job.fly');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('quantum-computing.job.fly');
    });

    it('creates instances and grants an access group roles on one by names, then answers authz and explain', async () => {
      await cli.ok('resource service-instance-create QR-ml quantum-computing standard us-east');
      const policy = await cli.ok('iam access-group-policy-create ml --instance QR-ml --roles Viewer,Writer,JobDeleter');
      expect(policy.stdout).toContain('ml has Viewer, Writer, JobDeleter on service=quantum-computing instance=QR-ml');
      const listed = await cli.json('iam access-group-policies ml');
      expect(listed).toHaveLength(1);
      expect((await cli.ok('iam access-group-policies ml')).stdout).toContain('instance=QR-ml');
      const person = await t.addUser('sam@cli.example');
      await cli.ok('iam access-group-user-add ml sam@cli.example');
      const yes = await cli.json('iam authz sam@cli.example quantum-computing.job.delete --instance QR-ml');
      expect(yes.permitted).toBe(true);
      const no = await cli.ok('iam authz ravi@cli.example quantum-computing.job.delete --instance QR-ml');
      expect(no.stdout).toMatch(/^DENIED/);
      const why = await cli.json(`iam explain ${person.iamId} quantum-computing.job.create --instance QR-ml`);
      expect(why.permitted).toBe(true);
      expect(why.policies.some((p: any) => p.grants)).toBe(true);
      expect((await cli.run('iam access-group-policy-create ml --instance QR-ml --roles Wizard')).stderr).toContain("no role 'Wizard'");
      expect((await cli.run('iam access-group-policy-create ml --instance QR-ml')).code).toBe(2);
      await cli.ok(`iam access-group-policy-delete ml ${listed[0].id} -f`);
      expect(await cli.json('iam access-group-policies ml')).toEqual([]);
    });

    it('creates an API key whose value is shown once or written to a 0600 file, then locks, unlocks and deletes it', async () => {
      const shown = await cli.json('iam api-key-create shown -d "printed"');
      expect(shown.apikey).toMatch(/.{20,}/);
      const res = await cli.ok('iam api-key-create filed --file keys/filed.json');
      const file = path.join(cli.cwd, 'keys/filed.json');
      expect(res.stdout).not.toMatch(/API key: /);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(saved.name).toBe('filed');
      // The saved file signs in (login --apikey @FILE reads it).
      await createCli().ok(['login', '-a', t.url, '--apikey', `@${file}`]);
      expect((await cli.run('iam api-key-create again --file keys/filed.json')).code).toBe(2);
      // A file that cannot be written (its folder is a file) leaves no key behind.
      const unwritable = await cli.run('iam api-key-create lost --file keys/filed.json/inner.json');
      expect(unwritable.code).toBe(1);
      expect(unwritable.stderr).toMatch(/cannot write .*the API key was deleted again/);
      expect((await cli.json('iam api-keys')).map((k: any) => k.name)).not.toContain('lost');
      await cli.ok('iam api-key-lock filed');
      expect((await cli.json('iam api-keys')).find((k: any) => k.name === 'filed').locked).toBe(true);
      await cli.ok('iam api-key-unlock filed');
      await cli.ok('iam api-key-delete filed -f');
      expect((await cli.json('iam api-keys')).map((k: any) => k.name)).not.toContain('filed');
    });

    it('manages service IDs, reports names that are ambiguous, and resolves them by id', async () => {
      await cli.ok('iam service-id-create ci-pipeline -d nightly');
      await cli.ok('iam service-id-create twin');
      await cli.ok('iam service-id-create twin');
      const sids = await cli.json('iam service-ids');
      expect(sids.filter((x: any) => x.name === 'twin')).toHaveLength(2);
      const ambiguous = await cli.run('iam service-id-delete twin -f');
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stderr).toMatch(/'twin' names 2 service IDs.*use the id instead/);
      // Where a member may be a person or a service ID, the ambiguity is reported too, not taken for no match.
      expect((await cli.run('iam access-group-user-add finance twin')).stderr).toMatch(/'twin' names 2 service IDs/);
      expect((await cli.run('iam access-group-user-add finance nobody')).stderr).toContain("no service ID or person 'nobody' found");
      await cli.ok(['iam', 'service-id-delete', sids.find((x: any) => x.name === 'twin').id, '-f']);
      await cli.ok('iam access-group-user-add finance ci-pipeline');
      expect((await cli.json('iam access-group-users finance')).some((m: any) => m.type === 'service')).toBe(true);
      await cli.ok('iam api-key-create deploy --service-id ci-pipeline');
      expect((await cli.json('iam api-keys --service-id ci-pipeline')).map((k: any) => k.name)).toEqual(['deploy']);
    });

    it('reads the audit trail filtered by action, actor and outcome', async () => {
      const events = await cli.json(`iam audit --action iam-groups.* --actor ${ADMIN_EMAIL} --limit 5`);
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThanOrEqual(5);
      expect(events.every((e: any) => e.action.startsWith('iam-groups.'))).toBe(true);
      expect((await cli.ok('iam audit --limit 3')).stdout).toMatch(/Action/);
      expect((await cli.ok('iam audit --action iam-groups.* --limit 1')).stdout).toContain(ADMIN_EMAIL);
      expect((await cli.run('iam audit --outcome maybe')).code).toBe(2);
      expect((await cli.run('iam audit --from yesterday')).code).toBe(2);
      expect((await cli.run('iam audit --limit 0')).code).toBe(2);
    });

    it('removes people and access groups by name', async () => {
      await cli.ok('iam user-remove amyra@cli.example -f');
      expect((await cli.json('iam users')).map((u: any) => u.email)).not.toContain('amyra@cli.example');
      await cli.ok('iam access-group-create scratch');
      await cli.ok('iam access-group-delete scratch -f');
      // -f only skips the question: a group with members is still refused, and the answer says -r would do it.
      const notEmpty = await cli.run('iam access-group-delete finance -f');
      expect(notEmpty.code).toBe(1);
      expect(notEmpty.stderr).toMatch(/\(409 group_not_empty/);
      expect(notEmpty.stderr).toContain('-r (--recursive)');
    });
  });

  describe('resource', () => {
    it('creates, lists, shows and deletes resource groups and instances by name', async () => {
      await cli.ok('resource group-create research');
      expect((await cli.json('resource groups')).map((g: any) => g.name)).toEqual(expect.arrayContaining(['Default', 'research']));
      const created = await cli.json('resource service-instance-create QR-lab quantum-computing open us-east -g research');
      expect(created.name).toBe('QR-lab');
      const shown = await cli.json('resource service-instance QR-lab');
      expect(shown).toMatchObject({ guid: created.guid, resource_plan_id: 'open', state: 'active' });
      expect((await cli.ok(['resource', 'service-instance', created.crn])).stdout).toContain('QR-lab');
      expect((await cli.ok('resource service-instances')).stdout).toMatch(/QR-lab.*open.*us-east.*research/);
      await cli.ok('resource service-instance-delete QR-lab -f');
      expect((await cli.json('resource service-instances')).map((i: any) => i.name)).not.toContain('QR-lab');
      const bad = await cli.run('resource service-instance-create QR-x quantum-computing platinum us-east');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/resource_plan_id.*open, standard/);
      expect((await cli.run('resource service-instance-create QR-x teleportation open us-east')).stderr).toContain("no service 'teleportation'");
    });
  });

  describe('runtime', () => {
    it('lists backends, submits a circuit and waits for its counts, then reads, lists and deletes jobs', async () => {
      fs.writeFileSync(path.join(cli.cwd, 'bell.qasm'), BELL);
      expect((await cli.json('runtime backends -i QR-ml')).map((b: any) => b.name)).toContain('simulator_statevector');
      const done = await cli.ok('runtime job-submit bell.qasm -i QR-ml --shots 200');
      expect(done.stdout).toMatch(/register meas \(200 shots\)/);
      expect(done.stdout).toMatch(/\b00\b/);
      expect(done.stdout).toMatch(/\b11\b/);
      expect(done.stdout).not.toMatch(/\b01\b|\b10\b/);
      await cli.ok('target --instance QR-ml');
      const queued = await cli.json('runtime job-submit bell.qasm --no-wait --shots 50');
      expect(queued.id).toMatch(/^[a-z0-9]{20}$/);
      let status = '';
      for (let i = 0; i < 200 && status !== 'Completed'; i++) {
        status = (await cli.json(['runtime', 'job', queued.id])).status;
        if (status !== 'Completed') await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe('Completed');
      const counts = await cli.json(['runtime', 'job-results', queued.id]);
      expect(counts.counts[0].shots).toBe(50);
      expect(counts.counts[0].counts.reduce((n: number, c: any) => n + c.count, 0)).toBe(50);
      expect((await cli.ok(['runtime', 'job-results', queued.id, '--histogram'])).stdout).toMatch(/█/);
      expect((await cli.json('runtime jobs')).map((j: any) => j.id)).toContain(queued.id);
      const cancelEnded = await cli.run(['runtime', 'job-cancel', queued.id, '-f']);
      expect(cancelEnded.code).toBe(1);
      expect(cancelEnded.stderr).toMatch(/\(409 /);
      await cli.ok(['runtime', 'job-delete', queued.id, '-f']);
      expect((await cli.run(['runtime', 'job', queued.id])).code).toBe(1);
      await cli.ok('target --unset-instance');
    });

    it('runs the estimator with --observables and shows its expectation values as a table, a histogram and JSON', async () => {
      fs.writeFileSync(path.join(cli.cwd, 'bell-unmeasured.qasm'), 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\n');
      const done = await cli.ok('runtime job-submit bell-unmeasured.qasm -i QR-ml --observables ZZ,XX,IZ');
      expect(done.stdout).toMatch(/PUB 0 ZZ\s*│\s*1\.000000/);
      expect(done.stdout).toMatch(/PUB 0 IZ\s*│\s*0\.000000/);
      const job = (await cli.json('runtime jobs -i QR-ml --limit 1'))[0];
      const values = await cli.json(['runtime', 'job-results', job.id, '-i', 'QR-ml']);
      expect(values.expectation_values.map((v: any) => [v.observable, Math.round(v.ev * 1e9) / 1e9])).toEqual([['ZZ', 1], ['XX', 1], ['IZ', 0]]);
      const bars = await cli.ok(['runtime', 'job-results', job.id, '-i', 'QR-ml', '--histogram']);
      expect(bars.stdout).toMatch(/PUB 0 ZZ █{40} 1\.0000 ± 0\.0000/);
      expect((await cli.run('runtime job-submit bell-unmeasured.qasm -i QR-ml --observables ZZ --shots 10')).code).toBe(2);
    });

    it('cancels a long job and reports a malformed circuit with its line', async () => {
      const layers = Array.from({ length: 600 }, (_, i) => `h q;\ncx q[${i % 23}], q[${(i % 23) + 1}];`).join('\n');
      fs.writeFileSync(path.join(cli.cwd, 'slow.qasm'), `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[24] q;\nbit[24] c;\n${layers}\nc = measure q;\n`);
      const slow = await cli.json('runtime job-submit slow.qasm -i QR-ml --no-wait --shots 10');
      await cli.ok(['runtime', 'job-cancel', slow.id, '-i', 'QR-ml', '--force']);
      fs.writeFileSync(path.join(cli.cwd, 'bad.qasm'), 'OPENQASM 3.0;\nqubit[2] q;\nfrobnicate q[0];\n');
      const bad = await cli.run('runtime job-submit bad.qasm -i QR-ml');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/line 3/);
    });

    it('needs an instance, a readable file and sensible numbers', async () => {
      expect((await cli.run('runtime jobs')).stderr).toMatch(/no instance/);
      expect((await cli.run('runtime job-submit missing.qasm -i QR-ml')).code).toBe(2);
      expect((await cli.run('runtime job-submit bell.qasm -i QR-ml --shots 0')).code).toBe(2);
      expect((await cli.run('runtime jobs -i QR-nowhere')).stderr).toContain("no service instance 'QR-nowhere'");
    });
  });

  describe('usage', () => {
    it('prints help with examples, and refuses unknown commands, options and output formats with exit code 2', async () => {
      const help = await cli.run('--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/apply/);
      const sub = await cli.run('iam access-group-policy-create --help');
      expect(sub.code).toBe(0);
      expect(sub.stdout).toMatch(/Examples:\n\s+\$ qgate iam access-group-policy-create ml/);
      expect((await cli.run('iam frobnicate')).code).toBe(2);
      expect((await cli.run('iam users --colour red')).code).toBe(2);
      const fmt = await cli.run('iam users --output xml');
      expect(fmt.code).toBe(2);
      expect(fmt.stderr).toMatch(/table, json/);
      expect((await cli.run('login --apikey x')).code).toBe(2);
      expect((await cli.run(['login', '-a', 'not a url', '--apikey', 'x'])).code).toBe(2);
      expect((await cli.run(['login', '-a', t.url])).code).toBe(2);
      expect((await cli.run('--version')).stdout).toMatch(/\d+\.\d+\.\d+/);
    });
  });
});
