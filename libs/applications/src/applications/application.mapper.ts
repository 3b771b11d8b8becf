import type { AllowedTransitionView } from '@catalyst/common';
import type { Application } from './application.entity';
import type { ApplicationStatus } from './application.statuses';
import type { ApplicationResponse } from './dto/application.response';

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
