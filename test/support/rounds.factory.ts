import { addDays } from '@catalyst/common';
import type { ChallengeStatus, ChallengeView, RoundStatus, RoundView } from '@catalyst/rounds';
import { expectStatus } from './expect-status';
import type { TestUser } from './factories';
import type { Harness } from './harness';

/**
 * Rounds and challenges built through the real API (so every rule and audit event applies).
 * Signatures are kept stable for other slices' tests:
 *
 *   const round = await createRound(h, pm, { status: 'open' });
 *   const challenge = await createChallenge(h, sponsor, round.id, sponsor.organisationId, { status: 'published', pm });
 *   const { pm, sponsor, round, challenge } = await publishedChallenge(h);
 */

export interface RoundOverrides {
  name?: string;
  timezone?: string;
  opensAt?: string;
  closesAt?: string;
  acceleratorStartsOn?: string;
  acceleratorEndsOn?: string;
  demoDayOn?: string;
  blindReview?: boolean;
  /** Walk the round to this state after creating it (cancelled uses a reason). */
  status?: RoundStatus;
}

export interface ChallengeOverrides {
  title?: string;
  summary?: string;
  problemStatement?: string;
  tags?: string[];
  budget?: Record<string, unknown>;
  questions?: Record<string, unknown>[];
  rubric?: Record<string, unknown>[];
  /** Walk the challenge to this state after creating it (withdrawn uses a reason). */
  status?: ChallengeStatus;
  /** Who approves and publishes; a new programme manager when needed and not given. */
  pm?: TestUser;
}

/** Kept here too for the tests that import it from this file. */
export { expectStatus } from './expect-status';

const DAY = 86_400_000;
const ROUND_PATH: RoundStatus[] = [
  'draft',
  'open',
  'assessment',
  'exploration',
  'accelerator',
  'completed',
];
const CHALLENGE_PATH: ChallengeStatus[] = ['draft', 'submitted', 'approved', 'published', 'closed'];

/** A valid round body around the harness clock: the call opened yesterday, closes in 30 days. */
export function roundBody(h: Harness, overrides: RoundOverrides = {}): Record<string, unknown> {
  const now = h.clock.now().getTime();
  const closesAt = overrides.closesAt ?? new Date(now + 30 * DAY).toISOString();
  const acceleratorStartsOn = overrides.acceleratorStartsOn ?? addDays(closesAt.slice(0, 10), 42);
  const { status: _status, ...fields } = overrides;
  return {
    name: `Round ${Math.random().toString(36).slice(2, 8)}`,
    opensAt: new Date(now - DAY).toISOString(),
    closesAt,
    acceleratorStartsOn,
    acceleratorEndsOn: addDays(acceleratorStartsOn, 111),
    ...fields,
  };
}

/** A valid challenge body: one question of each type and a two-criterion rubric. */
export function challengeBody(
  sponsorOrganisationId: string,
  overrides: ChallengeOverrides = {},
): Record<string, unknown> {
  const { status: _status, pm: _pm, ...fields } = overrides;
  return {
    sponsorOrganisationId,
    title: 'Predicting flooding on rural roads',
    summary: 'Help the council warn drivers before roads flood.',
    problemStatement:
      'Rural roads in the district flood several times a year and drivers get stranded. ' +
      'We want earlier, street-level warnings.',
    tags: ['climate', 'transport'],
    budget: {
      exploration: { amountMinor: 500_000, currency: 'GBP' },
      accelerator: { amountMinor: 6_500_000, currency: 'GBP' },
      followOn: { amountMinor: 25_000_000, currency: 'GBP' },
    },
    questions: [
      {
        key: 'approach',
        label: 'How would you solve it?',
        type: 'text',
        required: true,
        maxLength: 3000,
      },
      { key: 'teamSize', label: 'How many people in your team?', type: 'number', required: true },
      { key: 'website', label: 'Your website', type: 'url', required: false, identifying: true },
      {
        key: 'stage',
        label: 'Product stage',
        type: 'choice',
        required: true,
        options: ['idea', 'prototype', 'product'],
      },
    ],
    rubric: [
      { key: 'impact', label: 'Impact on residents', weight: 3, maxScore: 10 },
      { key: 'feasibility', label: 'Feasibility', weight: 2, maxScore: 10 },
    ],
    ...fields,
  };
}

export async function transitionRound(
  h: Harness,
  pm: TestUser,
  roundId: string,
  to: RoundStatus,
  reason?: string,
): Promise<RoundView> {
  const res = await h
    .http()
    .post(`/api/v1/rounds/${roundId}/transitions`)
    .set('authorization', pm.bearer)
    .send(reason ? { to, reason } : { to });
  return expectStatus(res, 200).body as RoundView;
}

