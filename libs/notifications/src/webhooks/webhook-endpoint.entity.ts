import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export type WebhookEndpointStatus = 'active' | 'disabled';

/** An organisation's receiver of events, registered by its own admins. */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_organisation_idx', ['organisationId', 'createdAt', 'id'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  url: string;

  /** Event types or wildcards by entity (`application.*`). */
  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The signing secret (`whsec_…`); shown to the organisation once, when made or rotated. */
  @Column({ type: 'text', select: false })
  secret: string;

  @Column({ type: 'text', default: 'active' })
  status: WebhookEndpointStatus;

  /** Since when every attempt has failed; null after a success. */
  @Column({ type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
