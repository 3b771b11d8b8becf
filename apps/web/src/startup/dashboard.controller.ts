import { Controller, Get, Req, Res } from '@nestjs/common';
import { ListTeamsQueryDto, TeamQueryService } from '@catalyst/accelerator';
import { ApplicationQueryService, ListApplicationsQueryDto } from '@catalyst/applications';
import { InboxService, ListNotificationsQueryDto } from '@catalyst/notifications';
import { ChallengesService } from '@catalyst/rounds';
import { validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { nextStepKey } from './application-steps';

/** How many deadlines and notifications the dashboard shows (the full lists are a link away). */
const UPCOMING = 5;

interface Deadline {
  at: string;
  timezone: string;
  kind: 'closes' | 'milestone';
  title: string;
  href: string;
  overdue: boolean;
}

/**
 * A company's dashboard: its applications, each with its status and what to do next; its
 * teams; what is due next (the closing dates of its drafts' rounds, its milestones' due dates);
 * and its latest notifications.
 */
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly applications: ApplicationQueryService,
    private readonly challenges: ChallengesService,
    private readonly teams: TeamQueryService,
    private readonly inbox: InboxService,
  ) {}

  @Get()
  @SignedInPage('startup_member')
  async dashboard(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const [page, teams, notifications] = await Promise.all([
      this.applications.list(actor, await validated(ListApplicationsQueryDto, { limit: 100 })),
      this.teams.list(actor, await validated(ListTeamsQueryDto, { limit: 20 })),
      this.inbox.list(actor, await validated(ListNotificationsQueryDto, { limit: UPCOMING })),
    ]);
    const deadlines: Deadline[] = [];
    for (const draft of page.items.filter((a) => a.status === 'draft')) {
      const round = (await this.challenges.get(actor, draft.challengeId)).round;
      if (round) {
        deadlines.push({
          at: round.closesAt.toISOString(),
          timezone: round.timezone,
          kind: 'closes',
          title: draft.challengeTitle,
          href: `/applications/${draft.id}`,
          overdue: false,
        });
      }
    }
    for (const summary of teams.items) {
      const team = await this.teams.get(actor, summary.id);
      for (const m of team.milestones) {
        if (m.status === 'accepted') continue;
        deadlines.push({
          at: m.dueOn,
          timezone: team.round.timezone,
          kind: 'milestone',
          title: m.title,
          href: `/milestones/${m.id}`,
          overdue: m.overdue,
        });
      }
    }
    deadlines.sort((a, b) => a.at.localeCompare(b.at));
    await this.pages.render(request, reply, 'startup/dashboard', {
      applications: page.items.map((a) => ({ ...a, nextStepKey: nextStepKey(a.status) })),
      teams: teams.items,
      deadlines: deadlines.slice(0, UPCOMING),
      notifications: notifications.items,
      unread: notifications.unread,
      joined: (request.query as Record<string, string>).joined === '1',
    });
  }
}
