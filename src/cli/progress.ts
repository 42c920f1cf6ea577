/**
 * A progress display for long work (waiting for a job, applying a plan): a spinner on a terminal, nothing at
 * all otherwise, so that piped output and logs stay clean.
 */
import ora from 'ora';
import type { CliIo } from './io.js';

export interface Progress {
  text: string;
  stop(): void;
}

const none = (text: string): Progress => ({ text, stop() {} });

export function startProgress(io: CliIo, text: string): Progress {
  const { stderr, env } = io;
  if (stderr.isTTY !== true || env.TERM === 'dumb' || 'CI' in env) return none(text);
  // ora erases its line by the rows the text wraps to (its width / columns): a terminal that reports 0 columns (a
  // pseudo-terminal whose size was never set) makes that Infinity, and the erasing never ends. Without a width
  // nothing can be redrawn in place, so there is no spinner.
  if (stderr.columns !== undefined && !(stderr.columns > 0)) return none(text);
  // Enabled here, by the CLI's own environment (ora would read this process's TERM and CI).
  return ora({ text, stream: stderr, discardStdin: false, isEnabled: true }).start();
}
