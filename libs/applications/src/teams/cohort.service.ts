import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageQueryDto, mapPage, paginate } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { RoundsService } from '@catalyst/rounds';
import { CohortPolicy } from './cohort.policy';
import type { CohortTeamResponse } from './dto/cohort-team.view';
import { Team } from './team.entity';

/** A round's cohort: its teams in the order they were selected, names joined in one query. */
@Injectable()
export class CohortService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: CohortPolicy,
    private readonly rounds: RoundsService,
  ) {}

  async list(actor: Actor, roundId: string, page: PageQueryDto): Promise<Page<CohortTeamResponse>> {
    // The round's own policy first: a round the caller may not see (a draft) is 404.
    await this.rounds.get(actor, roundId);
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
