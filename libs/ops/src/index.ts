export * from './ops.module';
export * from './ping/ping.service';
export * from './ping/ping.errors';
export * from './ping/ping.handler';
export * from './ping/ping-receipt.entity';
export * from './health/queue.health';
export * from './ping/ping-request.dto';
