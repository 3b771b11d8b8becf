export * from './harness';
export * from './services';
