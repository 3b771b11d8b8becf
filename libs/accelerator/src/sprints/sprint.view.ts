import { ApiProperty } from '@nestjs/swagger';

export class SprintView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 1 })
  number: number;

  @ApiProperty({ format: 'date', description: 'First day, in the round’s time zone' })
  startsOn: string;

  @ApiProperty({ format: 'date', description: 'Last day (included)' })
  endsOn: string;

  @ApiProperty({
    description: 'Calendar days, both ends included (the last sprint may be shorter)',
  })
  days: number;

  @ApiProperty({ description: 'Whether today (in the round’s time zone) falls in it' })
  current: boolean;

  @ApiProperty({ description: 'Whether the round’s demo day falls in it' })
  includesDemoDay: boolean;
}

/** A round's accelerator calendar: its sprints in order and its demo day. */
export class SprintCalendarView {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ example: 'Europe/London' })
  timezone: string;

  @ApiProperty({ format: 'date' })
  acceleratorStartsOn: string;

  @ApiProperty({ format: 'date' })
  acceleratorEndsOn: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  demoDayOn: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Null until generated' })
  lengthDays: number | null;

  @ApiProperty({ format: 'date', description: 'Today in the round’s time zone' })
  today: string;

  @ApiProperty({ type: [SprintView], description: 'In order; empty until generated' })
  items: SprintView[];
}
