export * from './validation.pipe';
export * from './if-match';
