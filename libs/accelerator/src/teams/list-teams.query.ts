import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsUUID } from 'class-validator';
import { IsOptionalNotNull, PageQueryDto } from '@catalyst/common';

export class ListTeamsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Only your own teams: your company’s, or your sponsor organisations’ (programme managers otherwise see every team)',
  })
  @IsOptionalNotNull()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  mine?: boolean;
}
