import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event another part must react to, written in the same transaction as the change
 * (by AuditService, for events declared as published). The worker's relay turns each row into
 * one BullMQ job with a deterministic id and stamps `relayedAt`; nothing else enqueues jobs
 * on behalf of a request, so a rolled-back change never leaves a job behind and a queue outage
 * never fails a write.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_pending_idx', ['id'], { where: '"relayed_at" IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** The domain event's `entity.verb` name, as in the audit trail. */
  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  queue: string;

  @Column({ type: 'text' })
  jobName: string;

  /** Deterministic: relaying the row twice adds the job once. */
  @Column({ type: 'text' })
  jobId: string;

  @Column({ type: 'jsonb' })
  jobData: Record<string, unknown>;

  /** Retry policy and the like, as declared by the job when the event was written. */
  @Column({ type: 'jsonb' })
  jobOptions: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt: Date | null;
}
