import {
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@catalyst/identity';
import {
  CalendarFeedService,
  InboxService,
  ListNotificationsQueryDto,
  NotificationDto,
  NotificationPageDto,
  ReadAllDto,
} from '@catalyst/notifications';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public, SignedIn } from '../auth/route-policy.decorator';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly calendar: CalendarFeedService,
  ) {}

  @Get('notifications')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your notifications, newest first, with how many are unread' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiUnauthorizedResponse({ description: 'No or bad token' })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationPageDto> {
    return this.inbox.list(actor, query);
  }

  @Post('notifications/read-all')
  @SignedIn()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: ReadAllDto })
  readAll(@CurrentActor() actor: Actor): Promise<ReadAllDto> {
    return this.inbox.readAll(actor);
  }

  @Post('notifications/:id/read')
  @SignedIn()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: 'Not yours, or no such notification' })
  read(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<NotificationDto> {
    return this.inbox.read(actor, id);
  }

  @Get('calendar.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiOperation({
    summary: 'Your personal calendar feed (iCalendar; the token is in GET /me as calendarUrl)',
    description:
      'Deadlines of rounds you have a draft or submission in, your teams’ milestones, sprint ends and demo days, and for programme managers their rounds’ closing times. Timed entries are in UTC (right in every zone), dates are all-day entries; UIDs are stable.',
  })
  @ApiQuery({ name: 'token', required: true, description: 'Your personal, revocable token' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'An iCalendar (RFC 5545) document',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'Unknown or revoked token (`calendar_feed.not_found`)' })
  feed(@Query('token') token?: string): Promise<string> {
    return this.calendar.feed(token);
  }
}
