import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentProblems } from './openapi-problems';

export function setupOpenApi(app: NestFastifyApplication): void {
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
  const document = documentProblems(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'api/v1/openapi.json',
    yamlDocumentUrl: 'api/v1/openapi.yaml',
    customSiteTitle: 'Catalyst API',
  });
}
