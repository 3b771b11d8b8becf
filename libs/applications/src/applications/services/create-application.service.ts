import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, NotFoundError } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { Challenge, ChallengesService } from '@catalyst/rounds';
import { assertCallOpen } from '../application.deadline';
import { Application } from '../application.entity';
import { ApplicationPolicy } from '../application.policy';
import {
  ChallengeNotAcceptingApplicationsError,
  DuplicateApplicationError,
  invalidAnswers,
  isDuplicateLiveApplication,
} from '../application.errors';
import { validateAnswerTypes } from '../answer.validation';
import type { CreateApplicationDto } from '../dto/create-application.dto';

/** A company starts a draft application to a published challenge during its round's open call. */
@Injectable()
export class CreateApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly policy: ApplicationPolicy,
    private readonly challenges: ChallengesService,
  ) {}

  async create(actor: Actor, challengeId: string, dto: CreateApplicationDto): Promise<string> {
    const startupOrganisationId = this.policy.applyingOrganisation(
      actor,
      dto.startupOrganisationId,
    );
    const answers = dto.answers ?? {};
    try {
      return await this.dataSource.transaction(async (manager) => {
        const challenge = await this.openChallenge(manager, challengeId);
        const problems = validateAnswerTypes(challenge.questions, answers);
        if (problems.length) throw invalidAnswers(problems);
        const { identifiers } = await manager.insert(Application, {
          challengeId,
          roundId: challenge.roundId,
          programmeId: challenge.programmeId,
          startupOrganisationId,
          status: 'draft',
          answers,
          createdByUserId: actor.userId,
        });
        const id = (identifiers[0] as { id: string }).id;
        await this.audit.record(manager, {
          actor,
          action: 'application.created',
          programmeId: challenge.programmeId,
          entityType: 'application',
          entityId: id,
          to: 'draft',
          data: { challengeId, startupOrganisationId },
        });
        return id;
      });
    } catch (error) {
      // A second live application: the partial unique index refuses it (no read before the
      // insert, which cost every application a statement); the answer names the live one.
      if (isDuplicateLiveApplication(error)) {
        const live = await this.dataSource.getRepository(Application).findOne({
          select: { id: true },
          where: { challengeId, startupOrganisationId, status: Not('withdrawn') },
        });
        throw new DuplicateApplicationError(live?.id);
      }
      throw error;
    }
  }

  private async openChallenge(manager: EntityManager, challengeId: string): Promise<Challenge> {
    const challenge = await this.challenges.load(challengeId, manager);
    if (!challenge?.round || !this.policy.applicantsKnowChallenge(challenge.status)) {
      throw new NotFoundError('Challenge', challengeId);
    }
    if (challenge.status !== 'published') {
      throw new ChallengeNotAcceptingApplicationsError(challenge.status);
    }
    assertCallOpen(challenge.round, this.clock.now(), 'apply to this challenge');
    return challenge;
  }
}
