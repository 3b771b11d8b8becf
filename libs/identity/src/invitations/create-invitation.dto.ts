import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { normaliseEmail } from '../auth/dto/credentials.dto';
import { ROLES, type Role } from '../roles';

export class CreateInvitationDto {
  @ApiProperty({ example: 'grace@example.org' })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    enum: ROLES,
    example: 'assessor',
    description:
      'Must fit the organisation: operator → programme_manager or assessor; sponsor → sponsor ' +
      'or assessor; startup → startup_member (422 otherwise)',
  })
  @IsIn(ROLES)
  role: Role;
}
