/**
 * Reading a secret: on a terminal with the typed characters hidden; otherwise one line from standard input,
 * so scripts and tests can pipe it (`echo "$PASSWORD" | qgate login -u …`).
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from './io.js';
import { CliError } from './io.js';

export async function readSecret(io: CliIo, question: string): Promise<string> {
  if (io.stdin.isTTY) {
    io.stderr.write(question);
    let muted = true;
    // readline echoes what it reads to `output`; this output swallows it while the secret is typed.
    const output = new Writable({
      write(chunk, _enc, done) {
        if (!muted) io.stderr.write(chunk);
        done();
      },
    });
    const rl = readline.createInterface({ input: io.stdin, output, terminal: true });
    try {
      // In raw mode Ctrl-C and Ctrl-D reach readline, not the process: both cancel the prompt instead of leaving it hanging.
      return await new Promise<string>((resolve, reject) => {
        rl.on('SIGINT', () => reject(new CliError('cancelled', 130)));
        rl.on('close', () => reject(new CliError('cancelled: nothing was typed', 130)));
        rl.question('', resolve);
      });
    } finally {
      muted = false;
      io.stderr.write('\n');
      rl.close();
    }
  }
  return readLine(io);
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
