import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which thing, when, from what to what, and why. Append-only: a trigger in
 * the database refuses UPDATE, DELETE and TRUNCATE on this table.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for the system (jobs, bootstrap). */
  @Index('audit_events_actor_idx')
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

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

  @Index('audit_events_at_idx')
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
