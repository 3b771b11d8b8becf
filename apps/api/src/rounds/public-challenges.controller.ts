import {
  Controller,
  Get,
  Header,
  Inject,
  Param,
  ParseUUIDPipe,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  APP_CONFIG,
  type AppConfig,
  Clock,
  entityTag,
  mapPage,
  notModified,
} from '@catalyst/common';
import {
  ATOM_CONTENT_TYPE,
  PublicChallengePageView,
  PublicChallengeQueryDto,
  PublicChallengeView,
  PublicChallengesService,
  FEED_SIZE,
  challengeFeed,
  feedUpdated,
  toPublicChallengeView,
} from '@catalyst/rounds';
import { Public } from '../auth/route-policy.decorator';

/** The open innovation portal: no account needed. */
@ApiTags('public portal')
@Public()
@Controller('public')
export class PublicChallengesController {
  constructor(
    private readonly portal: PublicChallengesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of your copy' })
  @ApiHeader({ name: 'If-Modified-Since', required: false, description: 'Its Last-Modified' })
  @ApiOkResponse({
    description: 'An Atom 1.0 document, with ETag and Last-Modified',
    content: { 'application/atom+xml': { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 304,
    description: 'Your copy is current (If-None-Match or If-Modified-Since)',
  })
  async feed(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const challenges = await this.portal.latest();
    const updated = feedUpdated(challenges, this.clock.now());
    // Links and ids come from PUBLIC_URL, never from the Host header a client chose to send.
    const xml = challengeFeed(challenges, this.config.publicUrl, updated);
    const etag = entityTag(xml);
    void reply.header('ETag', etag).header('Last-Modified', updated.toUTCString());
    if (notModified(request.headers, etag, updated)) {
      void reply.status(304);
      return '';
    }
    return xml;
  }

  @Get('challenges/:id')
  @ApiOperation({ summary: 'One challenge open for applications (no token)' })
  @ApiOkResponse({ type: PublicChallengeView })
  @ApiNotFoundResponse({ description: 'No such challenge, or it is not open for applications' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<PublicChallengeView> {
    return toPublicChallengeView(await this.portal.get(id));
  }
}
