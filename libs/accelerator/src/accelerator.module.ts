import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@catalyst/applications';
import { DocumentsModule } from '@catalyst/documents';
import { RoundsModule } from '@catalyst/rounds';
import { AcceleratorPolicy } from './accelerator.policy';
import { MilestoneDocumentsAttachment } from './milestones/milestone-documents.attachment';
import { MilestonePaymentsService } from './milestones/milestone-payments.service';
import { MilestoneTransitionsService } from './milestones/milestone-transitions.service';
import { MilestonesService } from './milestones/milestones.service';
import { MilestonePlanTransitionsService } from './plans/milestone-plan-transitions.service';
import { RoundProgressService } from './progress/round-progress.service';
import { SprintsService } from './sprints/sprints.service';
import { TeamContextLoader } from './teams/team-context.loader';
import { TeamQueryService } from './teams/team-query.service';
import { ProgressUpdateDocumentsAttachment } from './updates/progress-update-documents.attachment';
import { ProgressUpdatesService } from './updates/progress-updates.service';

const SERVICES = [
  AcceleratorPolicy,
  SprintsService,
  MilestonesService,
  MilestoneTransitionsService,
  MilestonePaymentsService,
  MilestonePlanTransitionsService,
  ProgressUpdatesService,
  TeamQueryService,
  RoundProgressService,
];

/**
 * Sprints, milestone plans, milestones and their payments, progress updates, and the reads of
 * the three audiences. Needs the global DataSource, Clock and AuditService. Registers the
 * document attachment types `milestone` and `progress_update` with libs/documents, and checks
 * a submission's `documentIds` through its DocumentReferencesService.
 */
@Module({
  imports: [RoundsModule, ApplicationsModule, DocumentsModule],
  providers: [
    ...SERVICES,
    TeamContextLoader,
    MilestoneDocumentsAttachment,
    ProgressUpdateDocumentsAttachment,
  ],
  exports: SERVICES,
})
export class AcceleratorModule {}
