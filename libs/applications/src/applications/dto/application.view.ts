import { ApiProperty } from '@nestjs/swagger';
import { AllowedTransitionView } from '@catalyst/common';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application.statuses';
import type { AnswerValue, Application } from '../application.entity';
import { ANSWERS_SCHEMA } from './create-application.dto';

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  challengeId: string;

  @ApiProperty()
  challengeTitle: string;

  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ format: 'uuid' })
  startupOrganisationId: string;

  @ApiProperty({ description: 'The applying company’s name' })
  startupName: string;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: ApplicationStatus;

  @ApiProperty(ANSWERS_SCHEMA)
  answers: Record<string, AnswerValue>;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Send it back in If-Match when editing or moving it' })
  version: number;

  @ApiProperty({
    type: [AllowedTransitionView],
    description: 'The moves you may make now (empty when none)',
  })
  allowedTransitions: AllowedTransitionView<ApplicationStatus>[];
}

export class ApplicationPageResponse {
  @ApiProperty({ type: [ApplicationResponse] })
  items: ApplicationResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/** An application loaded with its challenge's title and its company's name. */
export function toApplicationResponse(
  application: Application,
  allowedTransitions: AllowedTransitionView<ApplicationStatus>[],
): ApplicationResponse {
  return {
    id: application.id,
    challengeId: application.challengeId,
    challengeTitle: application.challenge?.title ?? '',
    roundId: application.roundId,
    startupOrganisationId: application.startupOrganisationId,
    startupName: application.startupOrganisation?.name ?? '',
    status: application.status,
    answers: application.answers,
    submittedAt: application.submittedAt?.toISOString() ?? null,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
    version: application.version,
    allowedTransitions,
  };
}
