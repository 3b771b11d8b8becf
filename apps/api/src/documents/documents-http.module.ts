import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { DocumentsModule } from '@catalyst/documents';
import { DocumentsController } from './documents.controller';

/**
 * The HTTP side of documents. Uploads are parsed as a stream (never buffered whole): at most
 * DOCUMENT_MAX_BYTES of one file, two short text fields before it, file names read as UTF-8.
 */
@Module({
  imports: [
    DocumentsModule,
    MultipartModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: {
          fileSize: config.documentMaxBytes,
          files: 1,
          fields: 4,
          parts: 5,
          fieldSize: 1024,
          headerPairs: 100,
        },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DocumentsController],
})
export class DocumentsHttpModule {}
