import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@catalyst/common';
import { configuredRedisConnection } from '@catalyst/queues';
import { PostgresThrottlerStorage } from './postgres-throttler-storage';
import { RedisThrottlerStorage } from './redis-throttler-storage';

export interface AuthRateLimitModuleOptions {
  /** Namespace of the counters' keys, e.g. `catalyst:throttle:` (tests: one per file). */
  keyPrefix: string;
}

/**
 * The throttler behind AuthRateLimitGuard (global, as ThrottlerModule is). Its counters are
 * shared by every API process: in Redis when the queues run on Redis, else in PostgreSQL
 * (table throttle_counters), so N replicas still allow AUTH_RATE_LIMIT_PER_MINUTE in all.
 * With Redis, PostgreSQL also takes over while Redis is unreachable (sign-in keeps working).
 */
@Module({})
export class AuthRateLimitModule {
  static forRoot(options: AuthRateLimitModuleOptions): DynamicModule {
    return {
      module: AuthRateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, DataSource],
          // The storage becomes ThrottlerModule's ThrottlerStorage provider, so Nest calls its
          // shutdown hook (the Redis storage closes its connection there).
          useFactory: (config: AppConfig, dataSource: DataSource) => ({
            throttlers: [{ ttl: 60_000, limit: config.authRateLimitPerMinute }],
            storage:
              config.queueBackend === 'redis'
                ? new RedisThrottlerStorage(
                    configuredRedisConnection(config),
                    options.keyPrefix,
                    new PostgresThrottlerStorage(dataSource, options.keyPrefix),
                  )
                : new PostgresThrottlerStorage(dataSource, options.keyPrefix),
          }),
        }),
      ],
    };
  }
}
