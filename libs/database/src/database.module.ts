import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { dataSourceOptions } from './data-source';

/** TypeORM on the configured PostgreSQL. Migrations are applied by the migrate step, never here. */
@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.databaseUrl, { applicationName }),
            migrations: [],
          }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
