import { Inject, Injectable } from '@nestjs/common';
import type { i18n } from 'i18next';
import { PageQueryDto } from '@catalyst/common';
import { InboxService } from '@catalyst/notifications';
import { PublicProgrammesService } from '@catalyst/rounds';
import { Locale } from '../i18n/i18n';
import { WebReply, WebRequest } from '../session/web-request';
import { Formats, formatsFor } from './formats';
import { navigationFor } from './navigation';

export const I18N = Symbol('I18N');

/** A string of the catalogue in the request's language; `exists` asks whether it has a key. */
export type Translate = ((key: string, options?: Record<string, unknown>) => string) & {
  exists: (key: string) => boolean;
};

export interface FormErrorView {
  summary: { text: string; href: string }[];
  byField: Record<string, { text: string }>;
}

/** What every page template gets besides its own data. */
export interface PageContext extends Formats {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  currentPath: string;
  signedIn: boolean;
  userName?: string;
  navigation: { href: string; text: string; active: boolean }[];
  errors?: FormErrorView;
}

/**
 * Renders a page: its template with the page's data and the common context (strings of the
 * request's language, the CSRF token of every form, who is signed in, the navigation).
 */
@Injectable()
export class PageRenderer {
  private instanceName?: { name: string | null; until: number };

  constructor(
    @Inject(I18N) private readonly i18n: i18n,
    private readonly programmes: PublicProgrammesService,
    private readonly inbox: InboxService,
  ) {}

  /**
   * The header's programme name when the instance runs a single programme (a page about one
   * programme names it itself). Read at most once a minute: it only labels the header.
   */
  private async soleProgrammeName(): Promise<string | null> {
    const now = Date.now();
    if (!this.instanceName || this.instanceName.until < now) {
      const page = await this.programmes.list(Object.assign(new PageQueryDto(), { limit: 2 }));
      this.instanceName = {
        name: page.items.length === 1 ? page.items[0].name : null,
        until: now + 60_000,
      };
    }
    return this.instanceName.name;
  }

  translator(locale: Locale): Translate {
    const t = this.i18n.getFixedT(locale);
    const translate = ((key: string, options?: Record<string, unknown>) =>
      String(t(key, options ?? {}))) as Translate;
    translate.exists = (key) => this.i18n.exists(key, { lng: locale });
    return translate;
  }

  async render(
    request: WebRequest,
    reply: WebReply,
    template: string,
    data: Record<string, unknown> = {},
    status = 200,
  ): Promise<void> {
    const t = this.translator(request.locale);
    const currentPath = request.url.split('?')[0];
    const unread = request.actor ? await this.inbox.unreadCount(request.actor) : 0;
    const context: PageContext & Record<string, unknown> = {
      ...formatsFor(request.locale),
      t,
      locale: request.locale,
      csrfToken: (reply as WebReply & { generateCsrf(): string }).generateCsrf(),
      currentPath,
      currentUrl: request.url,
      signedIn: !!request.actor,
      userName: request.actor?.name,
      navigation: navigationFor(request.actor, currentPath, t, unread),
      unreadNotifications: unread,
      isStartup: !!request.actor?.hasRole('startup_member'),
      programmeName: await this.soleProgrammeName().catch(() => null),
      ...data,
    };
    const html = await (
      reply as WebReply & { viewAsync(page: string, data: object): Promise<string> }
    ).viewAsync(`${template}.njk`, context);
    await reply
      .status(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(html);
  }

  /** Post/redirect/get: 303 so the browser follows with a GET. */
  async redirect(reply: WebReply, to: string): Promise<void> {
    await reply.status(303).header('Location', to).send();
  }
}
