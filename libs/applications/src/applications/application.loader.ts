import { EntityManager } from 'typeorm';
import { NotFoundError } from '@catalyst/common';
import type { Challenge, Round } from '@catalyst/rounds';
import { Application } from './application.entity';
import type { ApplicationFacts } from './application.policy';

/** An application with the challenge and round every rule about it needs. */
export interface LoadedApplication {
  application: Application & { challenge: Challenge & { round: Round } };
  facts: ApplicationFacts;
}

/**
 * Loads an application with its challenge, round and company name in one query. With
 * `lock`, the application row is locked (FOR UPDATE OF application) until the transaction
 * ends, so concurrent moves and edits of one application are serialised.
 */
export async function loadApplication(
  manager: EntityManager,
  id: string,
  options: { lock?: boolean } = {},
): Promise<LoadedApplication> {
  const qb = manager
    .getRepository(Application)
    .createQueryBuilder('application')
    .innerJoinAndSelect('application.challenge', 'challenge')
    .innerJoinAndSelect('challenge.round', 'round')
    .leftJoin('application.startupOrganisation', 'startup')
    .addSelect(['startup.id', 'startup.name'])
    .where('application.id = :id', { id });
  if (options.lock) qb.setLock('pessimistic_write', undefined, ['application']);
  const application = (await qb.getOne()) as LoadedApplication['application'] | null;
  if (!application) throw new NotFoundError('Application', id);
  return { application, facts: factsOf(application) };
}

export function factsOf(application: LoadedApplication['application']): ApplicationFacts {
  return {
    programmeId: application.programmeId,
    startupOrganisationId: application.startupOrganisationId,
    sponsorOrganisationId: application.challenge.sponsorOrganisationId,
    status: application.status,
    submittedAt: application.submittedAt,
    blindReview: application.challenge.round.blindReview,
  };
}
