import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@catalyst/common';
import type { ChallengeQuestion, RubricCriterion } from '@catalyst/rounds';
import { DEFAULT_STAGE_KEY } from '../stages/stage.constants';

/** The stage a request is about (`?stage=`, the first when not given) as it applies. */
export interface StageFacts {
  /** Null for the default stage of a challenge that has never been given stages. */
  id: string | null;
  key: string;
  label: string;
  position: number;
  needsSlots: boolean;
  /** The first stage: every assessable application is in it without an entry. */
  isFirst: boolean;
}

/** What the assessment policy needs to know about a challenge and the caller's place in it. */
export interface ChallengeContext {
  id: string;
  roundId: string;
  programmeId: string;
  sponsorOrganisationId: string;
  title: string;
  /** The stage's blind setting (an interview never is; the first stage follows the round). */
  blindReview: boolean;
  questions: ChallengeQuestion[];
  /** The stage's rubric (the first stage's is the challenge's). */
  rubric: RubricCriterion[];
  stage: StageFacts;
  /** How many stages the challenge has (1 without rows). */
  stageCount: number;
  /** The caller sits on one of this challenge's panels. */
  isPanelMember: boolean;
  /** The caller sits on this stage's panel. */
  isStagePanelMember: boolean;
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
  stage_id: string | null;
  stage_label: string | null;
  stage_position: number | null;
  stage_rubric: RubricCriterion[] | null;
  stage_blind: boolean | null;
  needs_slots: boolean | null;
  stage_count: number;
  is_panel_member: boolean;
  is_stage_panel_member: boolean;
  has_open_assessments: boolean;
}

/**
 * Loads a challenge with one of its stages, the round's blind flag and the caller's panel seat,
 * in one query. An unknown stage key is 404 (`stage.not_found`).
 */
@Injectable()
export class ChallengeContextLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(
    challengeId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<ChallengeContext> {
    const rows: ContextRow[] = await manager.query(
      `SELECT c.id, c.round_id, c.programme_id, c.sponsor_organisation_id, c.title, c.questions, c.rubric,
              r.blind_review,
              st.id AS stage_id, st.label AS stage_label, st.position AS stage_position,
              st.rubric AS stage_rubric, st.blind AS stage_blind, st.needs_slots,
              (SELECT count(*) FROM assessment_stages s2 WHERE s2.challenge_id = c.id)::int
                AS stage_count,
              EXISTS (SELECT 1 FROM challenge_assessors ca
                       WHERE ca.challenge_id = c.id AND ca.user_id = $2) AS is_panel_member,
              EXISTS (SELECT 1 FROM challenge_assessors ca
                       WHERE ca.challenge_id = c.id AND ca.user_id = $2
                         AND ca.stage_key = $3) AS is_stage_panel_member,
              EXISTS (SELECT 1 FROM assessments a
                       WHERE a.challenge_id = c.id AND a.assessor_user_id = $2
                         AND a.status = 'assigned') AS has_open_assessments
         FROM challenges c
         JOIN rounds r ON r.id = c.round_id
         LEFT JOIN assessment_stages st ON st.challenge_id = c.id AND st.key = $3
        WHERE c.id = $1`,
      [challengeId, userId, stageKey],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Challenge', challengeId);
    if (!row.stage_id && stageKey !== DEFAULT_STAGE_KEY) throw new NotFoundError('Stage', stageKey);
    const needsSlots = row.needs_slots ?? false;
    return {
      id: row.id,
      roundId: row.round_id,
      programmeId: row.programme_id,
      sponsorOrganisationId: row.sponsor_organisation_id,
      title: row.title,
      blindReview: needsSlots ? false : (row.stage_blind ?? row.blind_review),
      questions: row.questions ?? [],
      rubric: row.stage_rubric ?? row.rubric ?? [],
      stage: {
        id: row.stage_id,
        key: stageKey,
        label: row.stage_label ?? DEFAULT_STAGE_LABEL,
        position: row.stage_position ?? 1,
        needsSlots,
        isFirst: (row.stage_position ?? 1) === 1,
      },
      stageCount: Math.max(1, row.stage_count),
      isPanelMember: row.is_panel_member,
      isStagePanelMember: row.is_stage_panel_member,
      hasOpenAssessments: row.has_open_assessments,
    };
  }
}

export const DEFAULT_STAGE_LABEL = 'Written assessment';
