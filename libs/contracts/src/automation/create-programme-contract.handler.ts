import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import { CREATE_PROGRAMME_CONTRACT_JOB } from './create-programme-contract.job';
import { ProgrammeContractResult, ProgrammeContractsService } from './programme-contracts.service';

/** Drafts a decision's programme contract; a second run finds it there and does nothing. */
@Injectable()
@HandlesJob(CREATE_PROGRAMME_CONTRACT_JOB)
export class CreateProgrammeContractHandler implements JobHandler<
  JobPayload<typeof CREATE_PROGRAMME_CONTRACT_JOB>
> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ProgrammeContractsService,
  ) {}

  handle(
    data: JobPayload<typeof CREATE_PROGRAMME_CONTRACT_JOB>,
    _context: JobContext,
  ): Promise<ProgrammeContractResult> {
    return this.dataSource.transaction((manager) =>
      this.contracts.draft(manager, data.applicationId, data.kind),
    );
  }
}
