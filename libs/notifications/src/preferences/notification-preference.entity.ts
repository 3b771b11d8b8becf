import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's e-mail preferences; no row means the defaults (every e-mail on). */
@Entity({ name: 'notification_preferences' })
export class NotificationPreference {
  @PrimaryColumn('uuid')
  userId: string;

  /** Reminders and updates; essential mail (invitations, decisions) is always sent. */
  @Column({ type: 'boolean', default: true })
  nonEssentialEmail: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
