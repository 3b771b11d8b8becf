import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  MilestoneTransitionDto,
  MilestoneTransitionsService,
  MilestonesService,
  TeamQueryService,
  TeamView,
} from '@catalyst/accelerator';
import { NotFoundError } from '@catalyst/common';
import { DocumentQueryService, attachmentDisposition } from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import { uuidOrNotFound } from '../portal/portal.controller';
import { validated } from '../rendering/form-input';
import { FormAgain, submitForm } from '../rendering/form-submission';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { reasonOf, versionOf } from '../manage/form-values';

/** The sponsor's answers to submitted work. */
const SIGN_OFF = ['accepted', 'changes_requested'];

/**
 * A sponsor's team: its plan and milestones, those awaiting sign-off first with the evidence
 * (links and documents) the team submitted; accepting one or asking for changes with a reason.
 */
@Controller('sponsor/teams')
export class SponsorTeamsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly teams: TeamQueryService,
    private readonly milestones: MilestonesService,
    private readonly transitions: MilestoneTransitionsService,
    private readonly documents: DocumentQueryService,
  ) {}

  @Get(':id')
  @SignedInPage('sponsor')
  async team(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderTeam(request, reply, await this.sponsored(request.actor!, id));
  }

  @Post(':id/milestones/:milestoneId')
  @SignedInPage('sponsor')
  async signOff(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
    @Param('milestoneId') milestoneId: string,
  ) {
    const actor = request.actor!;
    const team = await this.sponsored(actor, id);
    const milestone = team.milestones.find((m) => m.id === milestoneId);
    if (!milestone) throw new NotFoundError('Milestone', uuidOrNotFound(milestoneId));
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'to', id: `to-${milestone.id}`, label: t('sponsorConsole.team.decision') },
        { field: 'reason', id: `reason-${milestone.id}`, label: t('sponsorConsole.team.reason') },
      ],
      act: async (form) => {
        const to = SIGN_OFF.includes(form.to ?? '') ? form.to : '';
        const dto = await validated(MilestoneTransitionDto, { to, ...reasonOf(form) });
        await this.transitions.transition(actor, milestone.id, dto, versionOf(form));
        return `/sponsor/teams/${team.id}?signed=${dto.to}`;
      },
      again: (shown, status) =>
        this.renderTeam(request, reply, team, { ...shown, failedMilestone: milestone.id }, status),
    });
  }

  /** A milestone's evidence document, for whoever may see the milestone (as the API decides). */
  @Get('documents/:id')
  @SignedInPage('sponsor')
  async document(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const { document, content } = await this.documents.open(request.actor!, uuidOrNotFound(id));
    await reply
      .header('Content-Type', document.contentType)
      .header('Content-Disposition', attachmentDisposition(document.name))
      .header('Content-Length', String(document.size))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .send(content);
  }

  /** One of the sponsor's own teams; a team it does not sponsor is not found. */
  private async sponsored(actor: Actor, id: string): Promise<TeamView> {
    const team = await this.teams.get(actor, uuidOrNotFound(id));
    if (!actor.hasRole('sponsor', team.sponsor.id)) throw new NotFoundError('Team', team.id);
    return team;
  }

  private async renderTeam(
    request: WebRequest,
    reply: WebReply,
    team: TeamView,
    extra: Partial<FormAgain> & { failedMilestone?: string } = {},
    status = 200,
  ) {
    const awaiting = team.milestones.filter((m) => m.status === 'submitted');
    await this.pages.render(
      request,
      reply,
      'sponsor/team',
      {
        team,
        awaiting,
        others: team.milestones.filter((m) => m.status !== 'submitted'),
        signed: (request.query as Record<string, string>).signed,
        values: {},
        ...extra,
      },
      status,
    );
  }
}
