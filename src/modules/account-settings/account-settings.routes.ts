/**
 * `GET`/`PUT /v1/accounts/{account_id}/settings/identity` (IAM Identity account settings).
 */
import type { App } from '#src/http/server.js';
import { contextOf } from '#src/http/request-context.js';
import type { AccountSettingsService } from './account-settings.service.js';
import { AccountParams, SettingsBody, SettingsQuery, SettingsResponse } from './account-settings.schemas.js';

const tags = ['IAM Identity: account settings'];
const config = { service: 'platform', auth: 'token' } as const;

export function accountSettingsRoutes(app: App, deps: { settings: AccountSettingsService }): void {
  app.get('/v1/accounts/:account_id/settings/identity', {
    config, schema: { tags, summary: "Get the account's identity settings", params: AccountParams, querystring: SettingsQuery, response: { 200: SettingsResponse } },
  }, async (req, reply) => {
    const view = await deps.settings.get(contextOf(req), req.params.account_id, req.query.include_history);
    void reply.header('etag', view.entity_tag);
    return view;
  });

  app.put('/v1/accounts/:account_id/settings/identity', {
    config,
    schema: { tags, summary: "Update the account's identity settings (If-Match: entity_tag or *); fields left out keep their value", params: AccountParams, body: SettingsBody, response: { 200: SettingsResponse } },
  }, async (req, reply) => {
    const view = await deps.settings.update(contextOf(req), req.params.account_id, req.headers['if-match'], req.body ?? {});
    void reply.header('etag', view.entity_tag);
    return view;
  });
}