export async function transitionChallenge(
  h: Harness,
  actor: TestUser,
  challengeId: string,
  to: ChallengeStatus,
  reason?: string,
): Promise<ChallengeView> {
  const res = await h
    .http()
    .post(`/api/v1/challenges/${challengeId}/transitions`)
    .set('authorization', actor.bearer)
    .send(reason ? { to, reason } : { to });
  return expectStatus(res, 200).body as ChallengeView;
}

/**
 * Creates a round as `pm` (a programme manager) and walks it to `overrides.status`. Opening
 * needs a closing time after `h.clock`; for a round past its deadline, advance the clock after.
 */
const EARLY_REASONS: Partial<Record<RoundStatus, string>> = {
  assessment: 'Test set-up: the call is over',
  accelerator: 'Test set-up: the accelerator starts now',
  completed: 'Test set-up: the accelerator is over',
};

export async function createRound(
  h: Harness,
  pm: TestUser,
  overrides: RoundOverrides = {},
): Promise<RoundView> {
  const res = await h
    .http()
    .post('/api/v1/rounds')
    .set('authorization', pm.bearer)
    .send(roundBody(h, overrides));
  let round = expectStatus(res, 201).body as RoundView;
  const target = overrides.status ?? 'draft';
  if (target === 'cancelled') return transitionRound(h, pm, round.id, 'cancelled', 'Test set-up');
  for (const next of ROUND_PATH.slice(1, ROUND_PATH.indexOf(target) + 1)) {
    // Moving before a stage's date (ending the call before closesAt, the accelerator before
    // acceleratorStartsOn, completing before acceleratorEndsOn) needs a reason.
    const opensEarly = next === 'open' && new Date(round.opensAt) > h.clock.now();
    const reason = opensEarly ? 'Test set-up: opened early' : EARLY_REASONS[next];
    round = await transitionRound(h, pm, round.id, next, reason);
  }
  return round;
}

/**
 * Proposes a challenge as `actor` (a sponsor of `sponsorOrganisationId`, or a programme
 * manager) and walks it to `overrides.status`: submitted by `actor`, approved and beyond by
 * `overrides.pm` (or a fresh programme manager). The round must be draft or open to publish.
 */
export async function createChallenge(
  h: Harness,
  actor: TestUser,
  roundId: string,
  sponsorOrganisationId: string,
  overrides: ChallengeOverrides = {},
): Promise<ChallengeView> {
  const res = await h
    .http()
    .post(`/api/v1/rounds/${roundId}/challenges`)
    .set('authorization', actor.bearer)
    .send(challengeBody(sponsorOrganisationId, overrides));
  let challenge = expectStatus(res, 201).body as ChallengeView;
  const target = overrides.status ?? 'draft';
  if (target === 'draft') return challenge;
  let pm = overrides.pm ?? (actor.role === 'programme_manager' ? actor : undefined);
  const manager = async () => (pm ??= await h.make.programmeManager());
  if (target === 'withdrawn') {
    return transitionChallenge(h, actor, challenge.id, 'withdrawn', 'Test set-up');
  }
  for (const next of CHALLENGE_PATH.slice(1, CHALLENGE_PATH.indexOf(target) + 1)) {
    const by = next === 'submitted' ? actor : await manager();
    challenge = await transitionChallenge(h, by, challenge.id, next);
  }
  return challenge;
}

export interface PublishedChallengeSetup {
  pm: TestUser;
  sponsor: TestUser;
  round: RoundView;
  challenge: ChallengeView;
}

/**
 * Everything an applicant needs: a programme manager, an open round (unless `roundId` is
 * given), a sponsor and its published challenge.
 */
export async function publishedChallenge(
  h: Harness,
  options: {
    pm?: TestUser;
    sponsor?: TestUser;
    roundId?: string;
    round?: RoundOverrides;
    challenge?: Omit<ChallengeOverrides, 'status' | 'pm'>;
  } = {},
): Promise<PublishedChallengeSetup> {
  const pm = options.pm ?? (await h.make.programmeManager());
  const sponsor = options.sponsor ?? (await h.make.sponsor());
  const round = options.roundId
    ? (expectStatus(
        await h.http().get(`/api/v1/rounds/${options.roundId}`).set('authorization', pm.bearer),
        200,
      ).body as RoundView)
    : await createRound(h, pm, { status: 'open', ...options.round });
  const challenge = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
    ...options.challenge,
    status: 'published',
    pm,
  });
  return { pm, sponsor, round, challenge };
}
