import { ApiProperty } from '@nestjs/swagger';

export class CohortTeamResponse {
  @ApiProperty({ format: 'uuid', description: 'The team' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The selected application' })
  applicationId: string;

  @ApiProperty({ format: 'uuid' })
  startupOrganisationId: string;

  @ApiProperty()
  startupName: string;

  @ApiProperty({ format: 'uuid' })
  challengeId: string;

  @ApiProperty()
  challengeTitle: string;

  @ApiProperty({ format: 'uuid' })
  sponsorOrganisationId: string;

  @ApiProperty()
  sponsorName: string;

  @ApiProperty({ format: 'date-time', description: 'When the application was selected' })
  createdAt: string;
}

export class CohortPageResponse {
  @ApiProperty({ type: [CohortTeamResponse] })
  items: CohortTeamResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
