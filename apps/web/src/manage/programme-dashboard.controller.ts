import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApplicationQueryService, ListApplicationsQueryDto } from '@catalyst/applications';
import { RankingService, ReviewProgressService } from '@catalyst/assessment';
import { RoundProgressService } from '@catalyst/accelerator';
import type { Actor } from '@catalyst/identity';
import { JobProducer, QueueName } from '@catalyst/queues';
import {
  ChallengeQueryDto,
  ChallengesService,
  Round,
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
 * stage, and what needs them now. Every figure comes from the services the API answers with,
 * called as the signed-in manager (so another programme's rounds never appear).
 */
@Controller('manage')
export class ProgrammeDashboardController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rounds: RoundsService,
    private readonly challenges: ChallengesService,
    private readonly applications: ApplicationQueryService,
    private readonly ranking: RankingService,
    private readonly progress: ReviewProgressService,
    private readonly teams: RoundProgressService,
    private readonly queues: JobProducer,
  ) {}

  @Get()
  @SignedInPage('programme_manager')
  async dashboard(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const rounds = (await this.rounds.list(actor, await validated(RoundQueryDto, { limit: 100 })))
      .items;
    const attention: Attention[] = [];
    const summaries = [];
    for (const round of rounds.filter((r) => r.status !== 'cancelled')) {
      summaries.push(await this.summary(actor, round, attention));
    }
    const failed = await this.failedJobs();
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

  private async summary(actor: Actor, round: Round, attention: Attention[]) {
    const challenges = (
      await this.challenges.list(
        actor,
        await validated(ChallengeQueryDto, { roundId: round.id, limit: 100 }),
      )
    ).items;
    const applications = (
      await this.applications.list(
        actor,
        await validated(ListApplicationsQueryDto, { roundId: round.id, limit: 100 }),
      )
    ).items.filter((a) => a.status !== 'draft');
    let outstanding = 0;
    let teams = 0;
    let overdue = 0;
    for (const c of challenges.filter((c) => c.status === 'submitted')) {
      attention.push({
        kind: 'toApprove',
        href: `/manage/challenges/${c.id}`,
        count: 1,
        title: c.title,
      });
    }
    if (REVIEWING.includes(round.status)) {
      for (const c of challenges.filter((c) => ['published', 'closed'].includes(c.status))) {
        const [ranking, progress] = await Promise.all([
          this.ranking.forActor(actor, c.id),
          this.progress.progress(actor, c.id),
        ]);
        const flagged = ranking.items.filter((i) => i.flagged).length;
        const open = progress.totals.assigned - progress.totals.submitted;
        outstanding += open;
        if (flagged)
          attention.push({
            kind: 'flagged',
            href: `/manage/challenges/${c.id}/ranking`,
            count: flagged,
            title: c.title,
          });
        if (open && round.status !== 'open')
          attention.push({
            kind: 'outstanding',
            href: `/manage/challenges/${c.id}/panel`,
            count: open,
            title: c.title,
          });
      }
    }
    if (RUNNING.includes(round.status)) {
      const cohort = await this.teams.progress(actor, round.id);
      teams = cohort.items.length;
      overdue = cohort.items.reduce((sum, t) => sum + t.overdue, 0);
      if (overdue)
        attention.push({
          kind: 'overdue',
          href: `/manage/rounds/${round.id}/cohort`,
          count: overdue,
          title: round.name,
        });
      const awaiting = await this.teams.awaitingSignOff(actor, round.id);
      if (awaiting)
        attention.push({
          kind: 'awaitingSignOff',
          href: `/manage/rounds/${round.id}/cohort`,
          count: awaiting,
          title: round.name,
        });
    }
    return {
      round,
      counts: {
        challenges: challenges.length,
        published: challenges.filter((c) => c.status === 'published').length,
        applications: applications.length,
        outstanding,
        teams,
        overdue,
      },
    };
  }
}
