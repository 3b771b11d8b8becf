export * from './applications/application.entity';
export * from './applications/application.statuses';
export * from './teams/team.entity';
