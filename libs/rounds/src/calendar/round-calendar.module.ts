import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Challenge } from '../challenges/challenge.entity';
import { Round } from '../rounds/round.entity';
import { RoundsPolicy } from '../rounds/round.policy';
import { RoundTransitionsService } from '../rounds/round-transitions.service';
import { RoundCalendarHandler } from './round-calendar.handler';

/** The rounds' job handlers, for the worker (without the API's use cases). */
@Module({
  imports: [TypeOrmModule.forFeature([Round, Challenge])],
  providers: [RoundsPolicy, RoundTransitionsService, RoundCalendarHandler],
  exports: [RoundCalendarHandler],
})
export class RoundCalendarModule {}
