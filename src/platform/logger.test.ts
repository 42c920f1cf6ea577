import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { redactUrl } from '#src/http/server.js';

describe('logger', () => {
  it('writes JSON with secrets redacted', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger({ level: 'info', destination });
    log.info({ password: 'hunter2hunter2', body: { apikey: 'k'.repeat(40), refresh_token: 'rt', name: 'ok' }, req: { headers: { authorization: 'Bearer abc' } } }, 'x');
    const entry = JSON.parse(lines[0]!);
    expect(entry.password).toBe('[Redacted]');
    expect(entry.body).toEqual({ apikey: '[Redacted]', refresh_token: '[Redacted]', name: 'ok' });
    expect(entry.req.headers.authorization).toBe('[Redacted]');
    expect(lines[0]).not.toContain('hunter2');
  });

  it('hides invitation links in logged URLs', () => {
    expect(redactUrl('/v2/invitations/abcDEF123_-xyz/accept')).toBe('/v2/invitations/[Redacted]/accept');
    expect(redactUrl('/invite/abcDEF123?x=1')).toBe('/invite/[Redacted]?x=1');
    expect(redactUrl('/v1/apikeys/ApiKey-1')).toBe('/v1/apikeys/ApiKey-1');
  });
});
