import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { normaliseEmail } from '../auth/dto/credentials.dto';

/** Which provider: by its id (a chosen organisation), or by the person's e-mail domain. */
export class StartSsoDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of providerId or email' })
  @ValidateIf((o: StartSsoDto) => o.email === undefined)
  @IsUUID()
  providerId?: string;

  @ApiPropertyOptional({
    example: 'grace@fife.gov.uk',
    description: 'Finds the provider by domain',
  })
  @ValidateIf((o: StartSsoDto) => o.providerId === undefined)
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class SsoStartedDto {
  @ApiProperty({ description: "Send the person's browser here" })
  authorizationUrl: string;

  @ApiProperty({ description: 'Keep it: the exchange (or link) needs it. Shown once.' })
  flowSecret: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

export class SsoCallbackResultDto {
  @ApiProperty({ enum: ['completed', 'link_required'] })
  status: 'completed' | 'link_required';

  @ApiPropertyOptional({ description: 'One-time, 2 minutes: POST /auth/sso/exchange' })
  exchangeCode?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({ description: 'With link_required: the account to confirm' })
  email?: string;
}

export class SsoExchangeDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  flowSecret: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  exchangeCode: string;
}

export class SsoLinkDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  flowSecret: string;

  @ApiProperty({ description: 'The existing account’s password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  password: string;
}
