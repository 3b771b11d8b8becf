export * from './harness';
export * from './services';
export * from './factories';
