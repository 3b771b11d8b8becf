import type { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, Locale, isLocale } from '../i18n/i18n';
import { LOCALE_COOKIE } from './web-request';

/** The page's language: the one chosen with the language switcher (a cookie), else English. */
export function localeOf(request: FastifyRequest): Locale {
  const chosen = request.cookies?.[LOCALE_COOKIE];
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}
