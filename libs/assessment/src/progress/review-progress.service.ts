import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { ChallengeContextLoader } from '../shared/challenge-context';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { ReviewProgressView } from './review-progress.view';

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
 * Per application and per assessor: submitted of assigned. One statement; every assessable
 * application and every panel member appears, with zeros when nothing is assigned yet.
 */
const PROGRESS_SQL = `
WITH apps AS (
  SELECT id FROM applications WHERE challenge_id = $1 AND status = ANY($2::text[])
),
work AS (
  SELECT a.application_id, a.assessor_user_id, a.status
    FROM assessments a JOIN apps ON apps.id = a.application_id
   WHERE a.challenge_id = $1
),
people AS (
  SELECT user_id, true AS on_panel FROM challenge_assessors WHERE challenge_id = $1
  UNION
  SELECT DISTINCT assessor_user_id, false FROM work
   WHERE assessor_user_id NOT IN (SELECT user_id FROM challenge_assessors WHERE challenge_id = $1)
)
SELECT 'application' AS kind, apps.id, NULL AS name, true AS on_panel,
       COUNT(w.status) FILTER (WHERE w.status <> 'conflicted')::int AS assigned,
       COUNT(w.status) FILTER (WHERE w.status = 'submitted')::int AS submitted,
       COUNT(w.status) FILTER (WHERE w.status = 'conflicted')::int AS conflicted
  FROM apps LEFT JOIN work w ON w.application_id = apps.id
 GROUP BY apps.id
UNION ALL
SELECT 'assessor', people.user_id, u.name, people.on_panel,
       COUNT(w.status) FILTER (WHERE w.status <> 'conflicted')::int,
       COUNT(w.status) FILTER (WHERE w.status = 'submitted')::int,
       COUNT(w.status) FILTER (WHERE w.status = 'conflicted')::int
  FROM people
  JOIN users u ON u.id = people.user_id
  LEFT JOIN work w ON w.assessor_user_id = people.user_id
 GROUP BY people.user_id, u.name, people.on_panel
 ORDER BY 1, 2
`;

@Injectable()
export class ReviewProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
  ) {}

  async progress(actor: Actor, challengeId: string): Promise<ReviewProgressView> {
    const challenge = await this.challenges.load(challengeId, actor.userId);
    this.policy.assertCanOverseeReview(actor, challenge);
    const rows: Row[] = await this.dataSource.query(PROGRESS_SQL, [
      challengeId,
      ASSESSABLE_APPLICATION_STATUSES,
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
