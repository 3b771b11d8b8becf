import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Req } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Clock, mapPage } from '@catalyst/common';
import {
  ATOM_CONTENT_TYPE,
  PublicChallengePageView,
  PublicChallengeQueryDto,
  PublicChallengeView,
  PublicChallengesService,
  FEED_SIZE,
  challengeFeed,
  toPublicChallengeView,
} from '@catalyst/rounds';
import { Public } from '../auth/route-policy.decorator';

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The open innovation portal: no account needed. */
@ApiTags('public portal')
@Public()
@Controller('public')
export class PublicChallengesController {
  constructor(
    private readonly portal: PublicChallengesService,
    private readonly clock: Clock,
  ) {}

  @Get('challenges')
  @ApiOperation({
    summary: 'Challenges open for applications, soonest deadline first (no token)',
    description:
      'Published challenges of rounds that are open and whose closing time has not passed. ' +
      'Public fields only: sponsor name, budget, questions and the scoring rubric (award ' +
      'criteria and weights are disclosed to every bidder, as in public procurement), and the ' +
      'round’s dates and time zone. Filters: tag, sponsorOrganisationId, q (full-text).',
  })
  @ApiOkResponse({ type: PublicChallengePageView })
  async list(@Query() query: PublicChallengeQueryDto): Promise<PublicChallengePageView> {
    return mapPage(await this.portal.list(query), toPublicChallengeView);
  }

  @Get('challenges.atom')
  @Header('Content-Type', ATOM_CONTENT_TYPE)
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Atom feed of newly published challenges (no token)',
    description: `The ${FEED_SIZE} most recently published challenges that are open for applications.`,
  })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'An Atom 1.0 document', schema: { type: 'string' } })
  async feed(@Req() request: FastifyRequest): Promise<string> {
    return challengeFeed(await this.portal.latest(), baseUrl(request), this.clock.now());
  }

  @Get('challenges/:id')
  @ApiOperation({ summary: 'One challenge open for applications (no token)' })
  @ApiOkResponse({ type: PublicChallengeView })
  @ApiNotFoundResponse({ description: 'No such challenge, or it is not open for applications' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<PublicChallengeView> {
    return toPublicChallengeView(await this.portal.get(id));
  }
}

/** The origin the client used (behind a proxy too: the adapter trusts X-Forwarded-*). */
function baseUrl(request: FastifyRequest): string {
  const host = HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol}://${host}`;
}
