import { ApiProperty } from '@nestjs/swagger';
import { MeDto } from '@catalyst/identity';

export class EmailPreferencesView {
  @ApiProperty({ description: 'Reminders and updates by e-mail (essential e-mail is always sent)' })
  nonEssential: boolean;
}

/** `GET /me` with what notifications add: the e-mail preferences and the calendar feed. */
export class MeWithNotificationsDto extends MeDto {
  @ApiProperty({ type: EmailPreferencesView })
  emailPreferences: EmailPreferencesView;

  @ApiProperty({
    example: 'https://catalyst.example.org/api/v1/calendar.ics?token=…',
    description:
      'Your personal calendar feed (deadlines, due dates, sprints, demo day); keep it private, revoke it with POST /me/calendar/revoke',
  })
  calendarUrl: string;
}
