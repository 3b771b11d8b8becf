import {
  BLIND_COPY_PROBLEMS,
  CONFLICT_PROBLEMS,
  ASSESSMENT_PROBLEMS,
  ASSIGNMENT_PROBLEMS,
  PANEL_PROBLEMS,
  STAGE_PROBLEMS,
  INTERVIEW_SLOT_PROBLEMS,
  FEEDBACK_PROBLEMS,
} from '@catalyst/assessment';
import { ACCELERATOR_PROBLEMS } from '@catalyst/accelerator';
import { APPLICATION_PROBLEMS } from '@catalyst/applications';
import { COMMON_PROBLEMS, ProblemEntry, composeCatalogue } from '@catalyst/common';
import { CONTRACT_PROBLEMS } from '@catalyst/contracts';
import { DOCUMENT_PROBLEMS } from '@catalyst/documents';
import {
  IDENTITY_PROBLEMS,
  INVITATION_PROBLEMS,
  ORGANISATION_PROBLEMS,
  PASSWORD_PROBLEMS,
  PROGRAMME_PROBLEMS,
  SSO_PROBLEMS,
} from '@catalyst/identity';
import { NOTIFICATION_PROBLEMS } from '@catalyst/notifications';
import { PING_PROBLEMS } from '@catalyst/ops';
import { REPORT_PROBLEMS } from '@catalyst/reporting';
import { CHALLENGE_PROBLEMS, ROUND_PROBLEMS } from '@catalyst/rounds';

/**
 * Every `code` a problem document of this API can carry: each library lists its own errors
 * beside their definitions, and this composes them (a code defined twice fails at start).
 * The OpenAPI document publishes it; a unit test keeps it equal to the codes the code throws.
 */
export const PROBLEM_CATALOGUE: ProblemEntry[] = composeCatalogue(
  COMMON_PROBLEMS,
  IDENTITY_PROBLEMS,
  INVITATION_PROBLEMS,
  ORGANISATION_PROBLEMS,
  PASSWORD_PROBLEMS,
  PROGRAMME_PROBLEMS,
  SSO_PROBLEMS,
  ROUND_PROBLEMS,
  CHALLENGE_PROBLEMS,
  APPLICATION_PROBLEMS,
  ASSESSMENT_PROBLEMS,
  ASSIGNMENT_PROBLEMS,
  CONFLICT_PROBLEMS,
  PANEL_PROBLEMS,
  BLIND_COPY_PROBLEMS,
  STAGE_PROBLEMS,
  INTERVIEW_SLOT_PROBLEMS,
  FEEDBACK_PROBLEMS,
  ACCELERATOR_PROBLEMS,
  DOCUMENT_PROBLEMS,
  CONTRACT_PROBLEMS,
  NOTIFICATION_PROBLEMS,
  REPORT_PROBLEMS,
  PING_PROBLEMS,
);
