import { Module } from '@nestjs/common';
import { RoundsModule } from '@catalyst/rounds';
import { ChallengesController } from './challenges.controller';
import { PublicChallengesController } from './public-challenges.controller';
import { RoundsController } from './rounds.controller';

/** The HTTP side of the rounds domain: its controllers, composed with the domain module. */
@Module({
  imports: [RoundsModule],
  controllers: [RoundsController, ChallengesController, PublicChallengesController],
})
export class RoundsHttpModule {}
