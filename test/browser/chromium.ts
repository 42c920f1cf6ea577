/**
 * Debian's Chromium driven by playwright-core (which never downloads a browser), and the console's first-load
 * weight; shared by the browser suites and bench/console.bench.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.QGATE_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const CONSOLE_DIR = path.resolve(import.meta.dirname, '../../dist/console');
/** The budget for the JavaScript and CSS of the first load, gzipped. */
export const FIRST_LOAD_BUDGET_BYTES = 300 * 1024;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

export interface FirstLoad {
  files: Array<{ name: string; bytes: number; gzipped: number }>;
  bytes: number;
  gzipped: number;
}

/**
 * What a browser fetches before the console can draw anything: the scripts, module preloads and stylesheets that
 * index.html names (Vite lists every static import of the entry as a modulepreload). Lazy screens are not counted.
 */
export function firstLoad(dir = CONSOLE_DIR): FirstLoad {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const names = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const files = [...new Set(names)].map((name) => {
    const body = fs.readFileSync(path.join(dir, name));
    return { name, bytes: body.length, gzipped: zlib.gzipSync(body, { level: 9 }).length };
  });
  return { files, bytes: files.reduce((n, f) => n + f.bytes, 0), gzipped: files.reduce((n, f) => n + f.gzipped, 0) };
}
