import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, MoneyDto } from '@catalyst/common';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';
import {
  CONTRACT_KINDS,
  ContractKind,
  PROCUREMENT_ROUTES,
  ProcurementRoute,
} from './contract.state-machine';

export class CreateContractDto {
  @ApiProperty({ format: 'uuid', description: 'A public body (sponsor organisation)' })
  @IsUUID()
  buyerOrganisationId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  startupOrganisationId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The startup’s team in a cohort; the contract then belongs to its programme and round',
  })
  @IsOptionalNotNull()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The round it is counted in, when not linked to a team',
  })
  @IsOptionalNotNull()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The programme it belongs to, when linked to no team or round: required unless you manage exactly one programme',
  })
  @IsOptionalNotNull()
  @IsUUID()
  programmeId?: string;

  @ApiProperty({ enum: CONTRACT_KINDS })
  @IsIn(CONTRACT_KINDS)
  kind: ContractKind;

  @ApiProperty({ maxLength: 100, example: 'SC-2027-0143', description: 'Unique per buyer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference: string;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ enum: PROCUREMENT_ROUTES })
  @IsOptionalNotNull()
  @IsIn(PROCUREMENT_ROUTES)
  procurementRoute?: ProcurementRoute;

  @ApiProperty({ type: MoneyDto })
  @ValidateNested()
  @Type(() => MoneyDto)
  value: MoneyDto;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  endsOn: string;
}
