/**
 * The console's first load (the JavaScript and CSS index.html pulls in before anything is drawn) stays within the
 * issue's budget of 300 KB gzipped; secondary screens are separate chunks fetched when opened.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from './browser.js';
import { FIRST_LOAD_BUDGET_BYTES, firstLoad } from './chromium.js';

describe('console bundle size', () => {
  beforeAll(() => ensureConsoleBuilt());

  it('keeps the first load\'s JavaScript and CSS within 300 KB gzipped', () => {
    const load = firstLoad();
    expect(load.files.some((f) => f.name.endsWith('.js'))).toBe(true);
    expect(load.files.some((f) => f.name.endsWith('.css'))).toBe(true);
    expect(load.gzipped, load.files.map((f) => `${f.name} ${f.gzipped} B`).join(', ')).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('leaves the secondary screens out of the first load', () => {
    const names = firstLoad().files.map((f) => f.name).join(' ');
    for (const lazy of ['JobPage', 'GroupPage', 'AuditPage', 'RolesPage', 'InvitePage']) expect(names).not.toContain(lazy);
  });
});
