import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityCoreModule, Organisation } from '@catalyst/identity';
import { Challenge } from './challenges/challenge.entity';
import { ChallengePolicy } from './challenges/challenge.policy';
import { ChallengeTransitionsService } from './challenges/challenge-transitions.service';
import { ChallengesService } from './challenges/challenges.service';
import { UpdateChallengeService } from './challenges/update-challenge.service';
import { PublicChallengesService } from './portal/public-challenges.service';
import { PublicProgrammesService } from './portal/public-programmes.service';
import { Round } from './rounds/round.entity';
import { RoundsPolicy } from './rounds/round.policy';
import { RoundTransitionsService } from './rounds/round-transitions.service';
import { RoundsService } from './rounds/rounds.service';
import { UpdateRoundService } from './rounds/update-round.service';

const SERVICES = [
  RoundsPolicy,
  ChallengePolicy,
  RoundsService,
  UpdateRoundService,
  RoundTransitionsService,
  ChallengesService,
  UpdateChallengeService,
  ChallengeTransitionsService,
  PublicChallengesService,
  PublicProgrammesService,
];

/** Rounds, challenges and the public portal: the domain side, without HTTP. */
@Module({
  // Organisation: the challenge's sponsor, joined into its views; IdentityCoreModule: the
  // OrganisationDirectory the rounds context asks about organisations.
  imports: [TypeOrmModule.forFeature([Round, Challenge, Organisation]), IdentityCoreModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class RoundsModule {}
