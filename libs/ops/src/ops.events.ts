import { publishes } from '@catalyst/audit';
import { PING_JOB } from './ping/ping.job';

/** The ops library's domain events (see DomainEvents in libs/audit). */
declare module '@catalyst/audit' {
  interface DomainEvents {
    /** A programme manager asked for a ping; the worker records its receipt. */
    'ping.sent': Record<string, never>;
  }
}

publishes('ping.sent', {
  job: PING_JOB,
  // The same ping sent twice is one job (and one receipt).
  jobId: (e) => `ping.${e.entityId}`,
  jobData: (e) => ({ pingId: e.entityId }),
});
