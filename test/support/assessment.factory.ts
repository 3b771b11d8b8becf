import type { Application, AnswerValue } from '@catalyst/applications';
import type { AssessmentStatus } from '@catalyst/assessment';
import type { Organisation } from '@catalyst/identity';
import type { Challenge, ChallengeQuestion, Round, RubricCriterion } from '@catalyst/rounds';
import { expectStatus } from './expect-status';
import type { TestUser } from './factories';
import type { Harness } from './harness';

/**
 * Rows for assessment tests in the right states, built by the harness's factories (`h.make`),
 * and the panel and scoring steps through the API.
 *
 *   const { challenge, sponsor } = await reviewChallenge(h, { blindReview: true });
 *   const { application, company } = await submittedApplication(h, challenge);
 *   const assessors = await panelOf(h, pm, challenge.id, 3);
 */

export const REVIEW_QUESTIONS: ChallengeQuestion[] = [
  { key: 'approach', label: 'How would you solve it?', type: 'text', required: true },
  { key: 'teamSize', label: 'Team size', type: 'number', required: true },
  { key: 'website', label: 'Your website', type: 'url', required: false, identifying: true },
  { key: 'founder', label: 'Founder’s name', type: 'text', required: false, identifying: true },
];

export const REVIEW_RUBRIC: RubricCriterion[] = [
  { key: 'impact', label: 'Impact', weight: 2, maxScore: 5 },
  { key: 'feasibility', label: 'Feasibility', weight: 1, maxScore: 10 },
];

export interface ReviewChallengeOptions {
  blindReview?: boolean;
  rubric?: RubricCriterion[];
  questions?: ChallengeQuestion[];
  sponsorOrganisationId?: string;
}

export interface ReviewChallenge {
  round: Round;
  challenge: Challenge;
  /** A sponsor-role member of the challenge's sponsor organisation. */
  sponsor: TestUser;
}

/** A round in assessment with one closed challenge. */
export async function reviewChallenge(
  h: Harness,
  options: ReviewChallengeOptions = {},
): Promise<ReviewChallenge> {
  const sponsor = await h.make.sponsor(options.sponsorOrganisationId);
  const round = await h.make.round({
    name: `Review round ${Math.random().toString(36).slice(2, 8)}`,
    status: 'assessment',
    opensAt: new Date('2026-11-01T09:00:00Z'),
    closesAt: new Date('2027-01-10T12:00:00Z'),
    acceleratorStartsOn: '2027-03-01',
    acceleratorEndsOn: '2027-06-20',
    blindReview: options.blindReview ?? false,
  });
  const challenge = await h.make.challenge(round, {
    sponsorOrganisationId: sponsor.organisationId,
    title: 'Predicting flooding on rural roads',
    summary: 'Warn drivers before roads flood.',
    problemStatement: 'Rural roads flood and drivers get stranded.',
    tags: ['climate'],
    questions: options.questions ?? REVIEW_QUESTIONS,
    rubric: options.rubric ?? REVIEW_RUBRIC,
    status: 'closed',
    publishedAt: new Date('2026-11-01T09:00:00Z'),
  });
  return { round, challenge, sponsor };
}

export interface ReviewApplicationOptions {
  answers?: Record<string, AnswerValue>;
  status?: Application['status'];
  /** Apply as this company instead of a new one. */
  company?: Organisation;
  companyName?: string;
  website?: string;
}

/** A company and its submitted application to the challenge. */
export async function submittedApplication(
  h: Harness,
  challenge: Challenge,
  options: ReviewApplicationOptions = {},
): Promise<{ application: Application; company: Organisation }> {
  const company =
    options.company ??
    (await h.make.organisation('startup', {
      ...(options.companyName ? { name: options.companyName } : {}),
      website: options.website ?? null,
    }));
  const application = await h.make.application(challenge, {
    company,
    status: options.status ?? 'submitted',
    answers: options.answers ?? { approach: 'Sensors in culverts', teamSize: 4 },
  });
  return { application, company };
}

/** `count` new assessors put on the challenge's panel through the API. */
export async function panelOf(
  h: Harness,
  pm: TestUser,
  challengeId: string,
  count: number,
): Promise<TestUser[]> {
  const assessors: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    const assessor = await h.make.assessor();
    await addToPanel(h, pm, challengeId, assessor);
    assessors.push(assessor);
  }
  return assessors;
}

export async function addToPanel(
  h: Harness,
  pm: TestUser,
  challengeId: string,
  assessor: TestUser,
): Promise<void> {
  expectStatus(
    await h
      .http()
      .post(`/api/v1/challenges/${challengeId}/assessors`)
      .set('authorization', pm.bearer)
      .send({ userId: assessor.id }),
    201,
  );
}

/** Assigns exact pairs through the bulk endpoint; answers assessment ids in the given order. */
export async function assignPairs(
  h: Harness,
  pm: TestUser,
  challengeId: string,
  pairs: { applicationId: string; assessor: TestUser }[],
): Promise<string[]> {
  const res = expectStatus(
    await h
      .http()
      .post(`/api/v1/challenges/${challengeId}/assignments/bulk`)
      .set('authorization', pm.bearer)
      .send({
        add: pairs.map((p) => ({ applicationId: p.applicationId, assessorUserId: p.assessor.id })),
      }),
    200,
  );
  const added = res.body.added as { id: string; applicationId: string; assessorUserId: string }[];
  return pairs.map(
    (p) =>
      added.find((a) => a.applicationId === p.applicationId && a.assessorUserId === p.assessor.id)
        ?.id as string,
  );
}

/** The assessor saves the scores and submits (through the API). */
export async function scoreAndSubmit(
  h: Harness,
  assessor: TestUser,
  assessmentId: string,
  scores: Record<string, number>,
): Promise<void> {
  expectStatus(
    await h
      .http()
      .put(`/api/v1/assessments/${assessmentId}`)
      .set('authorization', assessor.bearer)
      .send({ scores }),
    200,
  );
  expectStatus(
    await h
      .http()
      .post(`/api/v1/assessments/${assessmentId}/transitions`)
      .set('authorization', assessor.bearer)
      .send({ to: 'submitted' }),
    200,
  );
}

export interface AssessedApplicationOptions {
  /**
   * One assessment per entry, each by a new assessor put on the challenge's panel, in this
   * status. Submitted ones get a score for every rubric criterion. Default: one submitted.
   */
  statuses?: AssessmentStatus[];
}

/**
 * Gives an application the panel assessments a decision rests on, inserted directly (panel
 * membership, assessment rows, scores): what the assessment tests do through the API, in a
 * few lines for tests that are about decisions. Answers the assessors and assessment ids in
 * the order of `statuses`.
 */
export async function assessedApplication(
  h: Harness,
  applicationId: string,
  options: AssessedApplicationOptions = {},
): Promise<{ assessors: TestUser[]; assessmentIds: string[] }> {
  return h.make.assessments(applicationId, options.statuses ?? ['submitted']);
}
