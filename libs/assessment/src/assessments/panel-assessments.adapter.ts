import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ApplicationStatus,
  type PanelAssessmentCounts,
  type PanelAssessmentsPort,
  type StageResults,
  bindPanelAssessments,
} from '@catalyst/applications';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { STAGE_RANKING_SQL } from '../ranking/ranking.sql';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { DEFAULT_STAGE_KEY } from '../stages/stage.constants';

/**
 * The assessment context answering the applications context's question: how far the panel is
 * with one application (its assessments by status; conflicted ones never count), and in which
 * stage. A decision rests on one stage: shortlisting on the first, every other decision on the
 * latest stage the application was entered into.
 */
@Injectable()
export class PanelAssessmentsAdapter implements PanelAssessmentsPort {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    bindPanelAssessments(this);
  }

  /** Every stage at once (the question before stages). One query. */
  async countsFor(manager: EntityManager, applicationId: string): Promise<PanelAssessmentCounts> {
    return this.counts(manager, applicationId, null);
  }

  async stageResultsFor(
    manager: EntityManager,
    applicationId: string,
    decision: ApplicationStatus,
  ): Promise<StageResults> {
    const stages: { key: string; position: number; entered: boolean; challenge_id: string }[] =
      await manager.query(
        `SELECT st.key, st.position, st.challenge_id,
                EXISTS (SELECT 1 FROM stage_entries e
                         WHERE e.stage_id = st.id AND e.application_id = ap.id) AS entered
           FROM applications ap
           JOIN assessment_stages st ON st.challenge_id = ap.challenge_id
          WHERE ap.id = $1
          ORDER BY st.position`,
        [applicationId],
      );
    if (stages.length <= 1) {
      return { counts: await this.counts(manager, applicationId, DEFAULT_STAGE_KEY) };
    }
    const first = stages[0];
    const stage =
      decision === 'shortlisted'
        ? first
        : ([...stages].reverse().find((s) => s.entered || s.position === 1) ?? first);
    const counts = await this.counts(manager, applicationId, stage.key);
    const ranking: {
      application_id: string;
      rank: string | null;
      weighted_score: number | null;
      spread: number | null;
      flagged: boolean;
    }[] = await manager.query(STAGE_RANKING_SQL, [
      stage.challenge_id,
      ASSESSABLE_APPLICATION_STATUSES,
      this.config.rankingSpreadThreshold,
      stage.key,
      stage.position === 1,
    ]);
    const mine = ranking.find((r) => r.application_id === applicationId);
    return {
      counts,
      stage: stage.key,
      figures: {
        rank: mine?.rank == null ? null : Number(mine.rank),
        weightedScore: mine?.weighted_score ?? null,
        spread: mine?.spread ?? null,
        flagged: mine?.flagged ?? false,
        ranked: ranking.filter((r) => r.rank !== null).length,
      },
    };
  }

  private async counts(
    manager: EntityManager,
    applicationId: string,
    stageKey: string | null,
  ): Promise<PanelAssessmentCounts> {
    const rows: PanelAssessmentCounts[] = await manager.query(
      `SELECT count(*) FILTER (WHERE status = 'submitted')::int  AS submitted,
              count(*) FILTER (WHERE status = 'assigned')::int   AS outstanding,
              count(*) FILTER (WHERE status = 'conflicted')::int AS conflicted
         FROM assessments
        WHERE application_id = $1 AND ($2::text IS NULL OR stage_key = $2)`,
      [applicationId, stageKey],
    );
    const row = rows[0];
    return {
      submitted: row?.submitted ?? 0,
      outstanding: row?.outstanding ?? 0,
      conflicted: row?.conflicted ?? 0,
    };
  }
}
