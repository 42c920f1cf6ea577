/**
 * The built console's files (dist/console): index.html and the hashed assets Vite writes, read once and kept
 * in memory with their gzip form, since they never change while a server runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export interface ConsoleFile {
  readonly body: Buffer;
  readonly gzipped: Buffer | undefined;
  readonly contentType: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.map']);

/** dist/console from both src/modules/console (tests, npm run dev) and dist/modules/console (npm start). */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../dist/console', import.meta.url));

export function createConsoleFiles(dir: string) {
  // Only files found are kept: misses are looked for again (a build made while the server runs is picked up),
  // and unknown names cannot fill the memory.
  const cache = new Map<string, ConsoleFile>();
  const load = (relative: string): ConsoleFile | undefined => {
    const known = cache.get(relative);
    if (known) return known;
    const full = path.resolve(dir, relative);
    // Only files inside the console's folder, whatever the URL said.
    if (!full.startsWith(dir + path.sep) || !fs.existsSync(full) || !fs.statSync(full).isFile()) return undefined;
    const ext = path.extname(full);
    const body = fs.readFileSync(full);
    const file = { body, gzipped: COMPRESSIBLE.has(ext) && body.length > 512 ? zlib.gzipSync(body, { level: 9 }) : undefined, contentType: TYPES[ext] ?? 'application/octet-stream' };
    cache.set(relative, file);
    return file;
  };
  return {
    index: () => load('index.html'),
    asset: (name: string) => (/^[A-Za-z0-9._-]+$/.test(name) ? load(path.join('assets', name)) : undefined),
  };
}
