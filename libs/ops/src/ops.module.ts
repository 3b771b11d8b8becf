import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueHealthIndicator } from './health/queue.health';
import { PingReceipt } from './ping/ping-receipt.entity';
import { PingHandler } from './ping/ping.handler';
import { PingService } from './ping/ping.service';

/** Operational plumbing: the ping job and health indicators. */
@Module({
  imports: [TerminusModule, TypeOrmModule.forFeature([PingReceipt])],
  providers: [PingHandler, PingService, QueueHealthIndicator],
  exports: [PingService, QueueHealthIndicator, TerminusModule],
})
export class OpsModule {}
