import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CohortPageResponse, CohortService } from '@catalyst/applications';
import { PageQueryDto } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('cohort')
@ApiBearerAuth()
@Controller('rounds/:roundId/cohort')
export class CohortController {
  constructor(private readonly cohort: CohortService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'The round’s cohort: one team per selected application, in selection order',
    description:
      'Programme managers see every team; sponsors the teams on their organisation’s ' +
      'challenges; startup members their own company’s team; anyone else an empty list.',
  })
  @ApiOkResponse({ type: CohortPageResponse })
  list(
    @CurrentActor() actor: Actor,
    @Param('roundId', ParseUUIDPipe) roundId: string,
    @Query() query: PageQueryDto,
  ): Promise<CohortPageResponse> {
    return this.cohort.list(actor, roundId, query);
  }
}
