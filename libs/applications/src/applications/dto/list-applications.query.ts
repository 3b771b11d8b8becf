import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { PageQueryDto, IsOptionalNotNull } from '@catalyst/common';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application.statuses';

export class ListApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this programme’s' })
  @IsOptionalNotNull()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  challengeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  startupOrganisationId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptionalNotNull()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}
