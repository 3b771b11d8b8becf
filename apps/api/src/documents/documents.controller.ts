import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FileStreamInterceptor, MultipartFileStream } from '@nestjs/platform-fastify/multipart';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ALLOWED_TYPES,
  DeleteDocumentService,
  DocumentFileMissingError,
  DocumentPageResponse,
  DocumentQueryService,
  DocumentResponse,
  ListDocumentsQueryDto,
  UploadDocumentDto,
  UploadDocumentService,
  attachmentDisposition,
  documentName,
} from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';
import { TAKES_UPLOADS } from '../bootstrap/takes-uploads';

const ALLOWED = ALLOWED_TYPES.map((t) => t.label).join(', ');

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly uploading: UploadDocumentService,
    private readonly reading: DocumentQueryService,
    private readonly deleting: DeleteDocumentService,
  ) {}

  @Post()
  @HttpCode(201)
  @SignedIn()
  @RouteConfig(TAKES_UPLOADS)
  @UseInterceptors(FileStreamInterceptor('file'))
  @ApiOperation({
    summary: 'Upload a document attached to a thing',
    description:
      'multipart/form-data with the text fields `attachToType` and `attachToId` **before** the ' +
      '`file` part (parts after the file are not read). Attachable types: `application` (its ' +
      'company, while it is a draft and the call is open); `milestone` (the team, or a ' +
      'programme manager for it, while planned, in progress or changes requested: 409 ' +
      '`milestone.not_open` after); `progress_update` (its author, for 24 hours: 409 ' +
      '`progress_update.locked` after). Who may see the thing may see its ' +
      'documents. The content is streamed into storage, never held whole, and its SHA-256 ' +
      `recorded. The type is judged by the content, not the name: ${ALLOWED}; CSV and plain ` +
      'text (which have no signature) only when the file is named .csv/.txt or declared ' +
      'text/csv or text/plain, and is UTF-8 without NUL bytes. 404 when you may not see the ' +
      'thing, 403 when you see it but may not attach; a refused upload stores nothing.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    required: true,
    schema: {
      type: 'object',
      required: ['attachToType', 'attachToId', 'file'],
      properties: {
        attachToType: {
          type: 'string',
          example: 'application',
          description: 'The kind of thing the document is attached to',
        },
        attachToId: { type: 'string', format: 'uuid', description: 'The thing’s id' },
        file: {
          type: 'string',
          format: 'binary',
          description: 'The file, last; its name is kept (without folders or control characters)',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentResponse, description: 'Stored' })
  @ApiConflictResponse({
    description:
      'The thing’s state forbids attaching (e.g. `application.not_draft`, `milestone.not_open`)',
  })
  @ApiPayloadTooLargeResponse({
    description: 'Larger than DOCUMENT_MAX_BYTES (`document.too_large`); nothing stored',
  })
  @ApiUnsupportedMediaTypeResponse({
    description: 'Content outside the allow-list (`document.unsupported_type`); nothing stored',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The thing’s rules forbid it now (e.g. the call has closed)',
  })
  upload(
    @CurrentActor() actor: Actor,
    @Body() body: UploadDocumentDto,
    @UploadedFile() file: MultipartFileStream | undefined,
  ): Promise<DocumentResponse> {
    if (!file) throw new DocumentFileMissingError();
    return this.uploading.upload(actor, {
      attachTo: { type: body.attachToType, id: body.attachToId },
      file: {
        name: documentName(file.originalname),
        declaredType: file.mimetype ?? '',
        content: file.stream,
      },
    });
  }

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'The documents of one thing, in upload order',
    description: '404 when you may not see the thing.',
  })
  @ApiOkResponse({ type: DocumentPageResponse })
  @ApiNotFoundResponse({ description: 'The thing does not exist or is not visible to you' })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListDocumentsQueryDto,
  ): Promise<DocumentPageResponse> {
    return this.reading.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Download a document',
    description:
      'The content as uploaded, with its detected type, `Content-Disposition: attachment` ' +
      '(the name as `filename` and, when it is not plain ASCII, UTF-8 `filename*`), its length ' +
      'and `X-Content-Type-Options: nosniff`. 404 when you may not see what it is attached to.',
  })
  @ApiOkResponse({
    description: 'The document’s bytes, of its own content type',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="…"; filename*=UTF-8\'\'…',
        schema: { type: 'string' },
      },
      'Content-Length': { description: 'The size in bytes', schema: { type: 'integer' } },
      'X-Content-Type-Options': { description: 'nosniff', schema: { type: 'string' } },
    },
  })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { document, content } = await this.reading.open(actor, id);
    void reply
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      // Nothing in a document is to run in the API's origin, whatever a browser makes of it.
      .header('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(content, {
      type: document.contentType,
      disposition: attachmentDisposition(document.name),
      length: document.size,
    });
  }

  @Get(':id/meta')
  @SignedIn()
  @ApiOperation({
    summary: 'A document’s description (name, size, type, SHA-256, what it is attached to)',
  })
  @ApiOkResponse({ type: DocumentResponse })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DocumentResponse> {
    return this.reading.get(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({
    summary: 'Remove a document',
    description:
      'Allowed while you could attach a document to its thing (an application’s company while ' +
      'it is a draft): the same 403/409/422 as an upload. Audited as `document.deleted`.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse({
    description: 'The thing’s state forbids it (e.g. `application.not_draft`)',
  })
  @ApiUnprocessableEntityResponse({ description: 'The thing’s rules forbid it now' })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.deleting.delete(actor, id);
  }
}
