export * from './domain-errors';
export * from './problem-details';
export * from './problem-details.filter';
export * from './problem-catalogue';
export * from './unavailable-dependency';
