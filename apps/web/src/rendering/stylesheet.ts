import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * GOV.UK Frontend's and MOJ Frontend's styles without the GOV.UK brand's typeface: the GDS
 * Transport font is only for GOV.UK services, so its @font-face rules go and the text falls
 * back to Arial; the images move under /assets/govuk/. Then Catalyst's own few rules.
 */
export function catalystStylesheet(govukDist: string, mojDir: string, ownAssets: string): string {
  const strip = (css: string) =>
    css
      .replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '')
      .replace(/GDS Transport,/g, '')
      .replace(/url\(\/assets\//g, 'url(/assets/govuk/');
  return [
    strip(readFileSync(join(govukDist, 'govuk', 'govuk-frontend.min.css'), 'utf8')),
    strip(readFileSync(join(mojDir, 'moj', 'moj-frontend.min.css'), 'utf8')),
    readFileSync(join(ownAssets, 'catalyst.css'), 'utf8'),
  ].join('\n');
}
