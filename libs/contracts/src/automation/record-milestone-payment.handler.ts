import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import { ProgrammeContractsService } from './programme-contracts.service';
import { RECORD_MILESTONE_PAYMENT_JOB } from './record-milestone-payment.job';

/** Puts a paid milestone on the team's accelerator contract; a second run records nothing. */
@Injectable()
@HandlesJob(RECORD_MILESTONE_PAYMENT_JOB)
export class RecordMilestonePaymentHandler implements JobHandler<
  JobPayload<typeof RECORD_MILESTONE_PAYMENT_JOB>
> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ProgrammeContractsService,
  ) {}

  handle(
    data: JobPayload<typeof RECORD_MILESTONE_PAYMENT_JOB>,
    _context: JobContext,
  ): Promise<{ recorded: string } | { skipped: string }> {
    return this.dataSource.transaction((manager) =>
      this.contracts.recordMilestonePayment(manager, data.milestoneId, data.teamId),
    );
  }
}
