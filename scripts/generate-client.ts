/**
 * Writes src/client/api-types.ts: the TypeScript description of qgate's HTTP API, generated from the OpenAPI
 * document the server itself serves, so that the CLI and the console are typed against the real routes.
 * Run with `npm run generate:client` after changing a route; a test fails while the file is out of date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiTypes } from './render-api-types.js';

const target = fileURLToPath(new URL('../src/client/api-types.ts', import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgate-openapi-'));
try {
  const source = await renderApiTypes(dataDir);
  fs.writeFileSync(target, source);
  console.log(`wrote ${path.relative(process.cwd(), target)} (${source.length} characters)`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
