import { Module } from '@nestjs/common';
import { AcceleratorModule } from '@catalyst/accelerator';
import { ApplicationsModule } from '@catalyst/applications';
import { DocumentsModule } from '@catalyst/documents';
import { ContractAmendmentsService } from './amendments/contract-amendments.service';
import { ContractDocumentsAttachment } from './contracts/contract-documents.attachment';
import { ContractPolicy } from './contracts/contract.policy';
import { ContractTransitionsService } from './contracts/contract-transitions.service';
import { ContractViewsService } from './contracts/contract-views.service';
import { ContractsService } from './contracts/contracts.service';
import { ContractDefaultsService } from './defaults/contract-defaults.service';
import { OutcomeDocumentsAttachment } from './outcomes/outcome-documents.attachment';
import { OutcomePolicy } from './outcomes/outcome.policy';
import { OutcomesService } from './outcomes/outcomes.service';
import { ContractLedger } from './payments/contract-ledger';
import { ContractPaymentsService } from './payments/contract-payments.service';
import { ContractTotalsService } from './totals/contract-totals.service';

const SERVICES = [
  ContractPolicy,
  OutcomePolicy,
  ContractsService,
  ContractTransitionsService,
  ContractAmendmentsService,
  ContractPaymentsService,
  ContractDefaultsService,
  OutcomesService,
  ContractTotalsService,
  ContractLedger,
];

/**
 * Contracts, amendments, payments, outcomes, round defaults and the impact totals, for the
 * API. Needs the global DataSource, Clock and AuditService, and (through the accelerator) a
 * binding of MILESTONE_EVIDENCE_DOCUMENTS. The worker uses ContractsJobsModule instead.
 */
@Module({
  imports: [ApplicationsModule, AcceleratorModule, DocumentsModule],
  providers: [
    ...SERVICES,
    ContractViewsService,
    ContractDocumentsAttachment,
    OutcomeDocumentsAttachment,
  ],
  exports: SERVICES,
})
export class ContractsModule {}
