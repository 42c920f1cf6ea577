/**
 * Renders the API's TypeScript types from the OpenAPI document of a qgate started on a scratch SQLite store.
 * Shared by the generator script and the test that keeps src/client/api-types.ts current.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import { createQgate } from '#src/app.js';
import { loadConfig } from '#src/config/config.js';
import { createLogger } from '#src/platform/logger.js';

const HEADER = `/**
 * qgate's HTTP API as TypeScript types, generated from GET /openapi.json by \`npm run generate:client\`.
 * Do not edit: change the routes' schemas and regenerate.
 */
`;

export async function renderApiTypes(dataDir: string): Promise<string> {
  const config = loadConfig({ QGATE_DATA_DIR: dataDir, QGATE_PORT: '0', QGATE_ADMIN_PASSWORD: 'generate-client-password', QGATE_ADMIN_APIKEY: 'generate-client-api-key-0123456789' });
  const qgate = await createQgate(config, { log: createLogger({ level: 'silent' }) });
  try {
    const spec = qgate.app.swagger() as unknown as Parameters<typeof openapiTS>[0];
    const ast = await openapiTS(spec, { alphabetize: true, exportType: false });
    return HEADER + astToString(ast);
  } finally {
    await qgate.close();
  }
}
