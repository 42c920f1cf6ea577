/**
 * `qgate apply -f org.yaml [--dry-run] [--prune [--yes]]` and `qgate export [-f org.yaml [--yes]]`: organization as
 * code. The file is read and checked, the account read, a plan shown as a diff, and only then are the changes made; a
 * plan that prunes asks first, and so does an export that would replace a file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import type { Command } from 'commander';
import { Document, isScalar, isSeq, visit } from 'yaml';
import { action, outputOf, sub, withOutput, type Ctx } from '../command-kit.js';
import { CliError, usageError } from '../io.js';
import { confirm } from '../prompt.js';
import { startProgress } from '../progress.js';
import { printJson } from '../output.js';
import { executePlan } from '../org/execute.js';
import { checkRoleReferences } from '../org/check-roles.js';
import { OrgFileError, readOrgFile, type LocatedOrgFile } from '../org/parse.js';
import { describeChange, planChanges } from '../org/plan.js';
import { readCurrentState, toOrgFile } from '../org/state.js';

/** The file named by -f, or standard input for `-` (the CLI's own stream, so in-process runs can pipe it too). */
async function readFile(ctx: Ctx, name: string): Promise<{ text: string; full: string }> {
  if (name === '-') {
    let text = '';
    for await (const chunk of ctx.io.stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    return { text, full: '-' };
  }
  const full = path.resolve(ctx.io.cwd ?? process.cwd(), name);
  try {
    return { text: fs.readFileSync(full, 'utf8'), full };
  } catch (err) {
    throw usageError(`cannot read ${full}: ${(err as Error).message}`);
  }
}

/** YAML for an organization file, with short lists (roles) on one line as people write them. */
export function orgYaml(file: unknown): string {
  const doc = new Document(file);
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'roles' && isSeq(pair.value) && pair.value.items.every(isScalar)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** A file system error as its code and what it means (`EACCES (permission denied)`), without the path it was about. */
function fsReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known = typeof e.errno === 'number' ? util.getSystemErrorMap().get(e.errno) : undefined;
  if (known) return `${known[0]} (${known[1]})`;
  return e.code ?? e.message;
}

/** Refuses to write `full` (as `target`) unless `dir`, where it would be created, exists and is a directory. */
function checkDirectory(full: string, dir: string, how: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw usageError(`cannot write ${full}: ${how}${code === 'ENOENT' ? `directory ${dir} does not exist` : `${dir}: ${fsReason(err)}`}`);
  }
  if (!st.isDirectory()) throw usageError(`cannot write ${full}: ${how}${dir} is not a directory`);
}

/** The end of a chain of symbolic links whose last one points at nothing: the path it names. */
function danglingEnd(link: string): string {
  let at = link;
  for (let hops = 0; hops < 40; hops++) {
    // A relative link is relative to the directory that holds it, as the system reads it.
    const next = path.resolve(fs.realpathSync(path.dirname(at)), fs.readlinkSync(at));
    let st: fs.Stats;
    try {
      st = fs.lstatSync(next);
    } catch {
      return next;
    }
    if (!st.isSymbolicLink()) return next;
    at = next;
  }
  throw usageError(`cannot write ${link}: ELOOP (too many symbolic links encountered)`);
}

/**
 * Where `export -f` writes `full` and what it asks first, found before the account is read so that a refusal costs
 * nothing. A symbolic link is written through, a dangling one too (as the shell's `>` does), after asking, since
 * such a link may point somewhere its owner no longer expects; the link itself is kept.
 */
