import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One sign-in rate-limit counter (client address × route), shared by every API process when
 * the queues run on PostgreSQL (with Redis, the counters live in Redis instead). Written only
 * by one atomic upsert in the API's PostgreSQL throttler storage; the table is UNLOGGED
 * (counters are worth nothing after a crash) and expired rows are deleted opportunistically.
 */
@Entity({ name: 'throttle_counters' })
export class ThrottleCounter {
  @PrimaryColumn('text')
  key: string;

  @Column('int')
  hits: number;

  /** When the current counting window ends. */
  @Column({ type: 'timestamptz' })
  windowEndsAt: Date;

  /** Set while the key is blocked (after more than `limit` hits in a window). */
  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}
