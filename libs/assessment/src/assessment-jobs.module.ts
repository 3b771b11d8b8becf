import { Module } from '@nestjs/common';
import { ConflictCompetitorsHandler } from './competitors/conflict-competitors.handler';

/** Assessment's job handlers, for the worker (without the API's use cases). */
@Module({
  providers: [ConflictCompetitorsHandler],
  exports: [ConflictCompetitorsHandler],
})
export class AssessmentJobsModule {}
