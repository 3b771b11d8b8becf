import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock } from '@catalyst/common';
import {
  PublicChallengeQueryDto,
  PublicChallengesService,
  PublicProgrammesService,
  toPublicChallengeView,
} from '@catalyst/rounds';
import { isLocale } from '../i18n/i18n';
import { safeNext, validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { PublicPage } from '../session/page-access.decorator';
import { LOCALE_COOKIE, WebReply, WebRequest } from '../session/web-request';

/** "Closing soon": the call closes within this many days. */
const CLOSING_SOON_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The open innovation portal, for anyone: open challenges and the programmes running them. */
@Controller()
export class PortalController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly challenges: PublicChallengesService,
    private readonly programmes: PublicProgrammesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @PublicPage()
  async home(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const open = await this.challenges.list(await validated(PublicChallengeQueryDto, { limit: 3 }));
    await this.pages.render(request, reply, 'portal/home', {
      challenges: open.items.map(toPublicChallengeView),
      apiUrl: this.config.publicUrl,
    });
  }

  @Get('challenges')
  @PublicPage()
  async list(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query() query: Record<string, string | undefined>,
  ): Promise<void> {
    const filters = {
      q: query.q?.trim() || undefined,
      programme: query.programme || undefined,
      sponsorOrganisationId: query.sponsor || undefined,
      tag: query.tag?.trim() || undefined,
      closingSoon: query.closingSoon === 'yes',
    };
    const input = Object.fromEntries(
      Object.entries({
        q: filters.q,
        programme: filters.programme,
        sponsorOrganisationId: filters.sponsorOrganisationId,
        tag: filters.tag,
        cursor: query.cursor || undefined,
        limit: 20,
      }).filter(([, v]) => v !== undefined),
    );
    const dto = await validated(PublicChallengeQueryDto, input).catch(() => null);
    const page = dto ? await this.challenges.list(dto) : { items: [], nextCursor: null };
    const soon = this.clock.now().getTime() + CLOSING_SOON_DAYS * DAY_MS;
    const items = page.items
      .map(toPublicChallengeView)
      .filter((c) => !filters.closingSoon || new Date(c.round.closesAt).getTime() <= soon);
    const [programmes, everything] = await Promise.all([
      this.programmes.list(await validated(PublicChallengeQueryDto, { limit: 100 })),
      this.challenges.list(await validated(PublicChallengeQueryDto, { limit: 100 })),
    ]);
    const sponsors = new Map<string, string>();
    const tags = new Set<string>();
    for (const c of everything.items) {
      if (c.sponsorOrganisation) sponsors.set(c.sponsorOrganisation.id, c.sponsorOrganisation.name);
      for (const tag of c.tags) tags.add(tag);
    }
    const nextQuery = page.nextCursor
      ? new URLSearchParams({
          ...Object.fromEntries(
            Object.entries(query).filter(([k, v]) => k !== 'cursor' && typeof v === 'string'),
          ),
          cursor: page.nextCursor,
        }).toString()
      : null;
    await this.pages.render(request, reply, 'portal/challenges', {
      challenges: items,
      filters,
      programmes: programmes.items,
      sponsors: [...sponsors]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      tags: [...tags].sort(),
      nextUrl: nextQuery ? `/challenges?${nextQuery}` : null,
      feedUrl: `${this.config.publicUrl}/api/v1/public/challenges.atom`,
    });
  }

  @Get('challenges/:id')
  @PublicPage()
  async challenge(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const challenge = toPublicChallengeView(await this.challenges.get(uuidOrNotFound(id)));
    await this.pages.render(request, reply, 'portal/challenge', {
      challenge,
      programmeName: challenge.programme.name,
      signedInAsStartup: !!request.actor?.hasRole('startup_member'),
    });
  }

  @Get('programmes')
  @PublicPage()
  async programmeList(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const page = await this.programmes.list(
      await validated(PublicChallengeQueryDto, { limit: 100 }),
    );
    await this.pages.render(request, reply, 'portal/programmes', { programmes: page.items });
  }

  @Get('programmes/:slug')
  @PublicPage()
  async programme(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('slug') slug: string,
  ): Promise<void> {
    const programme = await this.programmes.get(slug);
    const open = await this.challenges.list(
      await validated(PublicChallengeQueryDto, { programme: slug, limit: 100 }),
    );
    await this.pages.render(request, reply, 'portal/programme', {
      programme,
      programmeName: programme.name,
      challenges: open.items.map(toPublicChallengeView),
      feedUrl: `${this.config.publicUrl}/api/v1/public/programmes/${encodeURIComponent(slug)}/challenges.atom`,
    });
  }

  /** The language switcher: remembers the choice (a cookie) and goes back to the page. */
  @Get('language')
  @PublicPage()
  async language(
    @Res() reply: WebReply,
    @Query('lang') lang?: string,
    @Query('next') next?: string,
  ): Promise<void> {
    if (isLocale(lang)) {
      void reply.setCookie(LOCALE_COOKIE, lang, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 365 * 24 * 60 * 60,
      });
    }
    await this.pages.redirect(reply, safeNext(next, '/'));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing: the same 404 as an unknown one. */
export function uuidOrNotFound(id: string): string {
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}
