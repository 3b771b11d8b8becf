import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role, SessionService } from '@catalyst/identity';
import { Harness } from '@catalyst/testing';
import { ROUTE_POLICY, RoutePolicy } from '../../../apps/api/src/auth/route-policy.decorator';
import { PAGE_ACCESS, PageAccess } from '../../../apps/web/src/session/page-access.decorator';
import { SESSION_COOKIE } from '../../../apps/web/src/session/web-request';
import { startWeb } from '../../web/support/web-app';
import { API_EXPECTATIONS, Expectation, WEB_EXPECTATIONS } from './access-expectations';
import { AccessWorld, CALLERS, Caller, buildAccessWorld, fillPath } from './lib/access-world';
import { Route, routeTable } from './lib/route-table';

/**
 * Access, generated from the route tables of the API and the web application: every route ×
 * every caller. Each route must have a decided entry in access-expectations.ts (who may reach
 * it, and for a read of one thing, who may see the world's row), so a route added without a
 * decision fails here. Finer per-action rules (own or other organisation for each write) are the
 * per-module access-matrix tests'; this suite holds every route to the declared decision.
 *
 * ACCESS_DISCOVER=1 prints the statuses observed for reads, to write a new route's entry from.
 */
const DISCOVER = process.env.ACCESS_DISCOVER === '1';

const declared = (p: RoutePolicy | PageAccess | undefined): Expectation['policy'] | 'none' => {
  if (!p) return 'none';
  if (p.kind === 'roles') return [...p.roles].sort();
  if (p.kind === 'signed-in' && 'roles' in p && p.roles) return [...p.roles].sort();
  return p.kind;
};

const holds = (caller: Caller, world: AccessWorld, roles: readonly Role[]) =>
  caller !== 'anonymous' && roles.includes(world.users[caller].role);

/** Callers with no relation to the world's rows: a 200 to them may show none of its ids. */
const OUTSIDERS = new Set<Caller>([
  'anonymous',
  'startupOther',
  'assessorOther',
  'sponsorOther',
  'pmOther',
]);

const ok = (status: number) => status >= 200 && status < 300;

function coverage(routes: Route<unknown>[], table: Record<string, Expectation>) {
  const keys = new Set(routes.map((r) => r.key));
  return {
    undecided: routes.filter((r) => !table[r.key]).map((r) => `${r.key} (${r.handler})`),
    stale: Object.keys(table).filter((k) => !keys.has(k)),
  };
}

