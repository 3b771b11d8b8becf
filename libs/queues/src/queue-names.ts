/**
 * Queue and job names. The string values are stored in the queue backend and in job ids:
 * never rename one casually (jobs already queued under the old name would be stranded).
 */
export enum QueueName {
  Maintenance = 'maintenance',
  /** The rounds' own recurring work (the round calendar). */
  Rounds = 'rounds',
}

export enum JobName {
  /** A no-op round trip API → queue → worker → PostgreSQL, used to prove the path works. */
  Ping = 'ping',
  /** Daily: deletes refresh tokens of sign-ins that ended more than a week ago (identity). */
  PurgeExpiredCredentials = 'purge-expired-credentials',
  /** Every minute: opens ready rounds at opensAt, ends open calls at closesAt (rounds). */
  RoundCalendar = 'round-calendar',
}

/** Which queue each job travels on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.Ping]: QueueName.Maintenance,
  [JobName.PurgeExpiredCredentials]: QueueName.Maintenance,
  [JobName.RoundCalendar]: QueueName.Rounds,
};

/** Payloads carry ids only; handlers load current state from PostgreSQL. */
export interface JobPayloads {
  [JobName.Ping]: { pingId: string };
  /** Nothing: the handler works out what is due from the clock. */
  [JobName.PurgeExpiredCredentials]: Record<string, never>;
  /** Nothing: the handler finds the due rounds from the clock. */
  [JobName.RoundCalendar]: Record<string, never>;
}
