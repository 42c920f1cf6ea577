/**
 * `npm run bench [-- NAME...]`: runs every `bench/*.bench.ts`, or those whose file name contains one
 * of the NAMEs, one after another, each in its own `node --import tsx` process with its output
 * streamed. Exits 1 if any of them fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);
const filters = process.argv.slice(2).filter((a) => a !== '--');

const all = fs.readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort();
const selected = filters.length === 0 ? all : all.filter((f) => filters.some((name) => f.includes(name)));
if (selected.length === 0) {
  process.stderr.write(`no benchmark matches ${filters.join(', ') || '(none found)'}; available: ${all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ') || 'none'}\n`);
  process.exit(2);
}

// Servers are measured as `npm start` runs them: compiled, from dist/. Build it from the current sources first.
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('the build failed; nothing was measured\n');
  process.exit(1);
}

function runOne(file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=qgate-source', '--import', 'tsx', path.join('bench', file)], { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

let interrupted = false;
process.on('SIGINT', () => {
  // The child gets the same Ctrl-C from the terminal; stop after it ends.
  interrupted = true;
});

const outcomes: { name: string; ok: boolean; seconds: number; detail: string }[] = [];
for (const file of selected) {
  if (interrupted) break;
  const name = file.replace(/\.bench\.ts$/, '');
  const rule = '='.repeat(72);
  process.stdout.write(`\n${rule}\n bench: ${name}   (bench/${file}, ${new Date().toISOString()})\n${rule}\n`);
  const started = Date.now();
  const { code, signal } = await runOne(file);
  const seconds = (Date.now() - started) / 1000;
  const ok = code === 0;
  outcomes.push({ name, ok, seconds, detail: signal ? `signal ${signal}` : `exit ${String(code)}` });
}

process.stdout.write('\nbench summary:\n');
for (const o of outcomes) process.stdout.write(`  ${o.ok ? 'ok    ' : 'FAILED'} ${o.name.padEnd(24)} ${o.seconds.toFixed(1).padStart(6)} s  (${o.detail})\n`);
if (interrupted) process.stdout.write('  interrupted\n');
process.exitCode = interrupted || outcomes.some((o) => !o.ok) ? 1 : 0;
