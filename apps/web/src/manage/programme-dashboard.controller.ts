import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApplicationQueryService } from '@catalyst/applications';
import { ChallengeReviewOverview, ReviewOverviewService } from '@catalyst/assessment';
import { CohortOverview, RoundProgressService } from '@catalyst/accelerator';
import { JobProducer, QueueName } from '@catalyst/queues';
import {
  ChallengesService,
  Round,
  RoundChallengeSummary,
  RoundQueryDto,
  RoundsService,
} from '@catalyst/rounds';
import { validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/** Round states in which the panel is at work on the round's challenges. */
const REVIEWING = ['open', 'assessment', 'exploration'];
/** Round states in which the cohort is at work. */
const RUNNING = ['accelerator', 'completed'];

interface Attention {
  kind: 'flagged' | 'outstanding' | 'overdue' | 'toApprove' | 'awaitingSignOff' | 'failedJobs';
  href: string;
  count: number;
  title: string;
}

/**
 * The programme at a glance: each round the manager runs with its stage and dates, counts per
 * stage, and what needs them now. Every figure comes from the domain services, called as the
 * signed-in manager (so another programme's rounds never appear), each aggregated in SQL for all
 * rounds at once: the page costs the same few statements however many rounds and challenges.
 */
@Controller('manage')
export class ProgrammeDashboardController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rounds: RoundsService,
    private readonly challenges: ChallengesService,
    private readonly applications: ApplicationQueryService,
    private readonly reviews: ReviewOverviewService,
    private readonly teams: RoundProgressService,
    private readonly queues: JobProducer,
  ) {}

  @Get()
  @SignedInPage('programme_manager')
  async dashboard(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const rounds = (await this.rounds.list(actor, await validated(RoundQueryDto, { limit: 100 })))
      .items;
    const live = rounds.filter((r) => r.status !== 'cancelled');
    const ids = live.map((r) => r.id);
    // A fixed number of statements whatever the number of rounds and challenges: each figure
    // aggregated in SQL by the library that owns it, for every round at once.
    const [challenges, applications, reviews, cohorts, failed] = await Promise.all([
      this.challenges.summaryByRound(actor, ids),
      this.applications.submittedCountsByRound(actor, ids),
      this.reviews.forRounds(
        actor,
        live.filter((r) => REVIEWING.includes(r.status)).map((r) => r.id),
      ),
      this.teams.cohortOverview(
        actor,
        live.filter((r) => RUNNING.includes(r.status)),
      ),
      this.failedJobs(),
    ]);
    const attention: Attention[] = [];
    const summaries = live.map((round) =>
      this.summary(
        round,
        challenges.get(round.id),
        applications.get(round.id) ?? 0,
        reviews.filter((c) => c.roundId === round.id),
        cohorts.get(round.id),
        attention,
      ),
    );
    if (failed)
      attention.push({ kind: 'failedJobs', href: '/admin/queues', count: failed, title: '' });
    await this.pages.render(request, reply, 'manage/dashboard', {
      rounds: summaries,
      attention,
      cancelled: rounds.filter((r) => r.status === 'cancelled'),
    });
  }

  /**
   * Jobs that failed for good, kept for inspection on the queue dashboard. The queue backend
   * being away is not the dashboard's failure: the figure is left out then.
   */
  private async failedJobs(): Promise<number> {
    try {
      const counts = await Promise.all(
        Object.values(QueueName).map((name) => this.queues.queue(name).getFailedCount()),
      );
      return counts.reduce((a, b) => a + b, 0);
    } catch {
      return 0;
    }
  }

  private summary(
    round: Round,
    challenges: RoundChallengeSummary | undefined,
    applications: number,
    reviews: ChallengeReviewOverview[],
    cohort: CohortOverview | undefined,
    attention: Attention[],
  ) {
    for (const c of challenges?.awaitingApproval ?? []) {
      attention.push({
        kind: 'toApprove',
        href: `/manage/challenges/${c.id}`,
        count: 1,
        title: c.title,
      });
    }
    let outstanding = 0;
    for (const c of reviews) {
      outstanding += c.outstanding;
      if (c.flagged)
        attention.push({
          kind: 'flagged',
          href: `/manage/challenges/${c.challengeId}/ranking`,
          count: c.flagged,
          title: c.title,
        });
      if (c.outstanding && round.status !== 'open')
        attention.push({
          kind: 'outstanding',
          href: `/manage/challenges/${c.challengeId}/panel`,
          count: c.outstanding,
          title: c.title,
        });
    }
    if (cohort?.overdue)
      attention.push({
        kind: 'overdue',
        href: `/manage/rounds/${round.id}/cohort`,
        count: cohort.overdue,
        title: round.name,
      });
    if (cohort?.awaitingSignOff)
      attention.push({
        kind: 'awaitingSignOff',
        href: `/manage/rounds/${round.id}/cohort`,
        count: cohort.awaitingSignOff,
        title: round.name,
      });
    return {
      round,
      counts: {
        challenges: challenges?.total ?? 0,
        published: challenges?.published ?? 0,
        applications,
        outstanding,
        teams: cohort?.teams ?? 0,
        overdue: cohort?.overdue ?? 0,
      },
    };
  }
}
