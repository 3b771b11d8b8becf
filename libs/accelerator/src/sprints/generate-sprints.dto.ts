import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class GenerateSprintsDto {
  @ApiProperty({ minimum: 1, maximum: 91, example: 14, description: 'Calendar days per sprint' })
  @IsInt()
  @Min(1)
  @Max(91)
  lengthDays: number;
}
