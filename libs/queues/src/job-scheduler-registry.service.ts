import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@catalyst/common';
import { declaredJobs } from './job-definition';
import { JobProducer } from './job-producer.service';
import { scheduledJobs, schedulerRegistration, scheduleProblems } from './job-schedules';
import { QueueName } from './queue-names';

/**
 * Registers the recurring jobs (the declared jobs that carry a `schedule`) when a worker
 * starts. Upserting by a stable key is idempotent, so every replica and every restart does it
 * and one scheduler per key remains. Schedulers no job declares any more are removed: a
 * retired schedule would otherwise fire forever.
 */
@Injectable()
export class JobSchedulerRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedulerRegistry.name);

  constructor(
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const jobs = declaredJobs();
    const problems = scheduleProblems(jobs, new Date(), this.config);
    if (problems.length) throw new Error(`Job schedules are misconfigured: ${problems.join('; ')}`);
    const scheduled = scheduledJobs(jobs);
    for (const job of scheduled) {
      const r = schedulerRegistration(job, this.config);
      await this.producer.queue(r.queue).upsertJobScheduler(r.key, r.repeat, r.template);
    }
    const declared = new Set(scheduled.map((j) => j.schedule?.key));
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
