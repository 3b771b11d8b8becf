/**
 * Writes the OpenAPI document to a file (or stdout) without a database or a queue backend:
 * Nest's preview mode builds the module graph and reads the routes' metadata but instantiates
 * no provider, so nothing connects. `npm run lint:openapi` lints its output.
 */
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@catalyst/common';
import { ApiModule } from '../api.module';
import { buildOpenApiDocument } from '../bootstrap/openapi';

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL || 'postgres://unused@127.0.0.1:1/unused',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });
  const json = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  const out = process.argv[2];
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
  await app.close();
}

main().catch((error: unknown) => {
  console.error('Could not build the OpenAPI document:', error);
  process.exit(1);
});
