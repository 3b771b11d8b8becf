import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, IsOptionalNotNull } from '@catalyst/common';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'invitation' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional({ example: '0b0f6b0e-8f5e-4c1a-9d8e-2f6a1c3b4d5e' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events caused by this user' })
  @IsOptionalNotNull()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this programme’s events' })
  @IsOptionalNotNull()
  @IsUUID()
  programmeId?: string;
}
