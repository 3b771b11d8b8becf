import { Controller, Get, INestApplicationContext, Post, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { Harness } from '@catalyst/testing';
import { Public, ROUTE_POLICY, RoutePolicy } from '../../apps/api/src/auth/route-policy.decorator';

interface Route {
  method: string;
  path: string;
  handler: string;
  policy: RoutePolicy | undefined;
}

/** Every controller route of an application with the policy it declares (or none). */
function routesOf(app: INestApplicationContext): Route[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || typeof metatype !== 'function') continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    const base = (Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined) ?? '';
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const policy = reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
        handler,
        metatype,
      ]);
      for (const path of [paths].flat()) {
        const parts = [base, path].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean);
        routes.push({
          method,
          path: `/${parts.join('/')}`,
          handler: `${metatype.name}.${name}`,
          policy,
        });
      }
    }
  }
  return routes;
}

const unprotected = (routes: Route[]) =>
  routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.handler})`);

describe('every route declares its access policy', () => {
  const h = new Harness();
  let routes: Route[];

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    routes = routesOf(h.api!);
  });
  afterAll(() => h.teardown());

  it('finds the routes of every controller (the walk itself works)', () => {
    const listed = routes.map((r) => `${r.method} ${r.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /auth/login',
        'GET /me',
        'POST /organisations/:id/invitations',
        'GET /audit',
        'GET /health/live',
      ]),
    );
  });

  it('has no route without @Public, @SignedIn or @Roles', () => {
    expect(unprotected(routes)).toEqual([]);
  });

  it('answers 401 to an anonymous call on every route that is not public', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.policy?.kind !== 'public')) {
      const prefix = route.path.startsWith('/health/') ? '' : '/api/v1';
      const url = prefix + route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      const res = await h
        .http()
        [route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url)
        .send({});
      if (res.status !== 401) failures.push(`${route.method} ${url} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('the route walk', () => {
  @Controller('bare')
  class BareController {
    @Get()
    forgotten() {
      return 'no policy';
    }

    @Post()
    @Public()
    declared() {
      return 'public';
    }
  }

  it('reports a route that declares no policy', async () => {
    const module = await Test.createTestingModule({ controllers: [BareController] }).compile();
    try {
      expect(unprotected(routesOf(module))).toEqual(['GET /bare (BareController.forgotten)']);
    } finally {
      await module.close();
    }
  });
});
