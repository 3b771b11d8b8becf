import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobProducer } from './job-producer.service';
import { JOB_SCHEDULES, schedulerRegistration, scheduleProblems } from './job-schedules';
import { QueueName } from './queue-names';

/**
 * Registers the recurring jobs when a worker starts. Upserting by a stable key is idempotent,
 * so every replica and every restart does it and one scheduler per key remains. Schedulers the
 * table no longer declares are removed: a retired schedule would otherwise fire forever.
 */
@Injectable()
export class JobSchedulerRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedulerRegistry.name);

  private readonly schedules = JOB_SCHEDULES;

  constructor(private readonly producer: JobProducer) {}

  async onApplicationBootstrap(): Promise<void> {
    const problems = scheduleProblems(this.schedules, new Date());
    if (problems.length) throw new Error(`Job schedules are misconfigured: ${problems.join('; ')}`);
    for (const s of this.schedules) {
      const r = schedulerRegistration(s);
      await this.producer.queue(r.queue).upsertJobScheduler(r.key, r.repeat, r.template);
    }
    const declared = new Set(this.schedules.map((s) => s.key));
    for (const name of Object.values(QueueName)) {
      const queue = this.producer.queue(name);
      for (const scheduler of await queue.getJobSchedulers()) {
        if (declared.has(scheduler.key)) continue;
        await queue.removeJobScheduler(scheduler.key);
        this.logger.log(`Removed the job scheduler '${scheduler.key}' (no longer declared)`);
      }
    }
  }
}
