import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (src/**); integration suites under test/ start real servers.
export default defineConfig({
  // Tests run the TypeScript sources: `#src/x.js` is `src/x.ts` (package.json maps it to dist/ for npm start).
  resolve: { alias: [{ find: /^#src\/(.*)\.js$/, replacement: path.resolve(import.meta.dirname, 'src/$1.ts') }] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
