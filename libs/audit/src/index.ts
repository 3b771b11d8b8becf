export * from './audit-event.entity';
export * from './audit.service';
export * from './audit.module';
export * from './audit-query.dto';
export * from './audit-event.dto';
export * from './audit-query.service';
export * from './audit.policy';
