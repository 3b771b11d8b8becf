export * from './pagination';
export * from './pagination.errors';
