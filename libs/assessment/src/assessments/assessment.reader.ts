import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@catalyst/common';
import type { AnswerValue } from '@catalyst/applications';
import { Actor } from '@catalyst/identity';
import type { ChallengeQuestion, RubricCriterion } from '@catalyst/rounds';
import { AssessmentPolicy } from '../policy/assessment.policy';
import type { AssessmentStatus } from './assessment.statuses';
import { AssessmentView, assessmentMoves, toSummary, weightedScore } from './assessment.view';
import { BlindCopyAnswer, blindCopyOrRedacted } from '../blind-copy/blind-copy';
import { reviewerAnswers } from './reviewer-answers';
import { STAGE_BLIND_SQL, STAGE_JOIN, STAGE_RUBRIC_SQL } from '../stages/stage.constants';

interface ScoreJson {
  criterionKey: string;
  score: number;
  maxScore: number;
  weight: number;
}

interface ViewRow {
  id: string;
  application_id: string;
  challenge_id: string;
  programme_id: string;
  stage_key: string;
  assessor_user_id: string;
  status: AssessmentStatus;
  comment: string | null;
  conflict_reason: string | null;
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  answers: Record<string, AnswerValue>;
  application_submitted_at: Date | null;
  startup_organisation_id: string;
  company_name: string;
  company_website: string | null;
  company_members: { name: string; email: string }[];
  blind_copy: BlindCopyAnswer[] | null;
  challenge_title: string;
  questions: ChallengeQuestion[];
  rubric: RubricCriterion[];
  blind_review: boolean;
  scores: ScoreJson[];
}

/** Loads an assessment with everything its reviewer sees, in one query, and shapes the view. */
@Injectable()
export class AssessmentReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AssessmentPolicy,
  ) {}

  async view(
    actor: Actor,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AssessmentView> {
    const rows: ViewRow[] = await manager.query(
      `SELECT a.id, a.application_id, a.challenge_id, a.programme_id, a.stage_key, a.assessor_user_id, a.status,
              a.comment,
              a.conflict_reason, a.submitted_at, a.created_at, a.updated_at, a.version,
              ap.answers, ap.submitted_at AS application_submitted_at, ap.startup_organisation_id,
              o.name AS company_name, o.website AS company_website,
              COALESCE((SELECT json_agg(json_build_object('name', u.name, 'email', u.email))
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.organisation_id = ap.startup_organisation_id), '[]')
                AS company_members,
              (SELECT b.answers FROM blind_copies b WHERE b.application_id = a.application_id)
                AS blind_copy,
              c.title AS challenge_title, c.questions, ${STAGE_RUBRIC_SQL} AS rubric,
              ${STAGE_BLIND_SQL} AS blind_review,
              COALESCE((SELECT json_agg(json_build_object(
                                 'criterionKey', s.criterion_key, 'score', s.score,
                                 'maxScore', s.max_score, 'weight', s.weight)
                                 ORDER BY s.criterion_key)
                          FROM assessment_scores s WHERE s.assessment_id = a.id), '[]') AS scores
         FROM assessments a
         JOIN applications ap ON ap.id = a.application_id
         JOIN organisations o ON o.id = ap.startup_organisation_id
         JOIN challenges c ON c.id = a.challenge_id
         JOIN rounds r ON r.id = c.round_id
         ${STAGE_JOIN}
        WHERE a.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Assessment', id);
    const facts = {
      id: row.id,
      assessorUserId: row.assessor_user_id,
      programmeId: row.programme_id,
    };
    this.policy.assertCanSeeAssessment(actor, facts);

    const seesIdentity = this.policy.seesIdentity(actor, {
      blindReview: row.blind_review,
      programmeId: row.programme_id,
    });
    const scores = row.scores.map((s) => ({ ...s, score: Number(s.score) }));
    return {
      ...toSummary(
        {
          id: row.id,
          applicationId: row.application_id,
          challengeId: row.challenge_id,
          programmeId: row.programme_id,
          stageKey: row.stage_key,
          assessorUserId: row.assessor_user_id,
          status: row.status,
          submittedAt: row.submitted_at,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          version: row.version,
        },
        assessmentMoves(this.policy, actor, { ...facts, status: row.status }),
      ),
      blind: !seesIdentity,
      challengeTitle: row.challenge_title,
      scores: Object.fromEntries(scores.map((s) => [s.criterionKey, s.score])),
      comment: row.comment,
      conflictReason: row.conflict_reason,
      weightedScore: weightedScore(
        scores.map((s) => ({
          score: s.score,
          maxScore: Number(s.maxScore),
          weight: Number(s.weight),
        })),
      ),
      rubric: (row.rubric ?? []).map((c) => ({
        key: c.key,
        label: c.label,
        weight: c.weight,
        maxScore: c.maxScore,
        ...(c.description ? { description: c.description } : {}),
      })),
      application: {
        id: row.application_id,
        submittedAt: row.application_submitted_at?.toISOString() ?? null,
        answers: blindCopyOrRedacted(
          reviewerAnswers(row.questions ?? [], row.answers ?? {}, !seesIdentity, {
            name: row.company_name,
            website: row.company_website,
            members: row.company_members,
          }),
          seesIdentity ? null : row.blind_copy,
        ),
        ...(seesIdentity
          ? { startupOrganisationId: row.startup_organisation_id, companyName: row.company_name }
          : {}),
      },
    };
  }
}
