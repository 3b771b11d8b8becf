import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QueueName, JobProducer } from '@catalyst/queues';

/** The queue backend (Redis or BullMQ's PostgreSQL backend) answers a cheap query in time. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly producer: JobProducer,
  ) {}

  async check(key: string, timeoutMs = 2000) {
    const indicator = this.health.check(key);
    try {
      const counts = await Promise.race([
        this.producer.queue(QueueName.Maintenance).getJobCounts('waiting', 'active', 'failed'),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timed out')), timeoutMs).unref(),
        ),
      ]);
      return indicator.up({ ...counts });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}
