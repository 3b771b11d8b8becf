import { Application } from '@catalyst/applications';
import { Challenge, ChallengeQuestion, Round } from '@catalyst/rounds';
import type { Harness } from './harness';
import type { TestUser } from './factories';

/** The questions most application tests use: one of each type, with limits to break. */
export const STANDARD_QUESTIONS: ChallengeQuestion[] = [
  { key: 'approach', label: 'Your approach', type: 'text', required: true, maxLength: 200 },
  { key: 'team_size', label: 'Team size', type: 'number', required: true },
  { key: 'website', label: 'Website', type: 'url', required: false, identifying: true },
  {
    key: 'stage',
    label: 'Product stage',
    type: 'choice',
    required: true,
    options: ['idea', 'prototype', 'product'],
  },
];

export const VALID_ANSWERS = {
  approach: 'Sensors on every bin, routes planned nightly.',
  team_size: 4,
  website: 'https://bins.example.org',
  stage: 'prototype',
};

/**
 * Rounds, challenges and applications for the applications tests. Rounds and challenges are
 * inserted directly (their API belongs to the rounds slice); applications go through the API.
 */
export class ApplicationsFactory {
  constructor(private readonly h: Harness) {}

  /** An open round closing 2027-02-01T12:00:00Z (the harness clock starts 2027-01-15). */
  async round(overrides: Partial<Round> = {}): Promise<Round> {
    const repo = this.h.dataSource().getRepository(Round);
    return repo.save(
      repo.create({
        name: `Round ${Math.random().toString(36).slice(2, 8)}`,
        timezone: 'Europe/London',
        status: 'open',
        opensAt: new Date('2027-01-01T09:00:00Z'),
        closesAt: new Date('2027-02-01T12:00:00Z'),
        acceleratorStartsOn: '2027-04-01',
        acceleratorEndsOn: '2027-07-15',
        blindReview: false,
        ...overrides,
      }),
    );
  }

  /** A published challenge in `round`, owned by `sponsorOrganisationId` (a new sponsor if none). */
  async challenge(
    round: Round,
    overrides: Partial<Challenge> & { sponsorOrganisationId?: string } = {},
  ): Promise<Challenge> {
    const sponsorOrganisationId =
      overrides.sponsorOrganisationId ?? (await this.h.make.organisation('sponsor')).id;
    const repo = this.h.dataSource().getRepository(Challenge);
    return repo.save(
      repo.create({
        roundId: round.id,
        sponsorOrganisationId,
        title: `Challenge ${Math.random().toString(36).slice(2, 8)}`,
        summary: 'Bins overflow before collection.',
        problemStatement: 'Collection routes ignore how full bins are.',
        tags: ['waste'],
        budget: { accelerator: { amountMinor: 6_500_000, currency: 'GBP' } },
        questions: STANDARD_QUESTIONS,
        rubric: [{ key: 'impact', label: 'Impact', weight: 1, maxScore: 10 }],
        status: 'published',
        publishedAt: new Date('2027-01-01T09:00:00Z'),
        ...overrides,
      }),
    );
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
    if (res.status !== 201) throw new Error(`draft failed: ${res.status} ${res.text}`);
    return res.body;
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
    const res = await this.move(user, app.id, 'submitted');
    if (res.status !== 200) throw new Error(`submit failed: ${res.status} ${res.text}`);
    return res.body;
  }

  /** Sets the status of an application directly (to reach later stages in few lines). */
  async forceStatus(applicationId: string, status: Application['status']): Promise<void> {
    await this.h.dataSource().getRepository(Application).update(applicationId, { status });
  }

  async setRoundStatus(round: Round, status: Round['status']): Promise<void> {
    await this.h.dataSource().getRepository(Round).update(round.id, { status });
  }
}
