import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import { FOLLOW_TEAM_JOB } from './follow-team.job';
import { ProgrammeContractsService } from './programme-contracts.service';

/** Links an application's accelerator contract to its new team, or records that it lost it. */
@Injectable()
@HandlesJob(FOLLOW_TEAM_JOB)
export class FollowTeamHandler implements JobHandler<JobPayload<typeof FOLLOW_TEAM_JOB>> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ProgrammeContractsService,
  ) {}

  handle(
    data: JobPayload<typeof FOLLOW_TEAM_JOB>,
    _context: JobContext,
  ): Promise<{ linked: string[] } | { unlinked: string[] }> {
    return this.dataSource.transaction(
      (manager): Promise<{ linked: string[] } | { unlinked: string[] }> =>
        data.change === 'formed'
          ? this.contracts.linkToTeam(manager, data.applicationId, data.teamId)
          : this.contracts.recordUnlinked(manager, data.applicationId, data.teamId),
    );
  }
}
