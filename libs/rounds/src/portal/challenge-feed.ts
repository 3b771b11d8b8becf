import type { Challenge } from '../challenges/challenge.entity';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * When the feed last changed: the latest publication among its entries (`now` when empty).
 * Sent as `<updated>` and as the Last-Modified header.
 */
export function feedUpdated(challenges: readonly Challenge[], now: Date): Date {
  return challenges[0]?.publishedAt ?? now;
}

/**
 * The Atom feed of newly published challenges. `baseUrl` is PUBLIC_URL (never the request's
 * Host header, which any client can set), so the feed's `<id>` and links are stable. Entry ids
 * are stable `urn:uuid:` ids. `updated` is from `feedUpdated`.
 *
 * Written by hand rather than with the `feed` package: that package declares every title and
 * summary `type="html"` (so a sponsor's `<b>` or `<img onerror>` would be rendered as markup by
 * feed readers) and leaves `<` unescaped in attribute values (not well-formed XML). Here the
 * sponsors' plain text is `type="text"`, every value is escaped, and characters XML cannot
 * carry are dropped.
 */
export function challengeFeed(
  challenges: readonly Challenge[],
  baseUrl: string,
  updated: Date,
  programme?: { slug: string; name: string },
): string {
  const all = `${baseUrl}/api/v1/public/challenges`;
  const portal = programme
    ? `${baseUrl}/api/v1/public/programmes/${encodeURIComponent(programme.slug)}/challenges`
    : all;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${text(`${portal}.atom`)}</id>`,
    `  <title type="text">${text(programme ? programme.name : 'Catalyst')}: newly published challenges</title>`,
    '  <subtitle type="text">Public-sector challenges open for applications</subtitle>',
    `  <updated>${updated.toISOString()}</updated>`,
    '  <generator>Catalyst</generator>',
    `  <link rel="alternate" type="application/json" href="${attr(portal)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${attr(`${portal}.atom`)}"/>`,
    '  <rights type="text">Each challenge belongs to its sponsor</rights>',
    ...challenges.flatMap((c) => entry(c, all)),
    '</feed>',
  ];
  return `${lines.join('\n')}\n`;
}

function entry(c: Challenge, portal: string): string[] {
  const published = (c.publishedAt ?? c.updatedAt).toISOString();
  const closes = c.round
    ? ` Applications close ${inZone(c.round.closesAt, c.round.timezone)} (${c.round.timezone} time).`
    : '';
  return [
    '  <entry>',
    `    <id>urn:uuid:${c.id}</id>`,
    `    <title type="text">${text(c.title)}</title>`,
    `    <link rel="alternate" href="${attr(`${portal}/${c.id}`)}"/>`,
    `    <published>${published}</published>`,
    `    <updated>${published}</updated>`,
    `    <summary type="text">${text(`${c.summary}${closes}`)}</summary>`,
    ...(c.sponsorOrganisation
      ? ['    <author>', `      <name>${text(c.sponsorOrganisation.name)}</name>`, '    </author>']
      : []),
    ...c.tags.map((tag) => `    <category term="${attr(tag)}" label="${attr(tag)}"/>`),
    '  </entry>',
  ];
}

/** `1 July 2027, 12:00` as the round's zone shows that instant. */
function inZone(at: Date, zone: string): string {
  const part = (type: Intl.DateTimeFormatPartTypes, parts: Intl.DateTimeFormatPart[]) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const p = (type: Intl.DateTimeFormatPartTypes) => part(type, parts);
  return `${p('day')} ${p('month')} ${p('year')}, ${p('hour')}:${p('minute')}`;
}

/** Characters XML 1.0 cannot carry at all (escaping does not help). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}
