import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentProblems } from './openapi-problems';
import { tidyDocument } from './openapi-tidy';

/** The OpenAPI document of the API's routes (served at /api/v1/openapi.json, linted in CI). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Catalyst API')
    .setDescription(
      'Public-sector innovation accelerators: challenges, applications, assessment, cohorts, ' +
        'milestones and follow-on contracts. Errors are RFC 9457 problem details ' +
        '(application/problem+json). Lists take `limit` (1–200, default 50) and `cursor`, and ' +
        'answer `{ items, nextCursor }`. State changes go through ' +
        '`POST /{collection}/{id}/transitions` with `{ to, reason? }`. Editable resources carry ' +
        '`version`; send it back in `If-Match` to avoid overwriting someone else’s change.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return tidyDocument(documentProblems(SwaggerModule.createDocument(app, config)));
}

export function setupOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/v1/openapi.json',
    yamlDocumentUrl: 'api/v1/openapi.yaml',
    customSiteTitle: 'Catalyst API',
  });
}
