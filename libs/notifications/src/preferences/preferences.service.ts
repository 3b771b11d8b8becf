import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CalendarFeedService } from '../calendar/calendar-feed.service';
import type { EmailPreferencesDto } from './email-preferences.dto';
import type { EmailPreferencesView } from './notification-settings.view';

/** A person's e-mail preferences (audited when changed). */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: CalendarFeedService,
  ) {}

  /**
   * What notifications add to a person's profile (`GET /me`, the account page): their e-mail
   * preferences and calendar feed URL, in one statement.
   */
  async forProfile(
    actor: Actor,
  ): Promise<{ emailPreferences: EmailPreferencesView; calendarUrl: string }> {
    const [row]: { nonEssential: boolean | null; generation: number | null }[] =
      await this.dataSource.query(
        `SELECT (SELECT non_essential_email FROM notification_preferences WHERE user_id = $1)
                  AS "nonEssential",
                (SELECT generation FROM calendar_feeds WHERE user_id = $1) AS "generation"`,
        [actor.userId],
      );
    return {
      emailPreferences: { nonEssential: row.nonEssential ?? true },
      calendarUrl: this.calendar.urlAt(actor.userId, row.generation ?? 1),
    };
  }

  async get(actor: Actor): Promise<EmailPreferencesView> {
    const [row]: { non_essential_email: boolean }[] = await this.dataSource.query(
      'SELECT non_essential_email FROM notification_preferences WHERE user_id = $1',
      [actor.userId],
    );
    return { nonEssential: row?.non_essential_email ?? true };
  }

  async update(actor: Actor, input: EmailPreferencesDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [before]: { non_essential_email: boolean }[] = await manager.query(
        'SELECT non_essential_email FROM notification_preferences WHERE user_id = $1 FOR UPDATE',
        [actor.userId],
      );
      if ((before?.non_essential_email ?? true) === input.nonEssential) return;
      await manager.query(
        `INSERT INTO notification_preferences (user_id, non_essential_email, updated_at)
         VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET non_essential_email = $2, updated_at = $3`,
        [actor.userId, input.nonEssential, this.clock.now()],
      );
      await this.audit.record(manager, {
        actor,
        action: 'notification_preferences.updated',
        entityType: 'user',
        entityId: actor.userId,
        data: { nonEssentialEmail: input.nonEssential },
      });
    });
  }
}
