import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, NotFoundError, Page, PageQueryDto, paginate } from '@catalyst/common';
import { Programme } from '@catalyst/identity';
import type { PublicProgrammeView } from './public-programme.view';

/**
 * The programmes of the instance as the public portal lists them (every one: a programme
 * between calls still has a page), each with the number of its challenges open now — the same
 * rule as the portal's challenge list (PublicChallengesService).
 */
@Injectable()
export class PublicProgrammesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** By name: two queries per page (the programmes, then their open challenges counted). */
  async list(query: PageQueryDto): Promise<Page<PublicProgrammeView>> {
    const page = await paginate(this.dataSource.getRepository(Programme).createQueryBuilder('p'), {
      alias: 'p',
      sortBy: 'name',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const counts = await this.openChallenges(page.items.map((p) => p.id));
    return { items: page.items.map((p) => toView(p, counts)), nextCursor: page.nextCursor };
  }

  /** One programme by slug; 404 when there is none. */
  async get(slug: string): Promise<PublicProgrammeView> {
    const programme = await this.find(slug);
    return toView(programme, await this.openChallenges([programme.id]));
  }

  /** The programme with this slug, or 404. */
  async find(slug: string): Promise<Programme> {
    const programme = await this.dataSource.getRepository(Programme).findOneBy({ slug });
    if (!programme) throw new NotFoundError('Programme', slug);
    return programme;
  }

  private async openChallenges(programmeIds: string[]): Promise<Map<string, number>> {
    if (!programmeIds.length) return new Map();
    const rows: { programme_id: string; n: number }[] = await this.dataSource.query(
      `SELECT c.programme_id, count(*)::int AS n
         FROM challenges c JOIN rounds r ON r.id = c.round_id
        WHERE c.programme_id = ANY($1::uuid[]) AND c.status = 'published'
          AND r.status = 'open' AND r.closes_at > $2
        GROUP BY c.programme_id`,
      [programmeIds, this.clock.now()],
    );
    return new Map(rows.map((r) => [r.programme_id, r.n]));
  }
}

function toView(p: Programme, counts: Map<string, number>): PublicProgrammeView {
  return {
    slug: p.slug,
    name: p.name,
    shortDescription: p.shortDescription,
    contactEmail: p.contactEmail,
    websiteUrl: p.websiteUrl,
    openChallenges: counts.get(p.id) ?? 0,
  };
}
