/**
 * Every dependency that runs a script at install time has been reviewed: it is approved (or denied) by name in
 * package.json "allowScripts". A new dependency with an install script fails here until someone decides.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(fs.readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));

describe('install scripts', () => {
  it('are listed in package.json allowScripts for every locked package that has one', () => {
    const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const allow = (read('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    const unreviewed = Object.entries(lock.packages)
      .filter(([location, entry]) => location !== '' && entry.hasInstallScript)
      .map(([location]) => location.replace(/^.*node_modules\//, ''))
      .filter((name) => typeof allow[name] !== 'boolean');
    expect(unreviewed, 'add each to package.json "allowScripts" (true to run its script, false to skip it)').toEqual([]);
  });
});
