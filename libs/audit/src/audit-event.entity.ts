import { Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which thing, when, from what to what, and why. Append-only: a trigger in
 * the database refuses UPDATE, DELETE and TRUNCATE on this table.
 *
 * Order: `at` is the wall-clock time of the row's write (clock_timestamp(), not the
 * transaction's start), and `seq` breaks ties, so (at, seq) is a total order that matches the
 * order events were written in.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'at'])
@Index('audit_events_order_idx', ['at', 'seq'])
@Index('audit_events_programme_order_idx', ['programmeId', 'at', 'seq'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Write order within the same microsecond (bigint, as text in JavaScript). */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  /** Null for the system (jobs, bootstrap). */
  @Index('audit_events_actor_idx')
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  /**
   * The programme the event belongs to (rounds, challenges, applications, assessment, cohort);
   * null for instance-level events (identity: organisations, users, invitations, which every
   * programme shares). Programme managers read their programmes' events and the
   * instance-level ones.
   */
  @Column({ type: 'uuid', nullable: true })
  programmeId: string | null;

  /**
   * On an instance-level event about one operator organisation (its edits, invitations into
   * it, its memberships, accounts made by joining it): that operator. Operators are not shared
   * between programmes, so only its own programme managers (and instance administrators) read
   * such an event. Null on every other event, and on those written before it was recorded.
   */
  @Column({ type: 'uuid', nullable: true })
  operatorOrganisationId: string | null;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'text', nullable: true })
  fromState: string | null;

  @Column({ type: 'text', nullable: true })
  toState: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  correlationId: string | null;

  /** What changed, for edits (field → { from, to }) and other context. */
  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;
}