function exportTarget(full: string): { target: string; question?: string } {
  let entry: fs.Stats;
  try {
    entry = fs.lstatSync(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw usageError(`cannot write ${full}: ${fsReason(err)}`);
    checkDirectory(full, path.dirname(full), '');
    return { target: full };
  }
  if (!entry.isSymbolicLink()) {
    if (entry.isDirectory()) throw usageError(`cannot write ${full}: it is a directory`);
    return { target: full, question: `Replace ${full}?` };
  }
  try {
    const target = fs.realpathSync(full);
    if (fs.statSync(target).isDirectory()) throw usageError(`cannot write ${full}: it is a link to the directory ${target}`);
    return { target, question: `Replace ${full}?` };
  } catch (err) {
    if (err instanceof CliError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw usageError(`cannot write ${full}: ${fsReason(err)}`);
  }
  const target = danglingEnd(full);
  checkDirectory(full, path.dirname(target), `it is a link to ${target}, but `);
  return { target, question: `Create ${target}, which the link ${full} points to?` };
}

/**
 * Writes `text` to a temporary file beside `target` (what `full` names, or the file a link there points to), then
 * renames it over `target`: an interrupted export leaves the old file or none, never half of one. A replaced file
 * keeps its mode. A failure is reported against `full`, not the temporary file nobody asked for.
 */
function writeWhole(full: string, target: string, text: string): void {
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    // A new file: created with the default mode, as a plain write would.
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // The umask applies at creation; the replaced file's mode is what its owner chose.
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${full}: ${fsReason(err)}`);
  }
}

export function registerApply(program: Command, ctx: Ctx): void {
  const apply = sub(program, 'apply', 'Make the account match an organization file: instances, roles, service IDs, access groups, members, policies, users', [
    'qgate apply -f examples/ml-finance.yaml --dry-run',
    'qgate apply -f examples/ml-finance.yaml',
    'qgate apply -f org.yaml --prune --dry-run',
    'qgate apply -f org.yaml --prune',
    'qgate apply -f org.yaml --prune --yes',
  ])
    .requiredOption('-f, --file <path>', 'the organization file (YAML or JSON; - for standard input)')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--prune', 'also delete what the file\'s sections do not list (sections left out are never touched)')
    // -f names the file (as in kubectl), so the confirmation is skipped with --yes (as in terraform's -auto-approve).
    .option('-y, --yes', 'do not ask before a plan that deletes (required for one when standard input is not a terminal)');
  action(withOutput(apply), async (_a, opts) => {
    const format = outputOf(opts);
    const { text, full } = await readFile(ctx, opts.file as string);
    const fileName = full === '-' ? '<stdin>' : (opts.file as string);
    let located: LocatedOrgFile;
    try {
      located = readOrgFile(text, fileName);
    } catch (err) {
      if (err instanceof OrgFileError) throw usageError(`the organization file is not valid:\n${err.message}`);
      throw err;
    }
    const s = ctx.session();
    const spinner = startProgress(ctx.io, 'reading the account');
    let state;
    try {
      state = await readCurrentState(s);
    } finally {
      spinner.stop();
    }
    const file = located.file;
    const plan = planChanges(file, state, { prune: opts.prune === true, self: s.profile.iamId });
    const problems = [...plan.problems, ...(await checkRoleReferences(s, file))]
      .map((p) => ({ ...located.locate(p.at), message: p.message }))
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map((p) => `${fileName}:${p.line}:${p.column}: ${p.message}`);
    const lines = plan.changes.map(describeChange);
    const counts = { create: plan.changes.filter((c) => c.op === '+').length, change: plan.changes.filter((c) => c.op === '~').length, delete: plan.changes.filter((c) => c.op === '-').length };
    const json = { file: opts.file as string, dry_run: opts.dryRun === true, prune: opts.prune === true, changes: lines, counts, problems, prunable: plan.prunable, unmanaged: plan.unmanaged };

    if (problems.length > 0) {
      if (format === 'json') printJson(ctx.io, { ...json, applied: false });
      throw new CliError(`the file cannot be applied; nothing was changed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    }
    const out = ctx.io.stdout;
    if (format === 'table') {
      if (lines.length === 0) out.write(`No changes: the account already matches ${opts.file as string}.\n`);
      else out.write(`Plan for account ${s.accountId} at ${s.profile.endpoint}:\n${lines.map((l) => `  ${l}`).join('\n')}\n${counts.create} to create, ${counts.change} to change, ${counts.delete} to delete.\n`);
      if (plan.prunable > 0) out.write(`${plan.prunable} thing${plan.prunable === 1 ? '' : 's'} in the account ${plan.prunable === 1 ? 'is' : 'are'} not in the file and left alone (--prune would delete ${plan.prunable === 1 ? 'it' : 'them'}).\n`);
      if (plan.unmanaged.length > 0) out.write(`Left alone (the file format cannot express them):\n${plan.unmanaged.map((u) => `  ${u}`).join('\n')}\n`);
    }
    if (opts.dryRun || lines.length === 0) {
      if (format === 'json') printJson(ctx.io, { ...json, applied: false });
      else if (opts.dryRun && lines.length > 0) out.write('Dry run: nothing was changed.\n');
      return;
    }
    // Only pruning deletes (a policy folded into another is part of a change): plans that create and change apply
    // unasked, as scripts run them.
    if (opts.yes !== true && plan.changes.some((c) => c.op === '-' && !(c.kind === 'policy' && c.folded))) {
      const question = `Apply this plan? It deletes ${counts.delete} thing${counts.delete === 1 ? '' : 's'}.`;
      // Standard input was the file: it has ended, so it cannot answer (even on a terminal, where Ctrl-D ended it).
      if (full === '-') {
        throw usageError(`not confirmed: "${question}" cannot be answered on standard input, which held the organization file; add -y (--yes) to go ahead without asking, or give the file by its path. Nothing was changed.`);
      }
      await confirm(ctx.io, question, '-y (--yes)');
    }
    const progress = startProgress(ctx.io, 'applying');
    const notes: string[] = [];
    try {
      await executePlan(s, state, plan.changes, {
        onChange: (c, i, total) => { progress.text = `${i + 1}/${total} ${describeChange(c)}`; },
        onNote: (m) => notes.push(m),
      });
    } finally {
      progress.stop();
    }
    if (format === 'json') return printJson(ctx.io, { ...json, applied: true, notes });
    for (const n of notes) out.write(`Note: ${n}\n`);
    out.write(`OK\nApplied: ${counts.create} created, ${counts.change} changed, ${counts.delete} deleted.\n`);
  });

  const exp = sub(program, 'export', 'Write the account as an organization file (the format `qgate apply` reads)', [
    'qgate export > org.yaml',
    'qgate export -f org.yaml',
    'qgate export -f org.yaml --yes',
  ])
    .option('-f, --file <path>', 'write to this file instead of standard output')
    // -f names the file, as in apply, so the confirmation is skipped with --yes there too.
    .option('-y, --yes', 'replace an existing --file without asking (required for one when standard input is not a terminal)');
  action(exp, async (_a, opts) => {
    const full = opts.file ? path.resolve(ctx.io.cwd ?? process.cwd(), opts.file as string) : undefined;
    // Checked and asked before the account is read, so that a refusal costs nothing.
    const out = full === undefined ? undefined : exportTarget(full);
    if (out?.question !== undefined && opts.yes !== true) await confirm(ctx.io, out.question, '-y (--yes)');
    const state = await readCurrentState(ctx.session());
    const header = [
      '# qgate organization file (schemas/org.schema.json); apply with: qgate apply -f <this file>',
      ...(state.unmanaged.length > 0 ? ['# Left out (the format cannot express them):', ...state.unmanaged.map((u) => `#   ${u}`)] : []),
    ].join('\n');
    const text = `${header}\n${orgYaml(toOrgFile(state))}`;
    for (const u of state.unmanaged) ctx.io.stderr.write(`note: left out ${u}\n`);
    if (full !== undefined && out !== undefined) {
      writeWhole(full, out.target, text);
      ctx.io.stderr.write(`Wrote ${full}.\n`);
    } else {
      ctx.io.stdout.write(text);
    }
  });
}
