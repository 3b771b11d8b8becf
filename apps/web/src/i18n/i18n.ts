import i18next, { type TFunction, type i18n } from 'i18next';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_ROOT } from '../web-root';

/** The languages the web application speaks; the first is the default. */
export const LOCALES = ['en-GB', 'sv'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-GB';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** One string catalogue per locale (apps/web/locales/<locale>.json). */
export function loadCatalogue(locale: Locale): Record<string, unknown> {
  return JSON.parse(readFileSync(join(WEB_ROOT, 'locales', `${locale}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/**
 * The i18next instance (one per process). A key missing from a catalogue is an error, not a
 * silent English fallback: `onMissingKey` is called (the tests make it throw).
 */
export function createI18n(onMissingKey?: (locale: string, key: string) => void): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(
      LOCALES.map((locale) => [locale, { translation: loadCatalogue(locale) }]),
    ),
    lng: DEFAULT_LOCALE,
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    // Nunjucks escapes what it prints; escaping here too would double-escape (O&amp;#39;Brien).
    interpolation: { escapeValue: false },
    returnNull: false,
    saveMissing: !!onMissingKey,
    missingKeyHandler: onMissingKey
      ? (lngs, _ns, key) => onMissingKey(lngs.join(','), key)
      : undefined,
  } as Parameters<i18n['init']>[0]);
  return instance;
}

export type Translate = TFunction;
