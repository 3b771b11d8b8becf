import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@catalyst/common';
import type { ChallengeQuestion, RubricCriterion } from '@catalyst/rounds';

/** What the assessment policy needs to know about a challenge and the caller's place in it. */
export interface ChallengeContext {
  id: string;
  roundId: string;
  programmeId: string;
  sponsorOrganisationId: string;
  title: string;
  blindReview: boolean;
  questions: ChallengeQuestion[];
  rubric: RubricCriterion[];
  /** The caller sits on this challenge's panel. */
  isPanelMember: boolean;
  /** The caller has assessments in this challenge still to submit. */
  hasOpenAssessments: boolean;
}

interface ContextRow {
  id: string;
  round_id: string;
  programme_id: string;
  sponsor_organisation_id: string;
  title: string;
  blind_review: boolean;
  questions: ChallengeQuestion[];
  rubric: RubricCriterion[];
  is_panel_member: boolean;
  has_open_assessments: boolean;
}

/** Loads a challenge with its round's blind flag and the caller's panel seat, in one query. */
@Injectable()
export class ChallengeContextLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(
    challengeId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ChallengeContext> {
    const rows: ContextRow[] = await manager.query(
      `SELECT c.id, c.round_id, c.programme_id, c.sponsor_organisation_id, c.title, c.questions, c.rubric,
              r.blind_review,
              EXISTS (SELECT 1 FROM challenge_assessors ca
                       WHERE ca.challenge_id = c.id AND ca.user_id = $2) AS is_panel_member,
              EXISTS (SELECT 1 FROM assessments a
                       WHERE a.challenge_id = c.id AND a.assessor_user_id = $2
                         AND a.status = 'assigned') AS has_open_assessments
         FROM challenges c
         JOIN rounds r ON r.id = c.round_id
        WHERE c.id = $1`,
      [challengeId, userId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Challenge', challengeId);
    return {
      id: row.id,
      roundId: row.round_id,
      programmeId: row.programme_id,
      sponsorOrganisationId: row.sponsor_organisation_id,
      title: row.title,
      blindReview: row.blind_review,
      questions: row.questions ?? [],
      rubric: row.rubric ?? [],
      isPanelMember: row.is_panel_member,
      hasOpenAssessments: row.has_open_assessments,
    };
  }
}
