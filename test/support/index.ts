export * from './harness';
export * from './services';
export * from './factories';
export * from './query-counter';
export * from './rounds.factory';
export * from './applications.factory';
export * from './assessment.factory';
export * from './wait-for';
