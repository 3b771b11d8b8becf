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

/** A programme the caller manages (as a programme manager of its operator). */
export class ManagedProgrammeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CivTech' })
  name: string;

  @ApiProperty({ example: 'civtech' })
  slug: string;
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

  @ApiProperty({
    type: [ManagedProgrammeDto],
    description: 'The programmes you manage, by name (empty unless you are a programme manager)',
  })
  programmes: ManagedProgrammeDto[];

  @ApiProperty({
    description: 'You administer the instance: you create operator organisations and programmes',
  })
  instanceAdmin: boolean;
}
