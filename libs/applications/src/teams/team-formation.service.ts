import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import type { Actor } from '@catalyst/identity';
import type { Application } from '../applications/application.entity';
import { TeamInUseError, isTeamStillReferenced } from '../applications/application.errors';
import { Team } from './team.entity';

/**
 * Keeps the cohort equal to the selected applications: selecting forms the team, leaving
 * `selected` (before the accelerator starts) removes it. Both are audited, in the caller's
 * transaction, so the team's existence can be reconstructed from the trail.
 */
@Injectable()
export class TeamFormationService {
  constructor(private readonly audit: AuditService) {}

  async form(
    manager: EntityManager,
    actor: Actor,
    application: Application,
    sponsorOrganisationId: string,
  ): Promise<string> {
    const { identifiers } = await manager.insert(Team, {
      roundId: application.roundId,
      programmeId: application.programmeId,
      applicationId: application.id,
      startupOrganisationId: application.startupOrganisationId,
      challengeId: application.challengeId,
      sponsorOrganisationId,
    });
    const teamId = (identifiers[0] as { id: string }).id;
    await this.audit.record(manager, {
      actor,
      action: 'team.formed',
      programmeId: application.programmeId,
      entityType: 'team',
      entityId: teamId,
      data: { applicationId: application.id, roundId: application.roundId },
    });
    return teamId;
  }

  async disband(
    manager: EntityManager,
    actor: Actor,
    application: Application,
    reason: string | null,
  ): Promise<void> {
    const team = await manager.findOne(Team, {
      select: { id: true },
      where: { applicationId: application.id },
    });
    if (!team) return;
    try {
      await manager.delete(Team, { id: team.id });
    } catch (error) {
      // The accelerator's records keep a team (ON DELETE RESTRICT); the transaction rolls back.
      if (isTeamStillReferenced(error)) throw new TeamInUseError();
      throw error;
    }
    await this.audit.record(manager, {
      actor,
      action: 'team.disbanded',
      programmeId: application.programmeId,
      entityType: 'team',
      entityId: team.id,
      reason,
      data: { applicationId: application.id, roundId: application.roundId },
    });
  }
}
