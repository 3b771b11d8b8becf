import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createWeb } from '../../../apps/web/src/create-web';
import type { Harness } from '../../support/harness';

/**
 * The web application built as in production, over the harness's database, clock and queue
 * namespace (so its sign-in limit shares the API's counters). A string missing from a
 * catalogue fails the test that renders it.
 */
export async function startWeb(h: Harness): Promise<NestFastifyApplication> {
  const web = await createWeb(h.config, {
    clock: h.clock,
    queuePrefix: h.queuePrefix,
    onMissingKey: (locale, key) => {
      throw new Error(`The ${locale} catalogue has no string '${key}'`);
    },
  });
  await web.getHttpAdapter().getInstance().ready();
  return web;
}

/** A browser-like client: keeps cookies, and reads each form's CSRF token from the page. */
export class WebClient {
  readonly agent: ReturnType<typeof request.agent>;

  constructor(web: NestFastifyApplication) {
    this.agent = request.agent(web.getHttpServer());
  }

  get(path: string) {
    return this.agent.get(path);
  }

  /** Opens `page` and posts `fields` with the CSRF token of the page's forms. */
  async submit(page: string, action: string, fields: Record<string, string>) {
    const form = await this.agent.get(page);
    const token = csrfTokenIn(form.text);
    return this.agent
      .post(action)
      .type('form')
      .send({ _csrf: token, ...fields });
  }

  async signIn(email: string, password: string) {
    const res = await this.submit('/sign-in', '/sign-in', { email, password });
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${res.text}`);
    return res;
  }
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

/** The value of a hidden field on the page (e.g. `version`). */
export function hiddenValue(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}
