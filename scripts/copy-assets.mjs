// Copies the files tsc does not emit (plain .mjs modules) from src/ into dist/ after a build.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const file of walk(path.join(root, 'src')).filter((f) => f.endsWith('.mjs'))) {
  const target = path.join(root, 'dist', path.relative(path.join(root, 'src'), file));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(file, target);
}
