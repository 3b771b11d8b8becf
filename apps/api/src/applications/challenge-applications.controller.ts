import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApplicationQueryService,
  ApplicationResponse,
  CreateApplicationDto,
  CreateApplicationService,
} from '@catalyst/applications';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/route-policy.decorator';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('challenges/:challengeId/applications')
export class ChallengeApplicationsController {
  constructor(
    private readonly creating: CreateApplicationService,
    private readonly reading: ApplicationQueryService,
  ) {}

  @Post()
  @Roles('startup_member')
  @ApiOperation({
    summary: 'Start a draft application to a challenge',
    description:
      'Startup members, for their company (name it in `startupOrganisationId` if you belong to ' +
      'several). The challenge must be published and its round open, before its closing time ' +
      '(422 otherwise). One live application per company and challenge (409; withdraw to apply ' +
      'again). Answers are type-checked now (400 naming `answers.<key>`); required answers and ' +
      'lengths are checked on submission.',
  })
  @ApiCreatedResponse({ type: ApplicationResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Param('challengeId', ParseUUIDPipe) challengeId: string,
    @Body() body: CreateApplicationDto,
  ): Promise<ApplicationResponse> {
    const id = await this.creating.create(actor, challengeId, body);
    return this.reading.get(actor, id);
  }
}
