/**
 * Sends mail by SMTP when `QGATE_SMTP_URL` is set, and otherwise writes each message as an RFC 822
 * file in `<data>/outbox/`, so that a self-hosted installation works (and can be tested) without a
 * mail server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  readonly description: string;
}

export function createMailer(options: { smtpUrl: string | undefined; dataDir: string; from: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    const host = new URL(options.smtpUrl).host;
    return {
      description: `smtp://${host}`,
      async send(message) {
        await transport.sendMail({ from: options.from, ...message });
      },
    };
  }
  const outbox = path.join(options.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `outbox ${outbox}`,
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      fs.mkdirSync(outbox, { recursive: true, mode: 0o700 });
      const safeTo = message.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}-${safeTo}.eml`;
      // Written under a temporary name and renamed, so a reader never sees half a message.
      const file = path.join(outbox, name);
      fs.writeFileSync(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    },
  };
}
