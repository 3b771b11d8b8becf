import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REPORT_KINDS = [
  'round_funnel',
  'cohort_progress',
  'sponsor_digest',
  'impact',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const BIGINT_NUMBER = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One requested report: what was asked (kind, scope, format), by whom (a user, or a sponsor
 * organisation for the weekly digest), and how its build went. The file's bytes are in
 * `report_chunks`; the row and its chunks are deleted once `expiresAt` has passed.
 */
// The caller's list pages on (createdAt, id); the purge and the stall sweep read by state.
@Index('reports_requester_created_idx', ['requesterUserId', 'createdAt', 'id'])
@Index('reports_status_idx', ['status', 'heartbeatAt'])
@Index('reports_expires_idx', ['expiresAt'])
@Index('reports_dedup_key', ['dedupKey'], { unique: true, where: 'dedup_key IS NOT NULL' })
@Check(
  'reports_kind_check',
  `kind IN ('round_funnel', 'cohort_progress', 'sponsor_digest', 'impact')`,
)
@Check('reports_format_check', `format IN ('csv', 'json', 'html')`)
@Check('reports_status_check', `status IN ('queued', 'running', 'done', 'failed')`)
@Check('reports_progress_check', `progress BETWEEN 0 AND 100`)
@Check(
  'reports_requester_check',
  `(requester_user_id IS NULL) <> (requester_organisation_id IS NULL)`,
)
@Check('reports_failed_check', `(status = 'failed') = (error IS NOT NULL)`)
@Check('reports_period_check', `period_to IS NULL OR period_to >= period_from`)
@Entity({ name: 'reports' })
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: ReportKind;

  @Column('text')
  format: ReportFormat;

  @Column({ type: 'text', default: 'queued' })
  status: ReportStatus;

  @Column({ type: 'integer', default: 0 })
  progress: number;

  /** Why the build failed, in words for the person who asked. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'uuid', nullable: true })
  roundId: string | null;

  @Column({ type: 'uuid', nullable: true })
  sponsorOrganisationId: string | null;

  @Column({ type: 'date', nullable: true })
  periodFrom: string | null;

  @Column({ type: 'date', nullable: true })
  periodTo: string | null;

  /** The programme a round's report belongs to (its managers may read it). */
  @Column({ type: 'uuid', nullable: true })
  programmeId: string | null;

  /** The programmes a report across rounds covers (the requester's, when asked). */
  @Column({ type: 'uuid', array: true, nullable: true })
  programmeIds: string[] | null;

  @Column({ type: 'uuid', nullable: true })
  requesterUserId: string | null;

  /** Set instead of a user for the weekly sponsor digest: its members may read it. */
  @Column({ type: 'uuid', nullable: true })
  requesterOrganisationId: string | null;

  /** Identical requests within a short window share this key (and so one report). */
  @Column({ type: 'text', nullable: true })
  dedupKey: string | null;

  @Column({ type: 'text', nullable: true })
  fileName: string | null;

  @Column({ type: 'text', nullable: true })
  contentType: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_NUMBER })
  sizeBytes: number | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  /** Touched while a build runs; a running report whose heartbeat stops has stalled. */
  @Column({ type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;
}
