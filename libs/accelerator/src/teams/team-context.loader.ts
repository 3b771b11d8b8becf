import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Team } from '@catalyst/applications';
import { Clock, NotFoundError, localDate } from '@catalyst/common';
import type { Actor, Organisation, Programme } from '@catalyst/identity';
import type { Challenge, Round } from '@catalyst/rounds';
import { AcceleratorPolicy } from '../accelerator.policy';

/** A team with what every accelerator decision needs: its round, challenge and organisations. */
export type TeamContext = Team & {
  programme: Programme;
  round: Round;
  challenge: Challenge;
  startupOrganisation: Organisation;
  sponsorOrganisation: Organisation;
};

/** Loads a team with its context in one query, and answers 404 to those who may not see it. */
@Injectable()
export class TeamContextLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AcceleratorPolicy,
    private readonly clock: Clock,
  ) {}

  find(manager: EntityManager, teamId: string): Promise<TeamContext | null> {
    return manager
      .getRepository(Team)
      .createQueryBuilder('team')
      .innerJoinAndSelect('team.programme', 'programme')
      .innerJoinAndSelect('team.round', 'round')
      .innerJoinAndSelect('team.challenge', 'challenge')
      .innerJoinAndSelect('team.startupOrganisation', 'startup')
      .innerJoinAndSelect('team.sponsorOrganisation', 'sponsor')
      .where('team.id = :teamId', { teamId })
      .getOne() as Promise<TeamContext | null>;
  }

  /** The team, or 404 when it does not exist or the caller may not see it. */
  async visible(
    actor: Actor,
    teamId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TeamContext> {
    const team = await this.find(manager, teamId);
    if (!team || !this.policy.canSeeTeam(actor, team)) throw new NotFoundError('Team', teamId);
    return team;
  }

  /** Today, as a date in the team's round's time zone. */
  today(team: Pick<TeamContext, 'round'>): string {
    return localDate(this.clock.now(), team.round.timezone);
  }
}

/** The currency the team's milestones are paid in: its programme's. */
export function programmeCurrency(team: Pick<TeamContext, 'programme'>): string {
  return team.programme.currency;
}
