import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@catalyst/identity';
import type { Locale } from '../i18n/i18n';

/** A request as the web application's pages see it: the signed-in person and the language. */
export type WebRequest = FastifyRequest & {
  actor?: Actor;
  /** The sign-in (refresh-token family) behind the session cookie, when signed in. */
  sessionToken?: string;
  locale: Locale;
  /** A form post's CSRF check: refused until the token matched (the error page says why). */
  csrf?: 'refused' | 'passed';
};

export type WebReply = FastifyReply;

export const SESSION_COOKIE = 'catalyst_session';
export const LOCALE_COOKIE = 'catalyst_lang';
