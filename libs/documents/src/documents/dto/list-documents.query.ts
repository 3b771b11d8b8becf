import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@catalyst/common';
import { ATTACHMENT_TYPE_NAME } from '../../attachments/document-attachment-type';

/** The documents of one thing, in upload order. */
export class ListDocumentsQueryDto extends PageQueryDto {
  @ApiProperty({ example: 'application', description: 'The kind of thing (an attachment type)' })
  @IsString()
  @Matches(ATTACHMENT_TYPE_NAME, { message: 'attachedToType must be an attachment type name' })
  attachedToType: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  attachedToId: string;
}
