import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@catalyst/common';
import { HandlesJob, JobHandler } from '@catalyst/queues';
import { DeliveryService } from '../delivery/delivery.service';
import { REMINDER_RULES } from './reminder-rules';
import { REMINDER_SCAN_JOB } from './reminder-scan.job';

/**
 * One scan: every rule's due reminders, delivered through the exactly-once delivery key, so
 * overlapping scans, retries and several workers tell each person once per occasion.
 */
@Injectable()
@HandlesJob(REMINDER_SCAN_JOB)
export class ReminderScanHandler implements JobHandler<Record<string, never>> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryService,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<Record<string, number>> {
    const now = this.clock.now();
    const counts: Record<string, number> = {};
    for (const rule of REMINDER_RULES) {
      const due = await rule.due(this.dataSource.manager, now);
      await this.deliveries.tell(due.map((d) => ({ rule: rule.name, essential: false, ...d })));
      counts[rule.name] = due.length;
    }
    return counts;
  }
}
