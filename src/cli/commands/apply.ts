/**
 * `qgate apply -f org.yaml [--dry-run] [--prune [--yes]]` and `qgate export [-f org.yaml [--yes]]`: organization as
 * code. The file is read and checked, the account read, a plan shown as a diff, and only then are the changes made; a
 * plan that prunes asks first, and so does an export that would replace a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Document, isScalar, isSeq, visit } from 'yaml';
import { action, outputOf, sub, withOutput, type Ctx } from '../command-kit.js';
import { outputTarget, fsReason, writeWhole } from '../files.js';
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
    const out = full === undefined ? undefined : outputTarget(full);
    if (out?.question !== undefined && opts.yes !== true) await confirm(ctx.io, out.question, '-y (--yes)');
    const state = await readCurrentState(ctx.session());
    const header = [
      '# qgate organization file (schemas/org.schema.json); apply with: qgate apply -f <this file>',
      ...(state.unmanaged.length > 0 ? ['# Left out (the format cannot express them):', ...state.unmanaged.map((u) => `#   ${u}`)] : []),
    ].join('\n');
    const text = `${header}\n${orgYaml(toOrgFile(state))}`;
    for (const u of state.unmanaged) ctx.io.stderr.write(`note: left out ${u}\n`);
    if (full !== undefined && out !== undefined) {
      try {
        writeWhole(out.target, text);
      } catch (err) {
        throw new CliError(`cannot write ${full}: ${fsReason(err)}`);
      }
      ctx.io.stderr.write(`Wrote ${full}.\n`);
    } else {
      ctx.io.stdout.write(text);
    }
  });
}
