import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsOptionalNotNull, PageQueryDto } from '@catalyst/common';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';
import {
  CONTRACT_KINDS,
  CONTRACT_STATUSES,
  ContractKind,
  ContractStatus,
} from './contract.state-machine';

export class ListContractsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  buyerOrganisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  startupOrganisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ enum: CONTRACT_KINDS })
  @IsOptionalNotNull()
  @IsIn(CONTRACT_KINDS)
  kind?: ContractKind;

  @ApiPropertyOptional({ enum: CONTRACT_STATUSES })
  @IsOptionalNotNull()
  @IsIn(CONTRACT_STATUSES)
  status?: ContractStatus;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Only contracts whose current end date (after amendments) is before this date',
  })
  @IsOptionalNotNull()
  @IsCalendarDate()
  endingBefore?: string;
}
