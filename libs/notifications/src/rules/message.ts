/** Who is told: a person with an account, or (invitations) an address alone. */
export interface Recipient {
  userId: string | null;
  email: string;
  name: string | null;
}

/** What a person is told, in plain language; rendered as text and HTML for e-mail. */
export interface Message {
  /** The in-app title and the e-mail subject. */
  title: string;
  /** Short paragraphs, each one sentence or two. */
  paragraphs: string[];
  /** Where to act: a path under PUBLIC_URL (built into an absolute link). */
  link?: { path: string; label: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function absoluteLink(publicUrl: string, path: string): string {
  return `${publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * The e-mail of a message: a plain-text body and an HTML one saying the same, a greeting by
 * name, and (for non-essential mail) how to stop it, with a `List-Unsubscribe` header.
 */
export function renderEmail(
  message: Message,
  recipient: Recipient,
  options: { publicUrl: string; essential: boolean },
): RenderedEmail {
  const greeting = recipient.name ? `Hello ${recipient.name},` : 'Hello,';
  const link = message.link
    ? { label: message.link.label, url: absoluteLink(options.publicUrl, message.link.path) }
    : null;
  const preferences = absoluteLink(options.publicUrl, '/account/notifications');
  const footer = options.essential
    ? 'You receive this e-mail because it concerns something you take part in on Catalyst.'
    : `You can turn off e-mails like this one in your notification settings: ${preferences}`;
  const text = [
    greeting,
    '',
    ...message.paragraphs.flatMap((p) => [p, '']),
    ...(link ? [`${link.label}: ${link.url}`, ''] : []),
    '—',
    footer,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escape(message.title)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">',
    `<p>${escape(greeting)}</p>`,
    ...message.paragraphs.map((p) => `<p>${escape(p)}</p>`),
    ...(link ? [`<p><a href="${escape(link.url)}">${escape(link.label)}</a></p>`] : []),
    `<hr><p style="font-size: 14px; color: #505a5f">${
      options.essential
        ? escape(footer)
        : `You can turn off e-mails like this one in <a href="${escape(preferences)}">your notification settings</a>.`
    }</p>`,
    '</body></html>',
  ].join('\n');
  const headers: Record<string, string> = options.essential
    ? {}
    : { 'List-Unsubscribe': `<${preferences}>` };
  return { subject: message.title, text, html, headers };
}
