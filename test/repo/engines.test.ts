/**
 * Every locked package runs on the oldest Node.js qgate supports (package.json "engines"): a dependency
 * that needs a newer Node fails here instead of at a user's `npm install` (npm only warns).
 */
import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(fs.readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));

describe('engines', () => {
  it('every locked package supports the oldest Node.js in package.json "engines"', () => {
    const oldest = semver.minVersion((read('package.json') as { engines: { node: string } }).engines.node)!.version;
    const lock = read('package-lock.json') as { packages: Record<string, { engines?: unknown; version?: string }> };
    const unsupported = Object.entries(lock.packages)
      .filter(([location, entry]) => location !== '' && typeof entry.engines === 'object' && entry.engines !== null)
      .map(([location, entry]) => ({ name: `${location.replace(/^.*node_modules\//, '')}@${entry.version}`, node: (entry.engines as { node?: string }).node }))
      .filter(({ node }) => typeof node === 'string' && !semver.satisfies(oldest, node))
      .map(({ name, node }) => `${name} needs Node ${node}`);
    expect(unsupported, `pin an older version (package.json "overrides") that runs on Node ${oldest}`).toEqual([]);
  });
});
