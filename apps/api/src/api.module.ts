import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuditModule } from '@catalyst/audit';
import { IdentityCoreModule } from '@catalyst/identity';
import { AuthGuard } from './auth/auth.guard';
import { AppConfig, Clock, CoreModule, SystemClock, loggerOptions } from '@catalyst/common';
import { DatabaseModule } from '@catalyst/database';
import { OpsModule } from '@catalyst/ops';
import { QueuesModule } from '@catalyst/queues';
import { ContextPortsModule } from './context-ports.module';
import { HealthController } from './health/health.controller';
import { HTTP_MODULES } from './http-modules';
import { AuthRateLimitModule } from './identity/rate-limit/auth-rate-limit.module';
import { PingsController } from './ops/pings.controller';

export interface ApiModuleOptions {
  clock?: Clock;
  queuePrefix?: string;
  /** Where the logs go (tests read them); stdout by default. */
  logDestination?: DestinationStream;
}

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, options.clock ?? new SystemClock()),
        LoggerModule.forRoot(loggerOptions(config, 'api', options.logDestination)),
        DatabaseModule.forRoot('catalyst-api'),
        QueuesModule.forRoot({ prefix: options.queuePrefix }),
        // Rate-limit counters share the queues' namespace (tests: one per file).
        AuthRateLimitModule.forRoot({
          keyPrefix: `${options.queuePrefix ?? 'catalyst'}:throttle:`,
        }),
        AuditModule,
        IdentityCoreModule,
        OpsModule,
        ContextPortsModule,
        ...HTTP_MODULES,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
      controllers: [HealthController, PingsController],
    };
  }
}
