export * from './state-machine';
export * from './transition-use-case';