describe('access to every route, for every caller', () => {
  const h = new Harness();
  let web: NestFastifyApplication;
  let world: AccessWorld;
  let apiRoutes: Route<RoutePolicy>[];
  let webRoutes: Route<PageAccess>[];
  const cookies = {} as Record<Exclude<Caller, 'anonymous'>, string>;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    web = await startWeb(h);
    world = await buildAccessWorld(h);
    apiRoutes = routeTable<RoutePolicy>(h.api!, ROUTE_POLICY);
    webRoutes = routeTable<PageAccess>(web, PAGE_ACCESS);
    const sessions = web.get(SessionService);
    for (const caller of CALLERS) {
      if (caller === 'anonymous') continue;
      const u = world.users[caller];
      cookies[caller] =
        `${SESSION_COOKIE}=${(await sessions.login(u.email, u.password)).refreshToken}`;
    }
  });
  afterAll(async () => {
    await web?.close();
    await h.teardown();
  });

  const api = (caller: Caller, method: Route<unknown>['method'], path: string) => {
    const prefix = path.startsWith('/health/') ? '' : '/api/v1';
    const call = h.http()[method.toLowerCase() as 'get'](prefix + path);
    return (caller === 'anonymous' ? call : call.set('authorization', world.users[caller].bearer))
      .set('content-type', 'application/json')
      .send('{}');
  };
  const page = (caller: Caller, method: Route<unknown>['method'], path: string) => {
    const call = request(web.getHttpServer())[method.toLowerCase() as 'get'](path);
    return caller === 'anonymous' ? call : call.set('cookie', cookies[caller]);
  };

  describe('the API', () => {
    it('has a decided expectation for every route, and none for a route that is gone', () => {
      expect(coverage(apiRoutes, API_EXPECTATIONS)).toEqual({ undecided: [], stale: [] });
      expect(apiRoutes.length).toBeGreaterThan(100);
    });

    it('declares on every route the policy its expectation decided', () => {
      const differ = apiRoutes
        .filter(
          (r) =>
            JSON.stringify(declared(r.policy)) !==
            JSON.stringify(norm(API_EXPECTATIONS[r.key]?.policy)),
        )
        .map((r) => `${r.key}: declares ${JSON.stringify(declared(r.policy))}`);
      expect(differ).toEqual([]);
    });

    it('refuses anonymous callers on every route that is not public, with a 401 problem', async () => {
      const failures: string[] = [];
      for (const r of apiRoutes.filter((x) => API_EXPECTATIONS[x.key]?.policy !== 'public')) {
        const res = await api('anonymous', r.method, fillPath(r.path, world, randomUUID));
        if (res.status !== 401 || !/problem\+json/.test(String(res.headers['content-type'])))
          failures.push(`${r.key} → ${res.status}`);
      }
      expect(failures).toEqual([]);
    });

    it('refuses every role a route is not for with a 403 problem, before reading its input', async () => {
      const failures: string[] = [];
      let checked = 0;
      for (const r of apiRoutes) {
        const policy = API_EXPECTATIONS[r.key]?.policy;
        if (!Array.isArray(policy)) continue;
        for (const caller of CALLERS) {
          if (caller === 'anonymous' || holds(caller, world, policy)) continue;
          const res = await api(caller, r.method, fillPath(r.path, world, randomUUID));
          checked++;
          if (res.status !== 403 || res.body?.code !== 'auth.forbidden')
            failures.push(`${r.key} as ${caller} → ${res.status} ${res.body?.code}`);
        }
      }
      expect(checked).toBeGreaterThan(100);
      expect(failures).toEqual([]);
    });

    it('shows the world’s row on each read of one thing exactly to the callers decided', async () => {
      const observed: string[] = [];
      const failures: string[] = [];
      for (const r of apiRoutes.filter((x) => x.method === 'GET' && x.path.includes(':'))) {
        const expected = API_EXPECTATIONS[r.key]?.reads;
        const seen: Caller[] = [];
        for (const caller of CALLERS) {
          const res = await api(caller, 'GET', fillPath(r.path, world, randomUUID));
          if (res.status >= 500) failures.push(`${r.key} as ${caller} → ${res.status}`);
          if (ok(res.status)) seen.push(caller);
          if (ok(res.status) && OUTSIDERS.has(caller)) {
            const leaked = world.privateIds.filter((id) => res.text.includes(id));
            if (leaked.length) failures.push(`${r.key} as ${caller} shows ${leaked.join(', ')}`);
          }
        }
        observed.push(`  '${r.key}': reads [${seen.map((c) => `'${c}'`).join(', ')}]`);
        if (!expected)
          failures.push(`${r.key}: no decision on who reads it (saw ${seen.join(', ')})`);
        else if (
          JSON.stringify(seen) !== JSON.stringify(CALLERS.filter((c) => expected.includes(c)))
        )
          failures.push(`${r.key}: read by [${seen.join(', ')}], decided [${expected.join(', ')}]`);
      }
      if (DISCOVER) process.stdout.write(`${observed.join('\n')}\n`);
      expect(failures).toEqual([]);
    });
  });

  describe('the web application', () => {
    it('has a decided expectation for every page, and none for a page that is gone', () => {
      expect(coverage(webRoutes, WEB_EXPECTATIONS)).toEqual({ undecided: [], stale: [] });
    });

    it('declares on every page the access its expectation decided', () => {
      const differ = webRoutes
        .filter(
          (r) =>
            JSON.stringify(declared(r.policy)) !==
            JSON.stringify(norm(WEB_EXPECTATIONS[r.key]?.policy)),
        )
        .map((r) => `${r.key}: declares ${JSON.stringify(declared(r.policy))}`);
      expect(differ).toEqual([]);
    });

    it('sends anonymous visitors of every page that is not public to sign in', async () => {
      const failures: string[] = [];
      for (const r of webRoutes.filter((x) => WEB_EXPECTATIONS[x.key]?.policy !== 'public')) {
        const res = await page('anonymous', r.method, fillPath(r.path, world, randomUUID));
        // A form posted without a session is refused by the CSRF check first (403), also safe.
        const toSignIn = res.status === 303 && String(res.headers.location).startsWith('/sign-in');
        if (!(toSignIn || (r.method === 'POST' && res.status === 403)))
          failures.push(`${r.key} → ${res.status} ${res.headers.location ?? ''}`);
      }
      expect(failures).toEqual([]);
    });

    it('refuses every role a page is not for with a 403 page', async () => {
      const failures: string[] = [];
      for (const r of webRoutes.filter((x) => x.method === 'GET')) {
        const policy = WEB_EXPECTATIONS[r.key]?.policy;
        if (!Array.isArray(policy)) continue;
        for (const caller of CALLERS) {
          if (caller === 'anonymous' || holds(caller, world, policy)) continue;
          const res = await page(caller, 'GET', fillPath(r.path, world, randomUUID));
          if (res.status !== 403) failures.push(`${r.key} as ${caller} → ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('shows the world’s row on each page of one thing exactly to the callers decided', async () => {
      const observed: string[] = [];
      const failures: string[] = [];
      for (const r of webRoutes.filter((x) => x.method === 'GET' && x.path.includes(':'))) {
        const expected = WEB_EXPECTATIONS[r.key]?.reads;
        const seen: Caller[] = [];
        for (const caller of CALLERS) {
          const res = await page(caller, 'GET', fillPath(r.path, world, randomUUID));
          if (res.status >= 500) failures.push(`${r.key} as ${caller} → ${res.status}`);
          if (res.status === 200) seen.push(caller);
          if (res.status === 200 && OUTSIDERS.has(caller)) {
            const leaked = world.privateIds.filter((id) => res.text.includes(id));
            if (leaked.length) failures.push(`${r.key} as ${caller} shows ${leaked.join(', ')}`);
          }
        }
        observed.push(`  '${r.key}': reads [${seen.map((c) => `'${c}'`).join(', ')}]`);
        if (!expected)
          failures.push(`${r.key}: no decision on who sees it (saw ${seen.join(', ')})`);
        else if (
          JSON.stringify(seen) !== JSON.stringify(CALLERS.filter((c) => expected.includes(c)))
        )
          failures.push(`${r.key}: seen by [${seen.join(', ')}], decided [${expected.join(', ')}]`);
      }
      if (DISCOVER) process.stdout.write(`${observed.join('\n')}\n`);
      expect(failures).toEqual([]);
    });
  });
});

function norm(p: Expectation['policy'] | undefined) {
  return Array.isArray(p) ? [...p].sort() : (p ?? 'undecided');
}
