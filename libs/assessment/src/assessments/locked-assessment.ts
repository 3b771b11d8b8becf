import { EntityManager } from 'typeorm';
import { NotFoundError } from '@catalyst/common';
import type { RubricCriterion } from '@catalyst/rounds';
import type { AssessmentStatus } from './assessment.statuses';
import { STAGE_JOIN, STAGE_RUBRIC_SQL } from '../stages/stage.constants';

/** An assessment row locked for a change, with what the change needs to know. */
export interface LockedAssessment {
  id: string;
  applicationId: string;
  challengeId: string;
  programmeId: string;
  assessorUserId: string;
  status: AssessmentStatus;
  comment: string | null;
  version: number;
  startupOrganisationId: string;
  rubric: RubricCriterion[];
}

interface Row {
  id: string;
  application_id: string;
  challenge_id: string;
  programme_id: string;
  assessor_user_id: string;
  status: AssessmentStatus;
  comment: string | null;
  version: number;
  startup_organisation_id: string;
  rubric: RubricCriterion[];
}

/** SELECT … FOR UPDATE of the assessment (only its row), so concurrent changes queue up. */
export async function lockAssessment(
  manager: EntityManager,
  id: string,
): Promise<LockedAssessment> {
  const rows: Row[] = await manager.query(
    `SELECT a.id, a.application_id, a.challenge_id, a.programme_id, a.assessor_user_id, a.status,
            a.comment,
            a.version, ap.startup_organisation_id, ${STAGE_RUBRIC_SQL} AS rubric
       FROM assessments a
       JOIN applications ap ON ap.id = a.application_id
       JOIN challenges c ON c.id = a.challenge_id
       ${STAGE_JOIN}
      WHERE a.id = $1
        FOR UPDATE OF a`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('Assessment', id);
  return {
    id: row.id,
    applicationId: row.application_id,
    challengeId: row.challenge_id,
    programmeId: row.programme_id,
    assessorUserId: row.assessor_user_id,
    status: row.status,
    comment: row.comment,
    version: row.version,
    startupOrganisationId: row.startup_organisation_id,
    rubric: row.rubric ?? [],
  };
}
