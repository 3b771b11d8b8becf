import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../roles';

export class MemberDto {
  @ApiProperty({ format: 'uuid', description: 'The membership' })
  membershipId: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;

  @ApiProperty({ example: 'ada@example.org' })
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ format: 'date-time', description: 'When the membership was added' })
  since: string;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] })
  items: MemberDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
