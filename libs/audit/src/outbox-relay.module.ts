import { DynamicModule, Module } from '@nestjs/common';
import { OUTBOX_RELAY_OPTIONS, OutboxRelay, OutboxRelayOptions } from './outbox-relay.service';
import { PruneRelayedOutboxHandler } from './prune-relayed-outbox.handler';

/**
 * The worker side of the outbox: the relay loop and the daily prune of relayed rows (needs
 * QueuesModule for the producer).
 */
@Module({})
export class OutboxRelayModule {
  static forRoot(options: OutboxRelayOptions = {}): DynamicModule {
    return {
      module: OutboxRelayModule,
      providers: [
        { provide: OUTBOX_RELAY_OPTIONS, useValue: options },
        OutboxRelay,
        PruneRelayedOutboxHandler,
      ],
      exports: [OutboxRelay, PruneRelayedOutboxHandler],
    };
  }
}
