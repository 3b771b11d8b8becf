/**
 * The quick start's one address: the API (with /docs and /health) and the web application in
 * one process, on one port. Each keeps its own Nest application and Fastify instance, exactly
 * as `npm run start:api` and `npm run start:web` run them in production; a plain HTTP server
 * in front hands each request to the one whose paths it is.
 */
import { Server, createServer } from 'node:http';
import { AppConfig, loadConfigOrExit } from '@catalyst/common';
import type { ApiModuleOptions } from '../../api/src/api.module';
import { createApi } from '../../api/src/bootstrap/create-api';
import { createWeb } from '../../web/src/create-web';

/** The API's paths; everything else is a page. */
const API_PATHS = /^\/(api\/|docs(\/|-json|-yaml|$|\?)|health\/)/;

export function isApiPath(url: string | undefined): boolean {
  return API_PATHS.test(url ?? '/');
}

/** Both applications behind one (not yet listening) HTTP server; `close` stops all three. */
export async function apiAndWeb(
  config: AppConfig,
  options: ApiModuleOptions = {},
): Promise<{ server: Server; close: () => Promise<void> }> {
  const api = await createApi(config, options);
  const web = await createWeb(config, options);
  const apiServer = api.getHttpAdapter().getInstance();
  const webServer = web.getHttpAdapter().getInstance();
  await Promise.all([apiServer.ready(), webServer.ready()]);
  const server = createServer((request, response) => {
    (isApiPath(request.url) ? apiServer : webServer).server.emit('request', request, response);
  });
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled([api.close(), web.close()]);
  };
  return { server, close };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { server, close } = await apiAndWeb(config);
  server.listen(config.port, '0.0.0.0');
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('Catalyst failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
