import type { EntityManager } from 'typeorm';

/**
 * What the rounds context needs to know about applications, which it does not own: whether a
 * challenge has any live (not withdrawn) application, drafts included. libs/applications
 * depends on this library, so it implements the port and the composing module binds it
 * (apps/api/src/context-ports.module.ts); rounds never reads the applications table itself.
 */
export interface ChallengeApplicationsPort {
  /** Read in the caller's transaction (`manager`), so it sees what that transaction sees. */
  hasLiveApplications(challengeId: string, manager: EntityManager): Promise<boolean>;
}

export const CHALLENGE_APPLICATIONS = Symbol('ChallengeApplicationsPort');
