import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@catalyst/common';
import { WorkerModule, WorkerModuleOptions } from './worker.module';

/**
 * The worker process: an application context with no HTTP server. Closing it (main.ts: on
 * SIGTERM/SIGINT) closes the BullMQ workers, which lets in-flight jobs finish first, or
 * returns them to the queue once SHUTDOWN_GRACE_MS has passed.
 */
export async function createWorker(
  config: AppConfig,
  options: WorkerModuleOptions = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  await app.init();
  return app;
}
