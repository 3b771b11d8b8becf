import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '@catalyst/audit';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import { lockChallengeAssignments } from '../assignment/assignment.service';
import { conflictCompetitors } from '../shared/assessor-conflicts';
import { CONFLICT_COMPETITORS_JOB } from './conflict-competitors.job';

/**
 * Moves the challenge's competitors' open and submitted assessments to `conflicted` (audited as
 * the system, with the reason), under the same per-challenge lock as assignment runs, so a run
 * and this job never hand out or keep a competitor's work between them. Running it twice moves
 * nothing the second time.
 */
@Injectable()
@HandlesJob(CONFLICT_COMPETITORS_JOB)
export class ConflictCompetitorsHandler implements JobHandler<
  JobPayload<typeof CONFLICT_COMPETITORS_JOB>
> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async handle(
    data: JobPayload<typeof CONFLICT_COMPETITORS_JOB>,
    _context: JobContext,
  ): Promise<{ conflicted: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const [application] = await manager.query<{ challenge_id: string }[]>(
        `SELECT challenge_id FROM applications WHERE id = $1`,
        [data.applicationId],
      );
      if (!application) return { conflicted: [] };
      await lockChallengeAssignments(manager, application.challenge_id);
      const conflicted = await conflictCompetitors(
        manager,
        this.audit,
        SYSTEM_ACTOR,
        application.challenge_id,
      );
      return { conflicted };
    });
  }
}
