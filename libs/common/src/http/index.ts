export * from './validation.pipe';
export * from './if-match';
export * from './hostile-input';
export * from './conditional-get';
export * from './optional-not-null';
export * from './security-headers';
export * from './draining-fastify-adapter';
