import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, Clock, CoreModule, SystemClock } from '@catalyst/common';
import { DatabaseModule } from '@catalyst/database';
import { AuditModule, OutboxRelayModule, OutboxRelayOptions } from '@catalyst/audit';
import { IdentityMaintenanceModule } from '@catalyst/identity';
import { OpsModule } from '@catalyst/ops';
import { QueueWorkersModule, QueuesModule } from '@catalyst/queues';
import { RoundCalendarModule } from '@catalyst/rounds';
import { AssessmentJobsModule } from '@catalyst/assessment';
import { ContractsJobsModule } from '@catalyst/contracts';
import { NotificationsJobsModule } from '@catalyst/notifications';
import { ReportingJobsModule } from '@catalyst/reporting';
import { loggerOptions } from '@catalyst/common';

export interface WorkerModuleOptions {
  clock?: Clock;
  queuePrefix?: string;
  /** Register the recurring jobs (declared with a `schedule`) at start. The worker process does. */
  registerSchedules?: boolean;
  /** The outbox relay's cadence (tests shorten it). */
  outbox?: OutboxRelayOptions;
}

/** No HTTP: the queue workers plus every domain module that provides job handlers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: WorkerModuleOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, options.clock ?? new SystemClock()),
        LoggerModule.forRoot(loggerOptions(config, 'worker')),
        DatabaseModule.forRoot('catalyst-worker'),
        QueuesModule.forRoot({ prefix: options.queuePrefix }),
        QueueWorkersModule.forRoot({
          registerSchedules: options.registerSchedules,
          stalledIntervalMs: config.queueStalledIntervalMs,
          shutdownGraceMs: config.shutdownGraceMs,
        }),
        AuditModule,
        OutboxRelayModule.forRoot(options.outbox),
        OpsModule,
        IdentityMaintenanceModule,
        RoundCalendarModule,
        AssessmentJobsModule,
        ContractsJobsModule,
        NotificationsJobsModule,
        ReportingJobsModule,
      ],
    };
  }
}
