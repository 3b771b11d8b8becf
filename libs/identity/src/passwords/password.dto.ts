import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  normaliseEmail,
} from '../auth/dto/credentials.dto';
import { TOKEN_DELIVERIES, type TokenDelivery } from '../invitations/invitation.view';

const NEW_PASSWORD =
  'At least 12 characters; refused when common or breached, repetitive, or made of your ' +
  'e-mail address or name (400 `password.rejected`, the field error says which)';

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password you signed in with' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: NEW_PASSWORD })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class RequestPasswordResetDto {
  @ApiProperty({ example: 'ada@example.org' })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class CompletePasswordResetDto {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: NEW_PASSWORD })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class PasswordChangedDto {
  @ApiProperty({ description: 'How many other sign-ins were ended (their refresh tokens revoked)' })
  signInsEnded: number;
}

/** Answer to a programme manager issuing a reset for someone. */
export class PasswordResetIssuedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: TOKEN_DELIVERIES, example: 'response' })
  tokenDelivery: TokenDelivery;

  @ApiProperty({
    description:
      'Single-use secret for POST /auth/password-resets/{token}; only its hash is stored. Pass ' +
      'it (or `path`) to the account holder over a channel you trust',
  })
  token: string;

  @ApiProperty({ example: '/api/v1/auth/password-resets/3q2-…' })
  path: string;

  @ApiProperty({ format: 'date-time', description: 'One hour after it was issued' })
  expiresAt: string;
}
