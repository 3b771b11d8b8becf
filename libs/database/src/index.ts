export * from './database.module';
export * from './data-source';
export * from './naming.strategy';
export * from './app-role';
export * from './resilient-client';
