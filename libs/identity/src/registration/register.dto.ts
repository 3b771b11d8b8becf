import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  normaliseEmail,
} from '../auth/dto/credentials.dto';
import { MembershipDto, UserDto } from '../me/me.view';
import { OrganisationDto } from '../organisations/organisation.view';
import { trimmed } from '../trimmed';

export class RegisterDto {
  @ApiProperty({ example: 'ada@acme.example' })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Acme Analytics Ltd', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organisationName: string;
}

export class RegistrationDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiProperty({ type: OrganisationDto })
  organisation: OrganisationDto;

  @ApiProperty({ type: MembershipDto })
  membership: MembershipDto;
}
