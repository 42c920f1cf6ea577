/**
 * Questions on the terminal: a secret, typed with the characters hidden (otherwise one line from standard input,
 * so scripts and tests can pipe it: `echo "$PASSWORD" | qgate login -u …`), and a yes/no confirmation before a
 * destructive change, which is only ever asked on a terminal.
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from './io.js';
import { CliError, usageError } from './io.js';

/**
 * One line typed on the terminal after `question` (written to standard error). Ctrl-C cancels with exit code 130;
 * Ctrl-D on an empty line ends the input, which `onEnd` turns into an answer or an error.
 */
async function askTerminal(io: CliIo, question: string, echo: boolean, onEnd: () => string): Promise<string> {
  // An echoing readline redraws its line, prompt included, so the question must be its prompt; a muted one shows nothing.
  if (!echo) io.stderr.write(question);
  let muted = !echo;
  let answered = false;
  // readline echoes what it reads to `output`; this output swallows it while a secret is typed.
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) io.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: io.stdin, output, terminal: true });
  try {
    // In raw mode Ctrl-C and Ctrl-D reach readline, not the process: both end the question instead of leaving it hanging.
    return await new Promise<string>((resolve, reject) => {
      rl.on('SIGINT', () => reject(new CliError('cancelled', 130)));
      rl.on('close', () => {
        try {
          resolve(onEnd());
        } catch (err) {
          reject(err);
        }
      });
      rl.question(echo ? question : '', (line) => {
        answered = true;
        resolve(line);
      });
    });
  } finally {
    muted = true;
    // Enter already moved an echoing prompt to the next line; anything else leaves the cursor after the question.
    if (!echo || !answered) io.stderr.write('\n');
    rl.close();
  }
}

export async function readSecret(io: CliIo, question: string): Promise<string> {
  if (io.stdin.isTTY) {
    return askTerminal(io, question, false, () => {
      throw new CliError('cancelled: nothing was typed', 130);
    });
  }
  return readLine(io);
}

/**
 * Asks `question [y/N]` on the terminal and resolves only on y or yes; any other answer, or none (Ctrl-D), is no:
 * `cancelled`, exit code 1. Without a terminal nobody can answer, so it is refused as a usage error (exit code 2)
 * that names the option skipping it (`skip`: --force, or apply's --yes), which callers check before asking.
 */
export async function confirm(io: CliIo, question: string, skip = '-f (--force)'): Promise<void> {
  if (!io.stdin.isTTY) {
    throw usageError(`not confirmed: "${question}" can only be asked on a terminal; add ${skip} to go ahead without asking. Nothing was changed.`);
  }
  const answer = await askTerminal(io, `${question} [y/N] `, true, () => '');
  if (!/^(y|yes)$/i.test(answer.trim())) throw new CliError('cancelled: nothing was changed');
}

/** The first line of standard input (without its line ending). */
export async function readLine(io: CliIo): Promise<string> {
  const rl = readline.createInterface({ input: io.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
  } finally {
    rl.close();
  }
  throw new CliError('nothing to read on standard input (expected one line)');
}
