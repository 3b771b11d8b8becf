import { Challenge } from './challenges/challenge.entity';
import { Round } from './rounds/round.entity';

export const ROUNDS_ENTITIES = [Round, Challenge];
