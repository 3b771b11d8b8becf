import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { UpdateMeDto } from '@catalyst/identity';

export class EmailPreferencesDto {
  @ApiProperty({
    description:
      'Reminders and updates by e-mail; essential e-mail (invitations, decisions on applications) is always sent',
  })
  @IsBoolean()
  nonEssential: boolean;
}

/** `PATCH /me`: the profile, and the e-mail preferences (notifications). */
export class UpdateMeWithPreferencesDto extends UpdateMeDto {
  @ApiPropertyOptional({ type: EmailPreferencesDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => EmailPreferencesDto)
  emailPreferences?: EmailPreferencesDto;
}
