import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageQueryDto, IsOptionalNotNull } from '@catalyst/common';
import { ORGANISATION_KINDS, type OrganisationKind } from '../roles';

export class ListOrganisationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptionalNotNull()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}
