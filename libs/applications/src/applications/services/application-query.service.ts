import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, allowedTransitions, mapPage, paginate } from '@catalyst/common';
import { Actor, assertVisible } from '@catalyst/identity';
import { Application } from '../application.entity';
import { loadApplication } from '../application.loader';
import { ApplicationPolicy } from '../application.policy';
import { ApplicationResponse, toApplicationResponse } from '../dto/application.view';
import type { ListApplicationsQueryDto } from '../dto/list-applications.query';
import { APPLICATION_STATE_MACHINE } from '../application.state-machine';

/** Reading applications: one query per item or page, filtered by the policy in SQL. */
@Injectable()
export class ApplicationQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: ApplicationPolicy,
  ) {}

  async get(actor: Actor, id: string): Promise<ApplicationResponse> {
    const { application, facts } = await loadApplication(this.dataSource.manager, id);
    assertVisible(this.policy.canView(actor, facts), 'Application', id);
    return this.view(actor, application);
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  async list(actor: Actor, query: ListApplicationsQueryDto): Promise<Page<ApplicationResponse>> {
    const qb = this.dataSource
      .getRepository(Application)
      .createQueryBuilder('application')
      .innerJoin('application.challenge', 'challenge')
      .addSelect(['challenge.id', 'challenge.title', 'challenge.sponsorOrganisationId'])
      .innerJoin('challenge.round', 'round')
      .innerJoin('application.startupOrganisation', 'startup')
      .addSelect(['startup.id', 'startup.name']);
    const filter = this.policy.listFilter(actor);
    if (filter) qb.andWhere(filter.sql, filter.params);
    if (query.challengeId)
      qb.andWhere('application.challengeId = :challengeId', { challengeId: query.challengeId });
    if (query.roundId) qb.andWhere('application.roundId = :roundId', { roundId: query.roundId });
    if (query.programmeId) {
      qb.andWhere('application.programmeId = :programmeId', { programmeId: query.programmeId });
    }
    if (query.startupOrganisationId) {
      qb.andWhere('application.startupOrganisationId = :startupOrganisationId', {
        startupOrganisationId: query.startupOrganisationId,
      });
    }
    if (query.status) qb.andWhere('application.status = :status', { status: query.status });
    const page = await paginate(qb, {
      alias: 'application',
      sortBy: 'createdAt',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (application) => this.view(actor, application));
  }

  /**
   * Per round of `roundIds`, how many of its applications the caller may see have been sent in
   * (drafts left out). One statement whatever the number of rounds.
   */
  async submittedCountsByRound(actor: Actor, roundIds: string[]): Promise<Map<string, number>> {
    if (!roundIds.length) return new Map();
    const qb = this.dataSource
      .getRepository(Application)
      .createQueryBuilder('application')
      .innerJoin('application.challenge', 'challenge')
      .innerJoin('challenge.round', 'round')
      .select('application.round_id', 'roundId')
      .addSelect('COUNT(*)::int', 'count')
      .where('application.round_id IN (:...countRounds)', { countRounds: roundIds })
      .andWhere(`application.status <> 'draft'`)
      .groupBy('application.round_id');
    const filter = this.policy.listFilter(actor);
    if (filter) qb.andWhere(filter.sql, filter.params);
    const rows = await qb.getRawMany<{ roundId: string; count: number }>();
    return new Map(rows.map((r) => [r.roundId, r.count]));
  }

  /** The application with the caller's moves, from the table and the policy alone. */
  private view(actor: Actor, application: Application): ApplicationResponse {
    return toApplicationResponse(
      application,
      allowedTransitions(
        APPLICATION_STATE_MACHINE,
        application.status,
        this.policy.actorsFor(actor, application),
      ),
    );
  }
}
