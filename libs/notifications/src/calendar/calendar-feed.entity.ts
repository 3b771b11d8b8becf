import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person's calendar feed. The token in its URL is derived from the user id and `generation`
 * (an HMAC under the server's secret), so nothing secret is stored; revoking bumps the
 * generation and every earlier URL stops working.
 */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeed {
  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'integer', default: 1 })
  generation: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
