/** The invitation message: plain text and a small HTML part, both carrying the acceptance link. */
import type { MailMessage } from '#src/modules/mail/mailer.js';

export function invitationEmail(input: { to: string; accountName: string; inviterName: string; link: string; expiresAt: Date }): MailMessage {
  const expires = input.expiresAt.toUTCString();
  const text = [
    `${input.inviterName} invited you to join the account "${input.accountName}" on qgate.`,
    '',
    'To accept, open this link and choose a password:',
    input.link,
    '',
    `The link can be used once and expires on ${expires}.`,
    'If you did not expect this invitation, ignore this message.',
  ].join('\n');
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<p>${escape(input.inviterName)} invited you to join the account <strong>${escape(input.accountName)}</strong> on qgate.</p>
<p><a href="${escape(input.link)}">Accept the invitation</a></p>
<p>The link can be used once and expires on ${escape(expires)}.</p>`;
  return { to: input.to, subject: `You are invited to ${input.accountName} on qgate`, text, html };
}
