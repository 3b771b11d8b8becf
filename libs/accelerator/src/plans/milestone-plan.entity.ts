import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Team } from '@catalyst/applications';
import type { MilestonePlanStatus } from './milestone-plan.state-machine';

/**
 * A team's milestone plan: whether its sponsor has agreed it. One row per team, made the first
 * time the plan changes (a team without a row has a `draft` plan). Its version moves with every
 * change to the plan's milestones, so an agreement sent with If-Match agrees what was read.
 */
@Entity({ name: 'milestone_plans' })
@Check('milestone_plans_status_check', `status IN ('draft', 'proposed', 'agreed', 'reopened')`)
export class MilestonePlan {
  @PrimaryColumn('uuid')
  teamId: string;

  @OneToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Column({ type: 'text', default: 'draft' })
  status: MilestonePlanStatus;

  @Column({ type: 'timestamptz', nullable: true })
  agreedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  agreedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
