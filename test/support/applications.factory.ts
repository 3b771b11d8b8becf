import { Application } from '@catalyst/applications';
import { Challenge, Round } from '@catalyst/rounds';
import { expectStatus } from './expect-status';
import type { TestUser } from './factories';
import type { Harness } from './harness';

export { STANDARD_QUESTIONS } from './factories';

export const VALID_ANSWERS = {
  approach: 'Sensors on every bin, routes planned nightly.',
  team_size: 4,
  website: 'https://bins.example.org',
  stage: 'prototype',
};

/**
 * Applications through the API for the applications tests. Its rounds and challenges are the
 * harness's rows (`h.make.round`, `h.make.challenge`); kept as a class so existing tests read
 * as before.
 */
export class ApplicationsFactory {
  constructor(private readonly h: Harness) {}

  /** An open round closing 2027-02-01T12:00:00Z (the harness clock starts 2027-01-15). */
  round(overrides: Partial<Round> = {}): Promise<Round> {
    return this.h.make.round(overrides);
  }

  /** A published challenge in `round`, owned by `sponsorOrganisationId` (a new sponsor if none). */
  challenge(
    round: Round,
    overrides: Partial<Challenge> & { sponsorOrganisationId?: string } = {},
  ): Promise<Challenge> {
    return this.h.make.challenge(round, overrides);
  }

  /** A draft through the API; returns the response body. */
  async draft(
    user: TestUser,
    challengeId: string,
    answers: Record<string, unknown> = VALID_ANSWERS,
  ): Promise<{ id: string; version: number; status: string }> {
    const res = await this.h
      .http()
      .post(`/api/v1/challenges/${challengeId}/applications`)
      .set('authorization', user.bearer)
      .send({ answers });
    return expectStatus(res, 201).body as { id: string; version: number; status: string };
  }

  move(user: TestUser, applicationId: string, to: string, reason?: string) {
    return this.h
      .http()
      .post(`/api/v1/applications/${applicationId}/transitions`)
      .set('authorization', user.bearer)
      .send(reason === undefined ? { to } : { to, reason });
  }

  /** A submitted application through the API (call while the round is open). */
  async submitted(user: TestUser, challengeId: string): Promise<{ id: string }> {
    const app = await this.draft(user, challengeId);
    return expectStatus(await this.move(user, app.id, 'submitted'), 200).body as { id: string };
  }

  /** Sets the status of an application directly (to reach later stages in few lines). */
  async forceStatus(applicationId: string, status: Application['status']): Promise<void> {
    await this.h.dataSource().getRepository(Application).update(applicationId, { status });
  }

  async setRoundStatus(round: Round, status: Round['status']): Promise<void> {
    await this.h.dataSource().getRepository(Round).update(round.id, { status });
  }
}
