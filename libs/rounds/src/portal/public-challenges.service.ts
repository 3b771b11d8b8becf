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
 * apply to. Everything else (drafts, challenges awaiting approval, closed or withdrawn ones,
 * challenges of rounds not yet open or already closed) is not found.
 */
@Injectable()
export class PublicChallengesService {
  constructor(
    @InjectRepository(Challenge) private readonly challenges: Repository<Challenge>,
    private readonly clock: Clock,
  ) {}

  /** Soonest deadline first, one query per page. */
  list(query: PublicChallengeQueryDto): Promise<Page<Challenge>> {
    const qb = applyChallengeFilters(this.open(), {
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

  /** The newest publications, newest first, for the Atom feed. */
  latest(limit = FEED_SIZE): Promise<Challenge[]> {
    return this.open()
      .orderBy('c.published_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  private open(): SelectQueryBuilder<Challenge> {
    return this.challenges
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.round', 'r')
      .innerJoinAndSelect('c.sponsorOrganisation', 'o')
      .where(`c.status = 'published'`)
      .andWhere(`r.status = 'open'`)
      .andWhere('r.closes_at > :now', { now: this.clock.now() });
  }
}
