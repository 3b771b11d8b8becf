import { ApiProperty } from '@nestjs/swagger';

export class ProgressCounts {
  @ApiProperty({ description: 'Assessments that count: open or submitted (not conflicted).' })
  assigned: number;
  @ApiProperty() submitted: number;
  @ApiProperty({ description: 'Taken out by a declared conflict; not in `assigned`.' })
  conflicted: number;
}

export class ApplicationProgressView extends ProgressCounts {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
}

export class AssessorProgressView extends ProgressCounts {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Still on the panel (false: removed after submitting here).' })
  onPanel: boolean;
}

export class ReviewProgressView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ type: ProgressCounts }) totals: ProgressCounts;
  @ApiProperty({ type: [ApplicationProgressView] }) applications: ApplicationProgressView[];
  @ApiProperty({ type: [AssessorProgressView] }) assessors: AssessorProgressView[];
}
