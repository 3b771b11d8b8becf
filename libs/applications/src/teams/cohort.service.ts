import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, Page, PageQueryDto, mapPage, paginate } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { Round } from '@catalyst/rounds';
import { CohortPolicy } from './cohort.policy';
import type { CohortTeamResponse } from './dto/cohort-team.view';
import { Team } from './team.entity';

/** A round's cohort: its teams in the order they were selected, names joined in one query. */
@Injectable()
export class CohortService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: CohortPolicy,
  ) {}

  async list(actor: Actor, roundId: string, page: PageQueryDto): Promise<Page<CohortTeamResponse>> {
    const round = await this.dataSource.manager.findOne(Round, {
      select: { id: true },
      where: { id: roundId },
    });
    if (!round) throw new NotFoundError('Round', roundId);
    const qb = this.dataSource
      .getRepository(Team)
      .createQueryBuilder('team')
      .innerJoin('team.startupOrganisation', 'startup')
      .addSelect(['startup.id', 'startup.name'])
      .innerJoin('team.challenge', 'challenge')
      .addSelect(['challenge.id', 'challenge.title'])
      .innerJoin('team.sponsorOrganisation', 'sponsor')
      .addSelect(['sponsor.id', 'sponsor.name'])
      .where('team.roundId = :roundId', { roundId });
    const filter = this.policy.listFilter(actor);
    if (filter) qb.andWhere(filter.sql, filter.params);
    const teams = await paginate(qb, {
      alias: 'team',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    return mapPage(teams, (team) => ({
      id: team.id,
      applicationId: team.applicationId,
      startupOrganisationId: team.startupOrganisationId,
      startupName: team.startupOrganisation?.name ?? '',
      challengeId: team.challengeId,
      challengeTitle: team.challenge?.title ?? '',
      sponsorOrganisationId: team.sponsorOrganisationId,
      sponsorName: team.sponsorOrganisation?.name ?? '',
      createdAt: team.createdAt.toISOString(),
    }));
  }
}
