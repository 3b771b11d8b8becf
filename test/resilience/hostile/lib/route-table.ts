import { INestApplicationContext, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';

export interface Route<P> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As Nest declares it, without the global prefix: `/rounds/:id`. */
  path: string;
  /** `METHOD /path`, the key of the expectation tables. */
  key: string;
  handler: string;
  /** The access the route declares under `metadataKey`, or undefined. */
  policy: P | undefined;
}

/** Every controller route of an application with the access it declares (the route table). */
export function routeTable<P>(app: INestApplicationContext, metadataKey: string): Route<P>[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route<P>[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || typeof metatype !== 'function') continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    // A controller may be mounted at several paths (`@Controller(['a', 'b'])`).
    const bases = [
      (Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined) ?? '',
    ].flat();
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[
        Reflect.getMetadata(METHOD_METADATA, handler) as number
      ] as Route<P>['method'];
      const policy = reflector.getAllAndOverride<P | undefined>(metadataKey, [handler, metatype]);
      for (const base of bases) {
        for (const path of [paths].flat()) {
          const parts = [base, path].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean);
          const full = `/${parts.join('/')}`;
          routes.push({
            method,
            path: full,
            key: `${method} ${full}`,
            handler: `${metatype.name}.${name}`,
            policy,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
