/**
 * For the suites that sign in through an identity provider: a qgate server on a port known in advance (the provider
 * must send people back to its public URL), an OpenID Connect provider on loopback for one realm, and Chromium.
 */
import type { Browser } from 'playwright-core';
import { freePort } from '../helpers/child-server.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser } from './browser.js';

export async function startFederatedConsole(realm: string): Promise<{ t: TestServer; idp: TestIdp; browser: Browser; publicUrl: string }> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  // The test provider speaks plain http on loopback, which the server allows only with QGATE_IDP_ALLOW_INSECURE.
  const idp = await startTestIdp({ redirectUris: [`${publicUrl}/login/${realm}/callback`] });
  const [t, browser] = await Promise.all([
    startTestServer({ store: 'sqlite', env: { QGATE_PORT: String(port), QGATE_PUBLIC_URL: publicUrl, QGATE_IDP_ALLOW_INSECURE: 'true' } }),
    launchBrowser(),
  ]);
  return { t, idp, browser, publicUrl };
}
