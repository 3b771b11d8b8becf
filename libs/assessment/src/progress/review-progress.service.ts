import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { ChallengeContextLoader } from '../shared/challenge-context';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { ReviewProgressView } from './review-progress.view';
import { DEFAULT_STAGE_KEY } from '../stages/stage.constants';

interface Row {
  kind: 'application' | 'assessor';
  id: string;
  name: string | null;
  on_panel: boolean;
  assigned: number;
  submitted: number;
  conflicted: number;
}

/**
 * One stage's progress ($3 its key, $4 whether it is the first, which every assessable
 * application is in; a later stage counts only the applications entered into it).
 * Per application and per assessor: submitted of assigned. One statement; every assessable
 * application and every panel member appears, with zeros when nothing is assigned yet. Empty
 * rows are added by UNION ALL rather than outer joins, so the plan stays linear even before
 * the planner has statistics.
 */
const PROGRESS_SQL = `
WITH work AS (
  SELECT a.application_id, a.assessor_user_id, a.status
    FROM assessments a
   WHERE a.challenge_id = $1 AND a.stage_key = $3
     AND EXISTS (SELECT 1 FROM applications ap
                  WHERE ap.id = a.application_id AND ap.status = ANY($2::text[]))
),
by_application AS (
  SELECT application_id AS id, status FROM work
  UNION ALL
  SELECT id, NULL FROM applications
   WHERE challenge_id = $1 AND status = ANY($2::text[])
     AND ($4::boolean OR EXISTS (SELECT 1 FROM stage_entries e
                                  WHERE e.application_id = applications.id AND e.stage_key = $3))
),
by_assessor AS (
  SELECT assessor_user_id AS id, status, false AS on_panel FROM work
  UNION ALL
  SELECT user_id, NULL, true FROM challenge_assessors WHERE challenge_id = $1 AND stage_key = $3
)
SELECT 'application' AS kind, id, NULL AS name, true AS on_panel,
       COUNT(status) FILTER (WHERE status <> 'conflicted')::int AS assigned,
       COUNT(status) FILTER (WHERE status = 'submitted')::int AS submitted,
       COUNT(status) FILTER (WHERE status = 'conflicted')::int AS conflicted
  FROM by_application
 GROUP BY id
UNION ALL
SELECT 'assessor', b.id, MIN(u.name), bool_or(b.on_panel),
       COUNT(b.status) FILTER (WHERE b.status <> 'conflicted')::int,
       COUNT(b.status) FILTER (WHERE b.status = 'submitted')::int,
       COUNT(b.status) FILTER (WHERE b.status = 'conflicted')::int
  FROM by_assessor b
  JOIN users u ON u.id = b.id
 GROUP BY b.id
 ORDER BY 1, 2
`;

@Injectable()
export class ReviewProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
  ) {}

  async progress(
    actor: Actor,
    challengeId: string,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<ReviewProgressView> {
    const challenge = await this.challenges.load(challengeId, actor.userId, undefined, stageKey);
    this.policy.assertCanSeeScores(actor, challenge);
    const rows: Row[] = await this.dataSource.query(PROGRESS_SQL, [
      challengeId,
      ASSESSABLE_APPLICATION_STATUSES,
      stageKey,
      challenge.stage.isFirst,
    ]);
    const counts = (r: Row) => ({
      assigned: r.assigned,
      submitted: r.submitted,
      conflicted: r.conflicted,
    });
    const applications = rows.filter((r) => r.kind === 'application');
    return {
      challengeId,
      totals: applications.reduce(
        (t, r) => ({
          assigned: t.assigned + r.assigned,
          submitted: t.submitted + r.submitted,
          conflicted: t.conflicted + r.conflicted,
        }),
        { assigned: 0, submitted: 0, conflicted: 0 },
      ),
      applications: applications.map((r) => ({ applicationId: r.id, ...counts(r) })),
      assessors: rows
        .filter((r) => r.kind === 'assessor')
        .map((r) => ({ userId: r.id, name: r.name ?? '', onPanel: r.on_panel, ...counts(r) })),
    };
  }
}
