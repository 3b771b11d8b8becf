import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type PanelAssessmentCounts,
  type PanelAssessmentsPort,
  bindPanelAssessments,
} from '@catalyst/applications';

/**
 * The assessment context answering the applications context's question: how far the panel is
 * with one application (its assessments by status; conflicted ones never count). One query.
 */
@Injectable()
export class PanelAssessmentsAdapter implements PanelAssessmentsPort {
  constructor() {
    bindPanelAssessments(this);
  }

  async countsFor(manager: EntityManager, applicationId: string): Promise<PanelAssessmentCounts> {
    const rows: PanelAssessmentCounts[] = await manager.query(
      `SELECT count(*) FILTER (WHERE status = 'submitted')::int  AS submitted,
              count(*) FILTER (WHERE status = 'assigned')::int   AS outstanding,
              count(*) FILTER (WHERE status = 'conflicted')::int AS conflicted
         FROM assessments
        WHERE application_id = $1`,
      [applicationId],
    );
    const row = rows[0];
    return {
      submitted: row?.submitted ?? 0,
      outstanding: row?.outstanding ?? 0,
      conflicted: row?.conflicted ?? 0,
    };
  }
}
