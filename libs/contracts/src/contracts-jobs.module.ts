import { Module } from '@nestjs/common';
import { CreateProgrammeContractHandler } from './automation/create-programme-contract.handler';
import { ProgrammeContractsService } from './automation/programme-contracts.service';
import { RecordMilestonePaymentHandler } from './automation/record-milestone-payment.handler';
import { FollowTeamHandler } from './automation/follow-team.handler';
import { ContractLedger } from './payments/contract-ledger';

/** The contracts' job handlers, for the worker (without the API's use cases). */
@Module({
  providers: [
    ContractLedger,
    ProgrammeContractsService,
    CreateProgrammeContractHandler,
    RecordMilestonePaymentHandler,
    FollowTeamHandler,
  ],
  exports: [CreateProgrammeContractHandler, RecordMilestonePaymentHandler, FollowTeamHandler],
})
export class ContractsJobsModule {}
