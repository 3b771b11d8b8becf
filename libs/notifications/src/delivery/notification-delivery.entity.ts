import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeliveryChannel = 'in_app' | 'email';
/**
 * `pending` e-mail waits for its send job; `sent` is final; `suppressed` was not sent because
 * the person turned non-essential e-mail off; `failed` ran out of retries.
 */
export type DeliveryStatus = 'pending' | 'sent' | 'suppressed' | 'failed';

/**
 * Exactly once: one row per (rule, subject, occasion, recipient, channel), enforced by a unique
 * index. Every path that tells someone something (an event's notification, a reminder scan, an
 * invitation) inserts here first with ON CONFLICT DO NOTHING, and only the insert that created
 * the row goes on to write the in-app notification or queue the e-mail. Retries, overlapping
 * scans, a re-evaluated clock and several workers all meet at this index.
 *
 * An e-mail's rendered message waits here until it is sent (the mail outbox); a message that
 * carries a secret (an invitation's token) is blanked once sent.
 */
@Entity({ name: 'notification_deliveries' })
@Index('notification_deliveries_key', ['rule', 'subject', 'occasion', 'recipient', 'channel'], {
  unique: true,
})
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  rule: string;

  /** `<entityType>:<id>` of the thing it is about. */
  @Column({ type: 'text' })
  subject: string;

  /** Which time it is about (`submitted`, `7d-before:2027-03-01T12:00:00.000Z`, …). */
  @Column({ type: 'text' })
  occasion: string;

  /** `user:<id>`, or `email:<address>` for someone without an account yet (an invitee). */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  channel: DeliveryChannel;

  @Column({ type: 'text' })
  status: DeliveryStatus;

  /** Essential mail (invitations, decisions) is sent whatever the person's preferences. */
  @Column({ type: 'boolean' })
  essential: boolean;

  @Column({ type: 'text', nullable: true })
  emailTo: string | null;

  @Column({ type: 'text', nullable: true })
  emailSubject: string | null;

  @Column({ type: 'text', nullable: true })
  emailText: string | null;

  @Column({ type: 'text', nullable: true })
  emailHtml: string | null;

  @Column({ type: 'jsonb', nullable: true })
  emailHeaders: Record<string, string> | null;

  /** Blank the message once sent (it carries a secret). */
  @Column({ type: 'boolean', default: false })
  secret: boolean;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
