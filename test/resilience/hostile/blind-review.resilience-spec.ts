import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SessionService } from '@catalyst/identity';
import { Harness } from '@catalyst/testing';
import { ROUTE_POLICY, RoutePolicy } from '../../../apps/api/src/auth/route-policy.decorator';
import { PAGE_ACCESS, PageAccess } from '../../../apps/web/src/session/page-access.decorator';
import { SESSION_COOKIE } from '../../../apps/web/src/session/web-request';
import { startWeb } from '../../web/support/web-app';
import { AccessWorld, buildAccessWorld, fillPath } from './lib/access-world';
import { routeTable } from './lib/route-table';

/**
 * Blind review, searched exhaustively: in a blind round, every answer the assessor on the panel
 * can get from any API route or web page (each read route of the route tables, filled with the
 * world's ids) is searched for the company's name, website, members' e-mail and names.
 */
describe('blind review leaks nothing the assessor can reach', () => {
  const h = new Harness();
  let web: NestFastifyApplication;
  let world: AccessWorld;
  let cookie: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    web = await startWeb(h);
    world = await buildAccessWorld(h, { blindReview: true });
    const assessor = world.users.assessor;
    const { refreshToken } = await web.get(SessionService).login(assessor.email, assessor.password);
    cookie = `${SESSION_COOKIE}=${refreshToken}`;
  });
  afterAll(async () => {
    await web?.close();
    await h.teardown();
  });

  const secrets = () => [
    world.company.name,
    world.company.email,
    world.company.memberName,
    'culvert-sensing.example',
    world.ids.organisations,
  ];
  /** What the answer shows that the caller did not send itself (a 404 may echo the URL's id). */
  const leaksIn = (text: string, url = '') =>
    secrets().filter((s) => text.includes(s) && !url.includes(s));

  it('shows the company to the programme manager (so a clean search below means hidden)', async () => {
    const res = await h
      .http()
      .get(`/api/v1/applications/${world.ids.applications}`)
      .set('authorization', world.users.pm.bearer)
      .expect(200);
    expect(leaksIn(res.text)).toEqual(expect.arrayContaining([world.company.name]));
  });

  it('hides the company in every API answer the assessor gets', async () => {
    const assessor = world.users.assessor;
    const reached: string[] = [];
    const leaks: string[] = [];
    for (const r of routeTable<RoutePolicy>(h.api!, ROUTE_POLICY).filter(
      (x) => x.method === 'GET',
    )) {
      const prefix = r.path.startsWith('/health/') ? '' : '/api/v1';
      const url = prefix + fillPath(r.path, world, randomUUID);
      const res = await h.http().get(url).set('authorization', assessor.bearer);
      if (res.status < 300) reached.push(r.key);
      const found = leaksIn(res.text, url);
      if (found.length) leaks.push(`${r.key} (${res.status}): ${found.join(', ')}`);
    }
    // The assessor does reach the assessment and its application through it.
    expect(reached).toEqual(expect.arrayContaining(['GET /assessments/:id', 'GET /assessments']));
    expect(leaks).toEqual([]);
  });

  it('hides the company on every web page the assessor opens', async () => {
    const reached: string[] = [];
    const leaks: string[] = [];
    for (const r of routeTable<PageAccess>(web, PAGE_ACCESS).filter((x) => x.method === 'GET')) {
      const url = fillPath(r.path, world, randomUUID);
      const res = await request(web.getHttpServer()).get(url).set('cookie', cookie);
      if (res.status === 200) reached.push(r.key);
      const found = leaksIn(res.text, url);
      if (found.length) leaks.push(`${r.key} (${res.status}): ${found.join(', ')}`);
    }
    expect(reached).toEqual(expect.arrayContaining(['GET /assessments/:id']));
    expect(leaks).toEqual([]);
  });
});
