import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { JobProducer } from './job-producer.service';
import { queueOptions } from './queue-connection';
import { QueueName } from './queue-names';

export interface QueuesModuleOptions {
  /** Redis key prefix; tests give each file its own so they never see each other's jobs. */
  prefix?: string;
}

@Module({})
export class QueuesModule {
  static forRoot(options: QueuesModuleOptions = {}): DynamicModule {
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => queueOptions(config, options.prefix),
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
      ],
      providers: [JobProducer],
      exports: [BullModule, JobProducer],
    };
  }
}
