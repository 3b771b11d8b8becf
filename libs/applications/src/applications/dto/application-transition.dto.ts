import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application.statuses';
import { IsOptionalNotNull } from '@catalyst/common';

export class ApplicationTransitionDto {
  @ApiProperty({
    enum: APPLICATION_STATUSES,
    example: 'submitted',
    description:
      'Startup members: `submitted` (from draft), `withdrawn`. Programme managers: ' +
      '`ineligible` (screening), `submitted` (reinstating an ineligible one), `shortlisted`, ' +
      '`exploration`, `selected`, `waitlisted`, `rejected` — all with a reason; the decisions ' +
      'only once the panel has assessed the application (422 otherwise).',
  })
  @IsIn(APPLICATION_STATUSES)
  to: ApplicationStatus;

  @ApiPropertyOptional({
    maxLength: 4000,
    description: 'Why. Required for every programme manager decision; kept in the audit trail.',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}
