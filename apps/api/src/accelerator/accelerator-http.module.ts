import { Module } from '@nestjs/common';
import { AcceleratorModule } from '@catalyst/accelerator';
import { MilestonesController } from './milestones.controller';
import { ProgressUpdatesController } from './progress-updates.controller';
import { RoundAcceleratorController } from './round-accelerator.controller';
import { TeamsController } from './teams.controller';

/** The HTTP side of the accelerator: sprints, teams, plans, milestones, payments, progress. */
@Module({
  imports: [AcceleratorModule],
  controllers: [
    RoundAcceleratorController,
    TeamsController,
    MilestonesController,
    ProgressUpdatesController,
  ],
})
export class AcceleratorHttpModule {}
