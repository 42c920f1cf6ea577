/**
 * `qgate iam api-keys`, `api-key-create`, `api-key-delete`, `api-key-lock`, `api-key-unlock`, `service-ids`,
 * `service-id-create`, `service-id-delete`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ok } from '#src/client/client.js';
import { action, confirmed, done, outputOf, sub, withForce, withOutput, type Ctx } from '../command-kit.js';
import { CliError, usageError } from '../io.js';
import { printJson, printList } from '../output.js';
import { listApiKeys, listServiceIds } from '../listings.js';
import { resolveApiKey, resolveServiceId } from '../resolve.js';

export function registerIamKeys(iam: Command, ctx: Ctx): void {
  const keys = sub(iam, 'api-keys', 'List your API keys (--all: every key of the account you may see; --service-id: a service ID\'s)', [
    'qgate iam api-keys',
    'qgate iam api-keys --service-id ci-pipeline',
  ])
    .option('--all', "the account's keys, not only yours")
    .option('--service-id <id>', "a service ID's keys (name or id)");
  action(withOutput(keys), async (_a, opts) => {
    const s = ctx.session();
    const owner = opts.serviceId ? (await resolveServiceId(s, opts.serviceId as string)).iam_id : undefined;
    const rows = await listApiKeys(s, opts.all ? 'account' : 'entity', owner);
    printList(ctx.io, outputOf(opts), rows, [
      ['Name', (k) => k.name],
      ['ID', (k) => k.id],
      ['Description', (k) => k.description],
      ['Owner', (k) => k.iam_id],
      ['Locked', (k) => (k.locked ? 'yes' : 'no')],
      ['Created', (k) => k.created_at],
    ], 'No API keys.');
  });

  const create = sub(iam, 'api-key-create <name>', 'Create an API key; its value is shown once, or written to a file (mode 0600)', [
    'qgate iam api-key-create qiskit -d "for my notebooks" --file ~/qgate-key.json',
    'qgate iam api-key-create deploy --service-id ci-pipeline',
  ])
    .option('-d, --description <text>')
    .option('--file <path>', 'write the key (JSON with its name, id and value) to this file instead of printing it')
    .option('--service-id <id>', 'make the key for a service ID (name or id) instead of for yourself');
  action(withOutput(create), async ([name], opts) => {
    const s = ctx.session();
    const iamId = opts.serviceId ? (await resolveServiceId(s, opts.serviceId as string)).iam_id : s.profile.iamId;
    let file: string | undefined;
    if (opts.file) {
      const raw = opts.file as string;
      file = raw.startsWith('~/') ? path.join(ctx.io.env.HOME ?? '', raw.slice(2)) : path.resolve(ctx.io.cwd ?? process.cwd(), raw);
      if (fs.existsSync(file)) throw usageError(`${file} already exists; choose another --file (an API key is never written over another file)`);
    }
    const key = await ok(s.client.POST('/v1/apikeys', { body: { name: name!, iam_id: iamId, account_id: s.accountId, ...(opts.description ? { description: opts.description as string } : {}) } }));
    const record = { name: key.name, id: key.id, iam_id: key.iam_id, description: key.description, created_at: key.created_at, apikey: key.apikey };
    if (file) {
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        fs.writeFileSync(file, JSON.stringify(record, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
      } catch (err) {
        // The value exists nowhere else: a key nobody can use is deleted rather than left behind.
        await ok(s.client.DELETE('/v1/apikeys/{id}', { params: { path: { id: key.id } } }));
        throw new CliError(`cannot write ${file} (${(err as Error).message}); the API key was deleted again, nothing was kept`);
      }
      if (outputOf(opts) === 'json') return printJson(ctx.io, { ...record, apikey: undefined, file });
      ctx.io.stdout.write(`OK\nAPI key ${key.name} created (${key.id}); its value is in ${file} (mode 0600).\n`);
      return;
    }
    done(ctx, opts, record, `API key ${key.name} created (${key.id}).\n\nAPI key: ${key.apikey}\n\nCopy it now: it is shown only once.`);
  });

  /** A command on one API key; `ask` (deleting) makes it ask first, unless --force. */
  const simple = (verb: string, description: string, run: (id: string) => Promise<unknown>, done: string, ask?: (key: { id: string; name: string }) => string) =>
    action(withOutput(ask ? withForce(sub(iam, `${verb} <key>`, description, [`qgate iam ${verb} qiskit`, `qgate iam ${verb} qiskit -f`])) : sub(iam, `${verb} <key>`, description, [`qgate iam ${verb} qiskit`])), async ([ref], opts) => {
      const key = await resolveApiKey(ctx.session(), ref!);
      if (ask) await confirmed(ctx, opts, ask(key));
      await run(key.id);
      if (outputOf(opts) === 'json') return printJson(ctx.io, { id: key.id, name: key.name, result: done });
      ctx.io.stdout.write(`OK\nAPI key ${key.name} (${key.id}) ${done}.\n`);
    });
  simple('api-key-delete', 'Delete an API key (tokens made from it stop working at once)', (id) => ok(ctx.session().client.DELETE('/v1/apikeys/{id}', { params: { path: { id } } })), 'deleted',
    (key) => `Delete API key ${key.name} (${key.id})? Tokens made from it stop working at once.`);
  simple('api-key-lock', 'Lock an API key (qgate also refuses its tokens until it is unlocked)', (id) => ok(ctx.session().client.POST('/v1/apikeys/{id}/lock', { params: { path: { id } } })), 'locked');
  simple('api-key-unlock', 'Unlock an API key', (id) => ok(ctx.session().client.DELETE('/v1/apikeys/{id}/lock', { params: { path: { id } } })), 'unlocked');

  action(withOutput(sub(iam, 'service-ids', 'List service IDs', ['qgate iam service-ids'])), async (_a, opts) => {
    const rows = await listServiceIds(ctx.session());
    printList(ctx.io, outputOf(opts), rows, [['Name', (x) => x.name], ['ID', (x) => x.id], ['IAM ID', (x) => x.iam_id], ['Description', (x) => x.description], ['Locked', (x) => (x.locked ? 'yes' : 'no')]], 'No service IDs.');
  });

  const sidCreate = sub(iam, 'service-id-create <name>', 'Create a service ID (an identity for automation)', ['qgate iam service-id-create ci-pipeline -d "nightly runs"'])
    .option('-d, --description <text>');
  action(withOutput(sidCreate), async ([name], opts) => {
    const s = ctx.session();
    const sid = await ok(s.client.POST('/v1/serviceids/', { body: { name: name!, account_id: s.accountId, ...(opts.description ? { description: opts.description as string } : {}) } }));
    done(ctx, opts, sid, `Service ID ${sid.name} created (${sid.id}, IAM ID ${sid.iam_id}).`);
  });

  const sidDelete = withForce(sub(iam, 'service-id-delete <service-id>', 'Delete a service ID and its API keys', ['qgate iam service-id-delete ci-pipeline', 'qgate iam service-id-delete ci-pipeline -f']));
  action(withOutput(sidDelete), async ([ref], opts) => {
    const s = ctx.session();
    const sid = await resolveServiceId(s, ref!);
    await confirmed(ctx, opts, async () => {
      // Someone who may delete the service ID but not list its keys is still asked, without their names.
      const keys = await listApiKeys(s, 'entity', sid.iam_id).catch(() => undefined);
      const named = keys === undefined ? ' and its API keys' : keys.length === 0 ? '' : ` and its API key${keys.length === 1 ? '' : 's'} ${keys.map((k) => k.name).join(', ')}`;
      return `Delete service ID ${sid.name} (${sid.id})${named}?`;
    });
    await ok(s.client.DELETE('/v1/serviceids/{id}', { params: { path: { id: sid.id } } }));
    done(ctx, opts, { deleted: sid.id, name: sid.name }, `Service ID ${sid.name} deleted.`);
  });
}
