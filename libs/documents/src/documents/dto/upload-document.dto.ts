import { IsString, IsUUID, Matches } from 'class-validator';
import { ATTACHMENT_TYPE_NAME } from '../../attachments/document-attachment-type';

/**
 * The text fields of an upload (multipart/form-data, before the `file` part): the thing the
 * document is attached to, API.md's `attachTo: { type, id }` as two flat fields, which every
 * form encoder and the OpenAPI multipart encoding send the same way.
 */
export class UploadDocumentDto {
  @IsString()
  @Matches(ATTACHMENT_TYPE_NAME, { message: 'attachToType must be an attachment type name' })
  attachToType: string;

  @IsUUID()
  attachToId: string;
}
