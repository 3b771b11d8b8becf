import { Feed } from 'feed';
import type { Challenge } from '../challenges/challenge.entity';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * The Atom feed of newly published challenges. `baseUrl` is the API's public origin (as the
 * client reached it), so links work behind a proxy. Entry ids are stable `urn:uuid:` ids.
 */
export function challengeFeed(
  challenges: readonly Challenge[],
  baseUrl: string,
  now: Date,
): string {
  const portal = `${baseUrl}/api/v1/public/challenges`;
  const feed = new Feed({
    id: `${portal}.atom`,
    title: 'Catalyst: newly published challenges',
    description: 'Public-sector challenges open for applications',
    link: portal,
    feedLinks: { atom: `${portal}.atom` },
    updated: challenges[0]?.publishedAt ?? now,
    generator: 'Catalyst',
    copyright: 'Each challenge belongs to its sponsor',
    language: 'en',
  });
  for (const c of challenges) {
    const closes = c.round
      ? ` Applications close ${c.round.closesAt.toISOString()} (${c.round.timezone}).`
      : '';
    feed.addItem({
      id: `urn:uuid:${c.id}`,
      title: c.title,
      link: `${portal}/${c.id}`,
      date: c.publishedAt ?? c.updatedAt,
      published: c.publishedAt ?? c.updatedAt,
      description: `${c.summary}${closes}`,
      author: c.sponsorOrganisation ? [{ name: c.sponsorOrganisation.name }] : undefined,
      category: c.tags.map((tag) => ({ name: tag, term: tag })),
    });
  }
  return feed.atom1();
}
