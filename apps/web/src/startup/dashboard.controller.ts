import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApplicationQueryService, ListApplicationsQueryDto } from '@catalyst/applications';
import { validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { nextStepKey } from './application-steps';

/** A company's dashboard: its applications, each with its status and what to do next. */
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly applications: ApplicationQueryService,
  ) {}

  @Get()
  @SignedInPage('startup_member')
  async dashboard(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const page = await this.applications.list(
      actor,
      await validated(ListApplicationsQueryDto, { limit: 100 }),
    );
    await this.pages.render(request, reply, 'startup/dashboard', {
      applications: page.items.map((a) => ({ ...a, nextStepKey: nextStepKey(a.status) })),
    });
  }
}
