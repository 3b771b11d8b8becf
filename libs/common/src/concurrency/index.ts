export * from './concurrency-limit';
