import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobDispatcher } from './job-dispatcher.service';
import { JobSchedulerRegistry } from './job-scheduler-registry.service';
import { QUEUE_PROCESSORS, QueueProcessorOptions, queueProcessors } from './queue-processors';

export interface QueueWorkersOptions {
  /**
   * Register the recurring jobs (declared with a `schedule`) at start. The worker process does; test
   * workers opt in, because a schedule always leaves its next run as a delayed job, and tests
   * that wait for empty queues would then wait forever.
   */
  registerSchedules?: boolean;
  /** The workers' lock duration and stalled-job check interval (QUEUE_STALLED_INTERVAL_MS). */
  stalledIntervalMs?: QueueProcessorOptions['stalledIntervalMs'];
  /** How long active jobs may take to finish once the worker stops (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs?: QueueProcessorOptions['shutdownGraceMs'];
}

/**
 * The consuming side: one BullMQ worker per queue, dispatching to the domain handlers, and
 * (when asked) the job schedulers of the recurring work.
 */
@Module({})
export class QueueWorkersModule {
  static forRoot(options: QueueWorkersOptions = {}): DynamicModule {
    const schedules: Provider[] = options.registerSchedules ? [JobSchedulerRegistry] : [];
    const { stalledIntervalMs, shutdownGraceMs } = options;
    const processors =
      stalledIntervalMs === undefined && shutdownGraceMs === undefined
        ? QUEUE_PROCESSORS
        : queueProcessors({ stalledIntervalMs, shutdownGraceMs });
    return {
      module: QueueWorkersModule,
      imports: [DiscoveryModule],
      providers: [JobDispatcher, ...processors, ...schedules],
      exports: [JobDispatcher],
    };
  }
}
