import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import { uuidOrNotFound } from '../portal/portal.controller';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

type Console = 'company' | 'sponsor' | 'manage';

/**
 * The addresses notifications and e-mails link to (`/contracts/{id}`, `/milestones/{id}`, …)
 * are one per thing, whoever receives them; each person lands on their own console's page for
 * it. The page itself asks the domain's policy, so a link to something the person may not see
 * ends on its 404 as any other address would.
 */
export function consoleOf(actor: Actor): Console {
  if (actor.hasRole('startup_member')) return 'company';
  if (actor.isProgrammeManager) return 'manage';
  return 'sponsor';
}

@Controller()
export class NotificationLinksController {
  constructor(private readonly pages: PageRenderer) {}

  @Get('contracts/:id')
  @SignedInPage()
  async contract(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    await this.pages.redirect(
      reply,
      `/${consoleOf(request.actor!)}/contracts/${uuidOrNotFound(id)}`,
    );
  }

  @Get('rounds/:id')
  @SignedInPage()
  async round(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const to = consoleOf(request.actor!);
    // A company's round reminders are about its drafts: they are on its dashboard.
    await this.pages.redirect(
      reply,
      to === 'manage'
        ? `/manage/rounds/${uuidOrNotFound(id)}`
        : to === 'sponsor'
          ? '/sponsor'
          : '/dashboard',
    );
  }

  @Get('organisations/:id')
  @SignedInPage()
  async organisation(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    await this.pages.redirect(
      reply,
      request.actor!.isProgrammeManager
        ? `/manage/organisations/${uuidOrNotFound(id)}`
        : '/account/colleagues',
    );
  }
}
