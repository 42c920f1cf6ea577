/**
 * The password prompt on a terminal (a stand-in TTY): what is typed is never echoed, Enter ends it, and Ctrl-C
 * cancels it with exit code 130 instead of leaving it waiting (readline swallows Ctrl-C in raw mode). The [y/N]
 * question: shown with the answer echoed, yes only on y or yes, never asked without a terminal.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError, type CliIo } from '#src/cli/io.js';
import { confirm, readSecret } from '#src/cli/prompt.js';

function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (_mode: boolean) => stdin });
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  let shown = '';
  stderr.on('data', (c: Buffer) => (shown += c.toString()));
  const io: CliIo = { stdin, stdout: new PassThrough(), stderr, env: {} };
  return { io, type: (s: string) => stdin.write(s), shown: () => shown };
}

describe('readSecret on a terminal', () => {
  it('reads a line without echoing it', async () => {
    const t = terminal();
    const answer = readSecret(t.io, 'Password: ');
    t.type('violet harbor\r');
    expect(await answer).toBe('violet harbor');
    expect(t.shown()).toBe('Password: \n');
  });

  it('cancels on Ctrl-C with exit code 130', async () => {
    const t = terminal();
    const answer = readSecret(t.io, 'Password: ');
    t.type('half typed');
    t.type('\x03');
    const err = await answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(130);
    expect(t.shown()).not.toContain('half typed');
  });
});

describe('confirm', () => {
  const outcome = (p: Promise<void>) => p.then(() => 0, (e: unknown) => (e instanceof CliError ? e.exitCode : -1));

  it('goes ahead on y or yes, showing the question and the answer', async () => {
    for (const typed of ['y\r', 'Yes\r', ' yes \r']) {
      const t = terminal();
      const asked = confirm(t.io, 'Delete access group ml?');
      t.type(typed);
      expect(await outcome(asked)).toBe(0);
      expect(t.shown()).toContain('Delete access group ml? [y/N] ');
      expect(t.shown()).toContain(`${typed.slice(0, -1)}\r\n`);
    }
  });

  it('takes anything else, or the end of input, for no (exit 1) and Ctrl-C for cancelled (exit 130)', async () => {
    for (const typed of ['n\r', '\r', 'yep\r', '\x04']) {
      const t = terminal();
      const asked = confirm(t.io, 'Delete access group ml?');
      t.type(typed);
      expect(await outcome(asked), JSON.stringify(typed)).toBe(1);
    }
    const t = terminal();
    const asked = confirm(t.io, 'Delete access group ml?');
    t.type('\x03');
    expect(await outcome(asked)).toBe(130);
  });

  it('refuses without a terminal, naming --force, and reads nothing', async () => {
    const stdin = new PassThrough();
    stdin.end('y\n');
    const err = await confirm({ stdin, stdout: new PassThrough(), stderr: new PassThrough(), env: {} }, 'Delete access group ml?').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).message).toContain('"Delete access group ml?" can only be asked on a terminal; add -f (--force)');
    expect(stdin.read()?.toString()).toBe('y\n');
  });
});
