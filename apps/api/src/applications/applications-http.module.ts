import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@catalyst/applications';
import { ApplicationsController } from './applications.controller';
import { ChallengeApplicationsController } from './challenge-applications.controller';
import { CohortController } from './cohort.controller';

/** The HTTP side of the applications domain: its controllers, composed with the domain module. */
@Module({
  imports: [ApplicationsModule],
  controllers: [ChallengeApplicationsController, ApplicationsController, CohortController],
})
export class ApplicationsHttpModule {}
