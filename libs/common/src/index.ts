export * from './errors';
export * from './http';
export * from './clock';
export * from './config';
export * from './pagination';
export * from './money';
export * from './state-machine';
export * from './logging/logger-options';
