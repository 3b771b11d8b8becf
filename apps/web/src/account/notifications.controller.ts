import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { InboxService, ListNotificationsQueryDto } from '@catalyst/notifications';
import { uuidOrNotFound } from '../portal/portal.controller';
import { validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/** One's own notifications, newest first (the inbox of the notifications library). */
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly inbox: InboxService,
  ) {}

  @Get()
  @SignedInPage()
  async page(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const query = request.query as Record<string, string>;
    const page = await this.inbox.list(
      request.actor!,
      await validated(ListNotificationsQueryDto, {
        limit: 20,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }),
    );
    await this.pages.render(request, reply, 'account/notifications', {
      notifications: page.items.map((n) => ({ ...n, href: localLink(n.link) })),
      unread: page.unread,
      nextCursor: page.nextCursor,
      markedAll: query.marked === 'all',
    });
  }

  @Post('read-all')
  @SignedInPage()
  async readAll(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await this.inbox.readAll(request.actor!);
    await this.pages.redirect(reply, '/notifications?marked=all');
  }

  /** Marks one read and opens what it is about (or comes back to the list). */
  @Post(':id/read')
  @SignedInPage()
  async read(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const notification = await this.inbox.read(request.actor!, uuidOrNotFound(id));
    await this.pages.redirect(reply, localLink(notification.link) ?? '/notifications');
  }
}

/**
 * A notification's link (built from PUBLIC_URL) as a path on this site, so following it never
 * leaves the service; `/api/v1/…` links have no page and are not offered.
 */
function localLink(link: string | null): string | undefined {
  if (!link) return undefined;
  let path: string;
  try {
    const url = new URL(link, 'http://local.invalid');
    path = `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/api/')
    ? path
    : undefined;
}
