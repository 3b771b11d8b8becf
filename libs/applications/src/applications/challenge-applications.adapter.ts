import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import type { ChallengeApplicationsPort } from '@catalyst/rounds';
import { Application } from './application.entity';

/** The applications context answering the rounds context's question about its challenges. */
@Injectable()
export class ChallengeApplicationsAdapter implements ChallengeApplicationsPort {
  hasLiveApplications(challengeId: string, manager: EntityManager): Promise<boolean> {
    return manager.exists(Application, { where: { challengeId, status: Not('withdrawn') } });
  }
}
