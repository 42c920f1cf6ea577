import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, appError } from './registry.js';

describe('error registry', () => {
  const doc = fs.readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Map([...doc.matchAll(/^\| `(\w+)` \| (\d+) \|/gm)].map((m) => [m[1]!, Number(m[2])]));

  it('documents every code with its status in docs/errors.md, and nothing else', () => {
    const registry = new Map(Object.entries(ERROR_CODES).map(([code, e]) => [code, e.status]));
    expect(documented).toEqual(registry);
  });

  it('builds errors with the registered status', () => {
    const err = appError('user_pending', 'm');
    expect(err.status).toBe(409);
    expect(err.code).toBe('user_pending');
  });
});
