import { Module } from '@nestjs/common';
import { RoundsModule } from '@catalyst/rounds';
import { ApplicationDocumentsAttachment } from './applications/application-documents.attachment';
import { ApplicationPolicy } from './applications/application.policy';
import { ApplicationQueryService } from './applications/services/application-query.service';
import { CreateApplicationService } from './applications/services/create-application.service';
import { TransitionApplicationService } from './applications/services/application-transitions.service';
import { UpdateApplicationService } from './applications/services/update-application.service';
import { CohortPolicy } from './teams/cohort.policy';
import { CohortService } from './teams/cohort.service';
import { TeamFormationService } from './teams/team-formation.service';

/**
 * Applications, screening, decisions and the cohort. Needs the global DataSource, Clock and
 * AuditService (provided by the app's root module).
 */
@Module({
  imports: [RoundsModule],
  providers: [
    ApplicationPolicy,
    CohortPolicy,
    CreateApplicationService,
    UpdateApplicationService,
    TransitionApplicationService,
    ApplicationQueryService,
    TeamFormationService,
    CohortService,
    ApplicationDocumentsAttachment,
  ],
  exports: [
    ApplicationPolicy,
    CohortPolicy,
    CreateApplicationService,
    UpdateApplicationService,
    TransitionApplicationService,
    ApplicationQueryService,
    CohortService,
  ],
})
export class ApplicationsModule {}
