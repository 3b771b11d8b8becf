import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AddAssessorDto {
  @ApiProperty({ format: 'uuid', description: 'A user holding the assessor role somewhere.' })
  @IsUUID()
  userId: string;
}

export class PanelMemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'The stage whose panel this is (its key).' }) stage: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) addedByUserId: string | null;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class PanelPageView {
  @ApiProperty({ type: [PanelMemberView] }) items: PanelMemberView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PanelRemovalView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({
    type: [String],
    description: 'Open (unsubmitted) assessments deleted with the panel seat.',
  })
  removedAssessmentIds: string[];
}
