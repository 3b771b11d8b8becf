import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Team } from '@catalyst/applications';
import { Clock, Money, localDate } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { Round, RoundsPolicy, RoundsService } from '@catalyst/rounds';
import { AcceleratorPolicy } from '../accelerator.policy';
import type { MilestonePlanStatus } from '../plans/milestone-plan.state-machine';
import type { TeamContext } from '../teams/team-context.loader';
import type { PaymentTotalsView } from '../teams/team.view';
import type { RagStatus } from '../updates/progress-update.entity';
import { ROUND_PROGRESS_SQL } from './round-progress.sql';
import type { RoundProgressView } from './round-progress.view';

/** Per sprint (in order) and RAG, the teams whose last update of that sprint said so. */
const RAG_BY_SPRINT_SQL = `
SELECT s.number AS "sprint", u.rag AS "rag", (COUNT(*))::int AS "teams"
  FROM (SELECT DISTINCT ON (team_id, sprint_id) team_id, sprint_id, rag
          FROM progress_updates
         WHERE team_id = ANY($2::uuid[])
         ORDER BY team_id, sprint_id, created_at DESC, id DESC) u
  JOIN sprints s ON s.id = u.sprint_id AND s.round_id = $1
 GROUP BY s.number, u.rag
 ORDER BY s.number, u.rag`;

/** A round's cohort at a glance (RoundProgressService.cohortOverview). */
export interface CohortOverview {
  teams: number;
  overdue: number;
  awaitingSignOff: number;
}

export interface RagBySprintView {
  sprint: number;
  rag: RagStatus;
  teams: number;
}

interface ProgressRow {
  teamId: string;
  planStatus: MilestonePlanStatus;
  milestonesTotal: number;
  milestonesAccepted: number;
  overdue: number;
  latestRag: RagStatus | null;
  lastUpdateAt: Date | null;
  payments: { state: keyof PaymentTotalsView; currency: string; amountMinor: number | string }[];
}

/**
 * Every team of a round at once, for the programme manager (and, narrowed by the policy, for a
 * sponsor or a team): three queries whatever the number of teams — the round, its teams with
 * their names, and the figures in one SQL statement.
 */
