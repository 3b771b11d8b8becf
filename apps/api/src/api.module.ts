import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, Clock, CoreModule, SystemClock } from '@catalyst/common';
import { DatabaseModule } from '@catalyst/database';
import { OpsModule } from '@catalyst/ops';
import { QueuesModule } from '@catalyst/queues';
import { loggerOptions } from '@catalyst/common';
import { HealthController } from './health/health.controller';
import { PingsController } from './ops/pings.controller';

export interface ApiModuleOptions {
  clock?: Clock;
  queuePrefix?: string;
}

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, options.clock ?? new SystemClock()),
        LoggerModule.forRoot(loggerOptions(config, 'api')),
        DatabaseModule.forRoot('catalyst-api'),
        QueuesModule.forRoot({ prefix: options.queuePrefix }),
        OpsModule,
      ],
      controllers: [HealthController, PingsController],
    };
  }
}
