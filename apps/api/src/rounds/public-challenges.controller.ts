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
  PageQueryDto,
  mapPage,
  notModified,
} from '@catalyst/common';
import type { Programme } from '@catalyst/identity';
import {
  ATOM_CONTENT_TYPE,
  PublicChallengePageView,
  PublicChallengeQueryDto,
  PublicChallengeView,
  PublicChallengesService,
  PublicProgrammePageView,
  PublicProgrammeView,
  PublicProgrammesService,
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
    private readonly programmes: PublicProgrammesService,
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
      'round’s dates and time zone, and the programme running it. Every programme’s ' +
      'challenges: filter by programme (its slug), tag, sponsorOrganisationId, q (full-text).',
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
  feed(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.atom(request, reply);
  }

  @Get('programmes')
  @ApiOperation({
    summary: 'The programmes on this portal, by name (no token)',
    description:
      'Every programme the instance runs (CivTech, CAN DO, STiR …), with its branding text and ' +
      'how many of its challenges are open for applications now.',
  })
  @ApiOkResponse({ type: PublicProgrammePageView })
  listProgrammes(@Query() query: PageQueryDto): Promise<PublicProgrammePageView> {
    return this.programmes.list(query);
  }

  @Get('programmes/:slug')
  @ApiOperation({ summary: 'One programme’s public page (no token)' })
  @ApiOkResponse({ type: PublicProgrammeView })
  @ApiNotFoundResponse({ description: 'No programme has this slug' })
  getProgramme(@Param('slug') slug: string): Promise<PublicProgrammeView> {
    return this.programmes.get(slug);
  }

  @Get('programmes/:slug/challenges')
  @ApiOperation({
    summary: 'One programme’s challenges open for applications (no token)',
    description: 'As GET /public/challenges?programme={slug}, but 404 for an unknown programme.',
  })
  @ApiOkResponse({ type: PublicChallengePageView })
  @ApiNotFoundResponse({ description: 'No programme has this slug' })
  async listOfProgramme(
    @Param('slug') slug: string,
    @Query() query: PublicChallengeQueryDto,
  ): Promise<PublicChallengePageView> {
    const programme = await this.programmes.find(slug);
    return mapPage(
      await this.portal.list({ ...query, programme: programme.slug }),
      toPublicChallengeView,
    );
  }

  @Get('programmes/:slug/challenges.atom')
  @Header('Content-Type', ATOM_CONTENT_TYPE)
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Atom feed of one programme’s newly published challenges (no token)',
    description: `The ${FEED_SIZE} most recently published challenges of the programme that are open for applications.`,
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
  @ApiNotFoundResponse({ description: 'No programme has this slug' })
  async programmeFeed(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const programme = await this.programmes.find(slug);
    return this.atom(request, reply, programme);
  }

  /** The feed of every programme's or one programme's newest open challenges. */
  private async atom(
    request: FastifyRequest,
    reply: FastifyReply,
    programme?: Programme,
  ): Promise<string> {
    const challenges = await this.portal.latest(FEED_SIZE, programme?.slug);
    const updated = feedUpdated(challenges, this.clock.now());
    // Links and ids come from PUBLIC_URL, never from the Host header a client chose to send.
    const xml = challengeFeed(challenges, this.config.publicUrl, updated, programme);
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
