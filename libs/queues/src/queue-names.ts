/**
 * Queue names. The string values are stored in the queue backend: never rename one casually
 * (jobs already queued under the old name would be stranded). Job names live with their
 * handlers, in the domain libraries (`defineJob`).
 */
export enum QueueName {
  Maintenance = 'maintenance',
  /** The rounds' own recurring work (the round calendar). */
  Rounds = 'rounds',
  /** Assessment's reactions to other contexts' events (competitors conflicted on submission). */
  Assessment = 'assessment',
  /** Contracts' reactions to other contexts' events (programme contracts, milestone payments). */
  Contracts = 'contracts',
  /** Notifications: routing events to people, e-mail, and the reminder scan. */
  Notifications = 'notifications',
  /** Outbound webhook deliveries (long retries; kept apart so they never hold up e-mail). */
  Webhooks = 'webhooks',
  /** Reports: builds (long, one at a time per worker slot), the purge and the weekly digest. */
  Reports = 'reports',
}
