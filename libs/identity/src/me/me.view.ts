import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from '../roles';

export class MembershipDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  organisationKind: OrganisationKind;

  @ApiProperty({ example: 'City of Edinburgh Council' })
  organisationName: string;

  @ApiProperty({ enum: ROLES })
  role: Role;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ada@example.org' })
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;
}

export class MeDto extends UserDto {
  @ApiProperty({ example: 1, description: 'Send it as If-Match with PATCH /me' })
  version: number;

  @ApiProperty({ type: [MembershipDto] })
  memberships: MembershipDto[];
}
