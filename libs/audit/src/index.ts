export * from './audit-event.entity';
export * from './audit.service';
export * from './audit.module';
export * from './list-audit-events.query';
export * from './audit-event.view';
export * from './audit-query.service';
export * from './audit.policy';
