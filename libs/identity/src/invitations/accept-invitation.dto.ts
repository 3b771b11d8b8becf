import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/dto/credentials.dto';
import { MembershipDto } from '../me/me.view';
import { trimmed } from '../trimmed';
import { NAME_MAX_LENGTH } from './accept-invitation.rules';
import { IsOptionalNotNull } from '@catalyst/common';

export class AcceptInvitationDto {
  @ApiPropertyOptional({
    example: 'Grace Hopper',
    maxLength: NAME_MAX_LENGTH,
    description:
      'Required when the invitation creates a new account; ignored when the invited e-mail ' +
      'already has an account (its name is kept). Its problems are reported with the ' +
      'password’s, all at once',
  })
  @IsOptionalNotNull()
  @Transform(trimmed)
  @IsString()
  name?: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'a long and memorable passphrase',
    description:
      'The new account’s password, or — when the invited e-mail already has an account — that ' +
      'account’s current password, proving the invitee owns it (401 when it does not match)',
  })
  @IsString()
  password: string;
}

export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ example: 'grace@example.org' })
  email: string;

  @ApiProperty({
    description: 'True when accepting created the account; false when it joined an existing one',
  })
  accountCreated: boolean;

  @ApiProperty({ type: MembershipDto })
  membership: MembershipDto;
}
