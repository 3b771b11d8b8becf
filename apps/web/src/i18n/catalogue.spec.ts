import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_STATUSES } from '@catalyst/applications';
import { ASSESSMENT_STATUSES } from '@catalyst/assessment';
import { WEB_ROOT } from '../web-root';
import { LOCALES, loadCatalogue } from './i18n';

function keysOf(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? keysOf(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function files(dir: string, ending: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, ending);
    return entry.name.endsWith(ending) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every literal key the templates and the code ask for (`t('…')`). */
const used = [...files(join(WEB_ROOT, 'views'), '.njk'), ...files(join(WEB_ROOT, 'src'), '.ts')]
  .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)])
  .map((m) => m[1])
  // Keys completed at run time (`'status.' + status`) are checked below, one by one.
  .filter((key) => !key.endsWith('.'));

describe('the string catalogues', () => {
  const catalogues = Object.fromEntries(
    LOCALES.map((locale) => [locale, new Set(keysOf(loadCatalogue(locale)))]),
  );
  const has = (locale: string, key: string) =>
    catalogues[locale].has(key) || catalogues[locale].has(`${key}_other`);

  it.each(LOCALES)('%s has every string the pages use', (locale) => {
    expect(used.filter((key) => !has(locale, key))).toEqual([]);
  });

  it('are complete in Swedish: the same keys as in English', () => {
    expect([...catalogues.sv].filter((k) => !catalogues['en-GB'].has(k))).toEqual([]);
    expect([...catalogues['en-GB']].filter((k) => !catalogues.sv.has(k))).toEqual([]);
  });

  it.each(LOCALES)('%s names every status and every next step', (locale) => {
    const wanted = [
      ...[...APPLICATION_STATUSES, ...ASSESSMENT_STATUSES].map((s) => `status.${s}`),
      ...APPLICATION_STATUSES.map((s) => `application.nextStep.${s}`),
    ];
    expect(wanted.filter((key) => !has(locale, key))).toEqual([]);
  });
});
