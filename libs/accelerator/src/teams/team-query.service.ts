import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Team } from '@catalyst/applications';
import { Clock, Page, mapPage, paginate } from '@catalyst/common';
import { DocumentReferencesService } from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import { AcceleratorPolicy } from '../accelerator.policy';
import { Milestone } from '../milestones/milestone.entity';
import { isOverdue, paymentTotals } from '../milestones/milestone.rules';
import { MilestonesService } from '../milestones/milestones.service';
import { MilestonePlan } from '../plans/milestone-plan.entity';
import { MilestonePlanTransitionsService } from '../plans/milestone-plan-transitions.service';
import { ProgressUpdate } from '../updates/progress-update.entity';
import { toProgressUpdateView } from '../updates/progress-update.view';
import type { ListTeamsQueryDto } from './list-teams.query';
import { TeamContext, TeamContextLoader } from './team-context.loader';
import type { TeamSummaryView, TeamView } from './team.view';

/** The teams as their three audiences read them; a fixed number of queries per call. */
@Injectable()
export class TeamQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamContextLoader,
    private readonly milestones: MilestonesService,
    private readonly plans: MilestonePlanTransitionsService,
    private readonly policy: AcceleratorPolicy,
    private readonly clock: Clock,
    private readonly documents: DocumentReferencesService,
  ) {}

  /** The team at a glance: five queries whatever it holds (the fifth, its documents, if any). */
  async get(actor: Actor, teamId: string): Promise<TeamView> {
    const team = await this.teams.visible(actor, teamId);
    const manager = this.dataSource.manager;
    const [plan, milestones, latest] = await Promise.all([
      manager.findOneBy(MilestonePlan, { teamId }),
      manager.find(Milestone, { where: { teamId }, order: { dueOn: 'ASC', id: 'ASC' } }),
      manager.findOne(ProgressUpdate, {
        where: { teamId },
        relations: { sprint: true },
        order: { createdAt: 'DESC', id: 'DESC' },
      }),
    ]);
    const documents = await this.documents.describe(manager, [
      ...milestones.flatMap((m) => m.documentIds),
      ...(latest?.documentIds ?? []),
    ]);
    const today = this.teams.today(team);
    return {
      ...summary(team),
      today,
      plan: this.plans.view(actor, team, plan),
      milestones: milestones.map((m) => this.milestones.view(actor, team, m, documents)),
      milestonesAccepted: milestones.filter((m) => m.status === 'accepted').length,
      milestonesTotal: milestones.length,
      overdue: milestones.filter((m) => isOverdue(m, today)).length,
      payments: paymentTotals(milestones),
      latestRag: latest?.rag ?? null,
      lastUpdateAt: latest?.createdAt.toISOString() ?? null,
      latestUpdate: latest
        ? toProgressUpdateView(latest, this.clock.now(), actor.userId, documents)
        : null,
    };
  }

  /** Teams the caller may see (`mine`: only its own), oldest selection first; one query. */
  async list(actor: Actor, query: ListTeamsQueryDto): Promise<Page<TeamSummaryView>> {
    const qb = this.dataSource
      .getRepository(Team)
      .createQueryBuilder('team')
      .innerJoinAndSelect('team.round', 'round')
      .innerJoinAndSelect('team.challenge', 'challenge')
      .innerJoinAndSelect('team.startupOrganisation', 'startup')
      .innerJoinAndSelect('team.sponsorOrganisation', 'sponsor');
    if (query.roundId) qb.andWhere('team.roundId = :roundId', { roundId: query.roundId });
    const filter = this.policy.teamListFilter(actor, query.mine ?? false);
    if (filter) qb.andWhere(filter.sql, filter.params);
    const page = await paginate(qb, {
      alias: 'team',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (team) => summary(team as TeamContext));
  }
}

export function summary(team: TeamContext): TeamSummaryView {
  return {
    id: team.id,
    round: { id: team.round.id, name: team.round.name, timezone: team.round.timezone },
    startup: { id: team.startupOrganisation.id, name: team.startupOrganisation.name },
    challenge: { id: team.challenge.id, title: team.challenge.title },
    sponsor: { id: team.sponsorOrganisation.id, name: team.sponsorOrganisation.name },
    createdAt: team.createdAt.toISOString(),
  };
}
