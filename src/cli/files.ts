/**
 * Writing files a person names or the CLI keeps: checked before any other work, and written whole (aside, then
 * renamed), so that an interrupted command never leaves half a file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { CliError, usageError } from './io.js';

/** A file system error as its code and what it means (`EACCES (permission denied)`), without the path it was about. */
export function fsReason(err: unknown): string {
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
 * Where a command that writes the file `full` a person named writes it, and what it asks first; found before any
 * other work, so that a refusal costs nothing. A symbolic link is written through, a dangling one too (as the shell's `>` does), after asking, since
 * such a link may point somewhere its owner no longer expects; the link itself is kept.
 */
export function outputTarget(full: string): { target: string; question?: string } {
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
 * Writes `text` to a temporary file beside `target`, then renames it over `target`: an interruption leaves the old
 * file or none, never half of one. The file gets `mode`, or keeps the mode of the file it replaces; the mode is set
 * before anything is written, so a secret is never readable by others, even for a moment. A failure removes the
 * temporary file and throws the system's error.
 */
export function writeWhole(target: string, text: string, mode?: number): void {
  let keep = mode;
  if (keep === undefined) {
    try {
      keep = fs.statSync(target).mode & 0o7777;
    } catch {
      // A new file: created with the default mode, as a plain write would.
    }
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', keep ?? 0o666);
    try {
      // The umask applies at creation: the mode asked for (or kept) is set before the text is in the file.
      if (keep !== undefined) fs.fchmodSync(fd, keep);
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
