import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Organisation, Programme } from '@catalyst/identity';
import { Round } from '../rounds/round.entity';
import type { ChallengeStatus } from './challenge.state-machine';
import type { ChallengeBudget, ChallengeQuestion, RubricCriterion } from './challenge.types';

/** A public body's problem, owned by its sponsor organisation, inside one round. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('challenges_created_idx', ['createdAt', 'id'])
@Entity({ name: 'challenges' })
@Check(
  'challenges_status_check',
  `status IN ('draft', 'submitted', 'approved', 'published', 'closed', 'withdrawn')`,
)
// Each budget line is money: whole, non-negative minor units and an ISO 4217 code.
@Check(
  'challenges_budget_check',
  `jsonb_typeof(budget) = 'object' AND money_json_ok(budget->'exploration') AND money_json_ok(budget->'accelerator') AND money_json_ok(budget->'followOn')`,
)
export class Challenge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Its round's programme (copied when created, never changes): the programme scope of every policy and list. */
  @Index('challenges_programme_idx')
  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Index('challenges_round_idx')
  @Column('uuid')
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Index('challenges_sponsor_idx')
  @Column('uuid')
  sponsorOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sponsor_organisation_id' })
  sponsorOrganisation?: Organisation;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  problemStatement: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'jsonb' })
  budget: ChallengeBudget;

  @Column({ type: 'jsonb' })
  questions: ChallengeQuestion[];

  @Column({ type: 'jsonb' })
  rubric: RubricCriterion[];

  @Index('challenges_status_idx')
  @Column({ type: 'text', default: 'draft' })
  status: ChallengeStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Full-text search over title, summary and problem statement (GIN index made in the migration). */
  @Index('challenges_search_idx', { synchronize: false })
  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: `to_tsvector('english', coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(problem_statement, ''))`,
  })
  searchVector?: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
