import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobDispatcher } from './job-dispatcher.service';
import { QUEUE_PROCESSORS } from './queue-processors';

/** The consuming side: one BullMQ worker per queue, dispatching to the domain handlers. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobDispatcher, ...QUEUE_PROCESSORS],
  exports: [JobDispatcher],
})
export class QueueWorkersModule {}
