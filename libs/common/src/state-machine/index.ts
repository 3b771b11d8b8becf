export * from './state-machine';