@Injectable()
export class RoundProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly policy: AcceleratorPolicy,
    private readonly clock: Clock,
    private readonly roundsPolicy: RoundsPolicy,
  ) {}

  async progress(actor: Actor, roundId: string): Promise<RoundProgressView> {
    const round = await this.rounds.get(actor, roundId);
    const today = localDate(this.clock.now(), round.timezone);
    const teams = await this.visibleTeams(actor, roundId);
    const rows = await this.dataSource.query<ProgressRow[]>(ROUND_PROGRESS_SQL, [
      teams.map((t) => t.id),
      today,
    ]);
    return {
      roundId,
      today,
      items: teams.map((team, i) => {
        const row = rows[i];
        return {
          teamId: team.id,
          startup: { id: team.startupOrganisation.id, name: team.startupOrganisation.name },
          challenge: { id: team.challenge.id, title: team.challenge.title },
          sponsor: { id: team.sponsorOrganisation.id, name: team.sponsorOrganisation.name },
          planStatus: row.planStatus,
          milestonesAccepted: row.milestonesAccepted,
          milestonesTotal: row.milestonesTotal,
          overdue: row.overdue,
          latestRag: row.latestRag,
          lastUpdateAt: row.lastUpdateAt ? new Date(row.lastUpdateAt).toISOString() : null,
          payments: totals(row.payments),
        };
      }),
    };
  }

  /**
   * How the teams the caller may see rated themselves sprint by sprint: per sprint and RAG,
   * the teams whose last update of that sprint says so (three queries, whatever the cohort).
   */
  async ragBySprint(actor: Actor, roundId: string): Promise<RagBySprintView[]> {
    await this.rounds.get(actor, roundId);
    const teams = await this.visibleTeams(actor, roundId);
    return this.dataSource.query<RagBySprintView[]>(RAG_BY_SPRINT_SQL, [
      roundId,
      teams.map((t) => t.id),
    ]);
  }

  /** How many milestones of the teams the caller may see wait for their sponsor's sign-off. */
  async awaitingSignOff(actor: Actor, roundId: string): Promise<number> {
    await this.rounds.get(actor, roundId);
    const teams = await this.visibleTeams(actor, roundId);
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT COUNT(*)::int AS "count" FROM milestones WHERE team_id = ANY($1::uuid[]) AND status = 'submitted'`,
      [teams.map((t) => t.id)],
    );
    return row.count;
  }

  /**
   * Per round, the teams the caller may see, their overdue milestones (as progress() counts
   * them, against today in the round's zone) and milestones waiting for sign-off: one statement
   * whatever the number of rounds. Rounds the caller may not see are left out.
   */
  async cohortOverview(
    actor: Actor,
    rounds: Pick<Round, 'id' | 'timezone' | 'programmeId' | 'status'>[],
  ): Promise<Map<string, CohortOverview>> {
    const out = new Map<string, CohortOverview>();
    const visible = rounds.filter((r) => this.roundsPolicy.canSee(actor, r));
    if (!visible.length) return out;
    const now = this.clock.now();
    const qb = this.dataSource
      .getRepository(Team)
      .createQueryBuilder('team')
      .innerJoin(
        '(SELECT * FROM unnest(CAST(:overviewRounds AS uuid[]), CAST(:overviewDays AS date[])) AS x(round_id, today))',
        'day',
        'day.round_id = team.round_id',
      )
      .select('team.round_id', 'roundId')
      .addSelect('COUNT(*)::int', 'teams')
      .addSelect(
        `COALESCE(SUM((SELECT COUNT(*) FROM milestones m
                        WHERE m.team_id = team.id AND m.status <> 'accepted'
                          AND m.due_on < day.today)), 0)::int`,
        'overdue',
      )
      .addSelect(
        `COALESCE(SUM((SELECT COUNT(*) FROM milestones m
                        WHERE m.team_id = team.id AND m.status = 'submitted')), 0)::int`,
        'awaitingSignOff',
      )
      .setParameters({
        overviewRounds: visible.map((r) => r.id),
        overviewDays: visible.map((r) => localDate(now, r.timezone)),
      })
      .groupBy('team.round_id');
    const filter = this.policy.teamListFilter(actor);
    if (filter) qb.andWhere(filter.sql, filter.params);
    const rows = await qb.getRawMany<CohortOverview & { roundId: string }>();
    for (const { roundId, ...figures } of rows) out.set(roundId, figures);
    return out;
  }

  private async visibleTeams(actor: Actor, roundId: string): Promise<TeamContext[]> {
    const qb = this.dataSource
      .getRepository(Team)
      .createQueryBuilder('team')
      .innerJoin('team.challenge', 'challenge')
      .addSelect(['challenge.id', 'challenge.title'])
      .innerJoin('team.startupOrganisation', 'startup')
      .addSelect(['startup.id', 'startup.name'])
      .innerJoin('team.sponsorOrganisation', 'sponsor')
      .addSelect(['sponsor.id', 'sponsor.name'])
      .where('team.roundId = :roundId', { roundId })
      .orderBy('team.createdAt', 'ASC')
      .addOrderBy('team.id', 'ASC');
    const filter = this.policy.teamListFilter(actor);
    if (filter) qb.andWhere(filter.sql, filter.params);
    return (await qb.getMany()) as TeamContext[];
  }
}

function totals(payments: ProgressRow['payments']): PaymentTotalsView {
  const out: PaymentTotalsView = { paid: [], payable: [], planned: [] };
  for (const p of payments) {
    const money: Money = { amountMinor: Number(p.amountMinor), currency: p.currency };
    out[p.state].push(money);
  }
  return out;
}
