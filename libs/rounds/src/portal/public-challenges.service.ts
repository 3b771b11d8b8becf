import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { Clock, NotFoundError, Page, paginate } from '@catalyst/common';
import { Challenge } from '../challenges/challenge.entity';
import { applyChallengeFilters } from '../challenges/challenge.filters';
import type { PublicChallengeQueryDto } from './list-public-challenges.query';

/** How many entries the Atom feed carries (the newest publications). */
export const FEED_SIZE = 50;

/**
 * The open innovation portal, for anyone without an account: published challenges of rounds
 * that are open and whose closing time has not passed — exactly what a company can still
 * apply to — across every programme of the instance, or of one programme. Everything else (drafts, challenges awaiting approval, closed or withdrawn ones,
 * challenges of rounds not yet open or already closed) is not found.
 */
@Injectable()
export class PublicChallengesService {
  constructor(
    @InjectRepository(Challenge) private readonly challenges: Repository<Challenge>,
    private readonly clock: Clock,
  ) {}

  /** Soonest deadline first, one query per page; every programme's, or one programme's. */
  list(query: PublicChallengeQueryDto): Promise<Page<Challenge>> {
    const qb = applyChallengeFilters(this.open(query.programme), {
      tag: query.tag,
      sponsorOrganisationId: query.sponsorOrganisationId,
      q: query.q,
    });
    return paginate(qb, {
      alias: 'c',
      sortExpression: 'r.closes_at',
      sortType: 'timestamptz',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  async get(id: string): Promise<Challenge> {
    const challenge = await this.open().andWhere('c.id = :id', { id }).getOne();
    if (!challenge) throw new NotFoundError('Challenge', id);
    return challenge;
  }

  /** The newest publications, newest first, for the Atom feed (of one programme with `slug`). */
  latest(limit = FEED_SIZE, programmeSlug?: string): Promise<Challenge[]> {
    return this.open(programmeSlug)
      .orderBy('c.published_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  private open(programmeSlug?: string): SelectQueryBuilder<Challenge> {
    const qb = this.challenges
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.round', 'r')
      .innerJoinAndSelect('c.sponsorOrganisation', 'o')
      .innerJoinAndSelect('c.programme', 'p')
      .where(`c.status = 'published'`)
      .andWhere(`r.status = 'open'`)
      .andWhere('r.closes_at > :now', { now: this.clock.now() });
    if (programmeSlug !== undefined) qb.andWhere('p.slug = :programmeSlug', { programmeSlug });
    return qb;
  }
}
