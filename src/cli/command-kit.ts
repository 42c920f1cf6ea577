/**
 * Small helpers every command group uses: the shared context, `--output` on listings, help examples, `--force` and
 * the confirmation it skips, and actions that receive their arguments and options as plain values.
 */
import { Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { usageError } from './io.js';
import { OUTPUT_FORMATS, parseOutput, printJson, type OutputFormat } from './output.js';
import { confirm } from './prompt.js';
import { openSession, type Session } from './session.js';

export interface Ctx {
  readonly io: CliIo;
  /** The signed-in session (opened on first use: commands that need none never read the profile). */
  session(): Session;
}

export function createCtx(io: CliIo): Ctx {
  let session: Session | undefined;
  return { io, session: () => (session ??= openSession(io)) };
}

export type Opts = Record<string, any>;

/** Adds a subcommand with a description and `Examples:` in its help. */
export function sub(parent: Command, spec: string, description: string, examples: readonly string[] = []): Command {
  const cmd = parent.command(spec).description(description);
  if (examples.length > 0) cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  return cmd;
}

/** `--output json|table`, on every command that prints something a script may want. */
export function withOutput(cmd: Command): Command {
  return cmd.addOption(new Option('--output <format>', 'json or table').choices(OUTPUT_FORMATS as string[]).default('table'));
}

export function outputOf(opts: Opts): OutputFormat {
  return parseOutput(opts.output as string | undefined);
}

/** The end of a command that changed something: `OK` and a sentence for people, or the JSON for scripts. */
export function done(ctx: Ctx, opts: Opts, json: unknown, message: string): void {
  if (outputOf(opts) === 'json') printJson(ctx.io, json);
  else ctx.io.stdout.write(`OK\n${message}\n`);
}

/** `-f, --force` on a command that deletes or removes: as in ibmcloud, it only skips the confirmation. */
export function withForce(cmd: Command): Command {
  return cmd.option('-f, --force', 'do not ask for confirmation (required when standard input is not a terminal)');
}

/**
 * Asks before a destructive change unless --force (`--output json` does not imply it). A question that needs more
 * reading to be put (what else goes with it) is a function, so that --force costs no extra call.
 */
export async function confirmed(ctx: Ctx, opts: Opts, question: string | (() => Promise<string>)): Promise<void> {
  if (opts.force !== true) await confirm(ctx.io, typeof question === 'string' ? question : await question());
}

export function action(cmd: Command, fn: (args: string[], opts: Opts) => Promise<void> | void): Command {
  return cmd.action(async function (this: Command) {
    await fn(this.processedArgs as string[], this.opts());
  });
}

/** A comma-separated list option (`--roles Viewer,Writer`). */
export function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);
}

/** A positive integer option. */
export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`option '${name}' must be a positive whole number, not '${value}'`);
  return n;
}
