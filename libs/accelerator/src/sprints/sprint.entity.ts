import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Round } from '@catalyst/rounds';

/** A numbered slice of a round's accelerator calendar; dates are calendar dates in its zone. */
@Entity({ name: 'sprints' })
@Index('sprints_round_number_key', ['roundId', 'number'], { unique: true })
@Check('sprints_dates_check', `ends_on >= starts_on`)
@Check('sprints_number_check', `number >= 1`)
export class Sprint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Column('int')
  number: number;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  /** The length asked for when the calendar was generated (the last sprint may be shorter). */
  @Column('int')
  lengthDays: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
