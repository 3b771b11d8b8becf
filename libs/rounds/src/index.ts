export * from './rounds/round.entity';
export * from './rounds/round.state-machine';
export * from './challenges/challenge.entity';
export * from './challenges/challenge.state-machine';
export * from './challenges/challenge.types';
