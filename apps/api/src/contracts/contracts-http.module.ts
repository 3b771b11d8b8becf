import { Module } from '@nestjs/common';
import { ContractsModule } from '@catalyst/contracts';
import { ContractsController } from './contracts.controller';
import { OrganisationOutcomesController } from './organisation-outcomes.controller';
import { RoundContractsController } from './round-contracts.controller';

/** The HTTP side of contracts: contracts, amendments, payments, defaults, totals, outcomes. */
@Module({
  imports: [ContractsModule],
  controllers: [ContractsController, RoundContractsController, OrganisationOutcomesController],
})
export class ContractsHttpModule {}
