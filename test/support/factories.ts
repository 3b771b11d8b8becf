import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { Application, Team } from '@catalyst/applications';
import {
  Assessment,
  AssessmentScore,
  AssessmentStatus,
  ChallengeAssessor,
} from '@catalyst/assessment';
import {
  ARGON2_PARAMETERS,
  AccessTokenService,
  Membership,
  Organisation,
  OrganisationKind,
  Programme,
  Role,
  User,
} from '@catalyst/identity';
import { Challenge, ChallengeQuestion, Round } from '@catalyst/rounds';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** One argon2id hash per test process: hashing per user would make factories slow. */
function hashedTestPassword(): Promise<string> {
  passwordHash ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, ...ARGON2_PARAMETERS });
  return passwordHash;
}

const DEFAULT_KIND: Record<Role, OrganisationKind> = {
  programme_manager: 'operator',
  sponsor: 'sponsor',
  assessor: 'sponsor',
  startup_member: 'startup',
};

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  organisationId: string;
  role: Role;
  token: string;
  /** `Authorization` header value. */
  bearer: string;
}

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

const random = () => Math.random().toString(36).slice(2, 8);

/**
 * The one way to build valid rows for a test, in one line each, inserted directly (for state
 * a test is not about; to exercise a rule, go through the API: rounds.factory.ts walks rounds
 * and challenges, assessment.factory.ts panels and scores):
 *
 *   const sponsor = await h.make.sponsor();
 *   const round = await h.make.round({ status: 'assessment' });
 *   const challenge = await h.make.challenge(round, { sponsorOrganisationId: sponsor.organisationId });
 *   const application = await h.make.application(challenge);
 *   const { assessors } = await h.make.assessments(application.id, ['submitted', 'assigned']);
 *   const team = await h.make.team({ sponsorOrganisationId: sponsor.organisationId });
 */
export class Factories {
  private defaultProgrammeRow?: Promise<Programme>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccessTokenService,
  ) {}

  /**
   * The test database's one programme, as on an instance with a single programme: its
   * operator is where `programmeManager()` puts programme managers, and `round()` puts rounds
   * in it. Created on first use.
   */
  defaultProgramme(): Promise<Programme> {
    this.defaultProgrammeRow ??= this.programme({ slug: 'default', name: 'Innovation programme' });
    return this.defaultProgrammeRow;
  }

  /** A programme, run by `operatorOrganisationId` or by a new operator organisation. */
  async programme(overrides: Partial<Programme> = {}): Promise<Programme> {
    const operatorOrganisationId =
      overrides.operatorOrganisationId ?? (await this.organisation('operator')).id;
    const repo = this.dataSource.getRepository(Programme);
    return repo.save(
      repo.create({
        name: `Programme ${random()}`,
        slug: `programme-${random()}`,
        timezone: 'Europe/London',
        currency: 'GBP',
        ...overrides,
        operatorOrganisationId,
      }),
    );
  }

  async organisation(
    kind: OrganisationKind,
    overrides: Partial<Organisation> = {},
  ): Promise<Organisation> {
    const repo = this.dataSource.getRepository(Organisation);
    return repo.save(
      repo.create({
        name: `${kind} org ${unique()}`,
        kind,
        sme: kind === 'startup' ? true : null,
        ...overrides,
      }),
    );
  }

  /**
   * A user with one membership: in `organisationId`, or for a programme manager the default
   * programme's operator, or else a new organisation of the right kind.
   */
  async user(
    role: Role,
    options: { organisationId?: string; email?: string; name?: string } = {},
  ): Promise<TestUser> {
    const organisationId =
      options.organisationId ??
      (role === 'programme_manager'
        ? (await this.defaultProgramme()).operatorOrganisationId
        : (await this.organisation(DEFAULT_KIND[role])).id);
    const email = (
      options.email ?? `${role.replace('_', '-')}-${unique()}@example.test`
    ).toLowerCase();
    const name = options.name ?? `Test ${role} ${unique()}`;
    const users = this.dataSource.getRepository(User);
    const user = await users.save(
      users.create({ email, name, passwordHash: await hashedTestPassword() }),
    );
    await this.dataSource
      .getRepository(Membership)
      .insert({ userId: user.id, organisationId, role });
    const { accessToken } = await this.tokens.issue(user.id);
    return {
      id: user.id,
      email,
      name,
      password: TEST_PASSWORD,
      organisationId,
      role,
      token: accessToken,
      bearer: `Bearer ${accessToken}`,
    };
  }

  /** Adds another membership to an existing user. */
  async addMembership(userId: string, organisationId: string, role: Role): Promise<void> {
    await this.dataSource.getRepository(Membership).insert({ userId, organisationId, role });
  }

  programmeManager(organisationId?: string) {
    return this.user('programme_manager', { organisationId });
  }

  sponsor(organisationId?: string) {
    return this.user('sponsor', { organisationId });
  }

  assessor(organisationId?: string) {
    return this.user('assessor', { organisationId });
  }

  startupMember(organisationId?: string) {
    return this.user('startup_member', { organisationId });
  }

  /**
   * An open round closing 2027-02-01T12:00:00Z (the harness clock starts 2027-01-15), in the
   * default programme unless `programmeId` says otherwise.
   */
  async round(overrides: Partial<Round> = {}): Promise<Round> {
    const repo = this.dataSource.getRepository(Round);
    return repo.save(
      repo.create({
        programmeId: overrides.programmeId ?? (await this.defaultProgramme()).id,
        name: `Round ${random()}`,
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
    round: Pick<Round, 'id'> & { programmeId?: string },
    overrides: Partial<Challenge> & { sponsorOrganisationId?: string } = {},
  ): Promise<Challenge> {
    const sponsorOrganisationId =
      overrides.sponsorOrganisationId ?? (await this.organisation('sponsor')).id;
    const programmeId =
      round.programmeId ??
      (await this.dataSource.getRepository(Round).findOneByOrFail({ id: round.id })).programmeId;
    const repo = this.dataSource.getRepository(Challenge);
    return repo.save(
      repo.create({
        roundId: round.id,
        programmeId,
        title: `Challenge ${random()}`,
        summary: 'Bins overflow before collection.',
        problemStatement: 'Collection routes ignore how full bins are.',
        tags: ['waste'],
        budget: { accelerator: { amountMinor: 6_500_000, currency: 'GBP' } },
        questions: STANDARD_QUESTIONS,
        rubric: [{ key: 'impact', label: 'Impact', weight: 1, maxScore: 10 }],
        status: 'published',
        publishedAt: new Date('2027-01-01T09:00:00Z'),
        ...overrides,
        sponsorOrganisationId,
      }),
    );
  }

  /** A company (new unless given) and its submitted application to `challenge`. */
  async application(
    challenge: Pick<Challenge, 'id' | 'roundId'> & { programmeId?: string },
    overrides: Partial<Application> & { company?: Organisation } = {},
  ): Promise<Application> {
    const { company, ...fields } = overrides;
    const startupOrganisationId =
      fields.startupOrganisationId ?? (company ?? (await this.organisation('startup'))).id;
    const programmeId =
      challenge.programmeId ??
      (await this.dataSource.getRepository(Challenge).findOneByOrFail({ id: challenge.id }))
        .programmeId;
    const repo = this.dataSource.getRepository(Application);
    return repo.save(
      repo.create({
        challengeId: challenge.id,
        roundId: challenge.roundId,
        programmeId,
        status: 'submitted',
        answers: { approach: 'Sensors in culverts', teamSize: 4 },
        submittedAt: new Date('2027-01-05T10:00:00Z'),
        ...fields,
        startupOrganisationId,
      }),
    );
  }

  /**
   * One assessment of the application per status, each by a new assessor put on the
   * challenge's panel; submitted ones are scored at half marks on every rubric criterion.
   */
  async assessments(
    applicationId: string,
    statuses: AssessmentStatus[] = ['submitted'],
  ): Promise<{ assessors: TestUser[]; assessmentIds: string[] }> {
    const ds = this.dataSource;
    const application = await ds
      .getRepository(Application)
      .findOneOrFail({ where: { id: applicationId }, relations: { challenge: true } });
    const challenge = application.challenge as Challenge;
    const assessors: TestUser[] = [];
    const assessmentIds: string[] = [];
    for (const status of statuses) {
      const assessor = await this.assessor();
      await ds
        .getRepository(ChallengeAssessor)
        .insert({ challengeId: challenge.id, userId: assessor.id, addedByUserId: null });
      const assessment = await ds.getRepository(Assessment).save(
        ds.getRepository(Assessment).create({
          applicationId,
          assessorUserId: assessor.id,
          challengeId: challenge.id,
          programmeId: application.programmeId,
          status,
          submittedAt: status === 'submitted' ? new Date('2027-01-20T10:00:00Z') : null,
          conflictReason: status === 'conflicted' ? 'Advised the company last year' : null,
        }),
      );
      if (status === 'submitted') {
        await ds.getRepository(AssessmentScore).insert(
          challenge.rubric.map((criterion) => ({
            assessmentId: assessment.id,
            criterionKey: criterion.key,
            score: Math.ceil(criterion.maxScore / 2),
            maxScore: criterion.maxScore,
            weight: criterion.weight,
          })),
        );
      }
      assessors.push(assessor);
      assessmentIds.push(assessment.id);
    }
    return { assessors, assessmentIds };
  }

  /**
   * A team in a round's cohort: a selected application of a company (new unless given) to a
   * challenge of `sponsorOrganisationId` (a new sponsor unless given) in `round` (a new round
   * in its accelerator, 2027-04-01 … 2027-07-15, unless given). `currency` (GBP unless given)
   * is the challenge's accelerator budget currency and its programme's, which milestone
   * payments use: another currency puts the round in another programme of the default operator.
   */
  async team(
    options: {
      round?: Round;
      sponsorOrganisationId?: string;
      startupOrganisationId?: string;
      currency?: string;
    } = {},
  ): Promise<Team> {
    // Another currency is another programme's (the default operator runs it too).
    const programmeId =
      options.currency && options.currency !== 'GBP'
        ? (
            await this.programme({
              operatorOrganisationId: (await this.defaultProgramme()).operatorOrganisationId,
              currency: options.currency,
            })
          ).id
        : undefined;
    const round =
      options.round ??
      (await this.round({
        status: 'accelerator',
        closedAt: new Date('2027-02-01T12:00:00Z'),
        ...(programmeId ? { programmeId } : {}),
      }));
    const challenge = await this.challenge(round, {
      sponsorOrganisationId: options.sponsorOrganisationId,
      status: 'closed',
      budget: { accelerator: { amountMinor: 6_500_000, currency: options.currency ?? 'GBP' } },
    });
    const application = await this.application(challenge, {
      status: 'selected',
      ...(options.startupOrganisationId
        ? { startupOrganisationId: options.startupOrganisationId }
        : {}),
    });
    const repo = this.dataSource.getRepository(Team);
    return repo.save(
      repo.create({
        roundId: round.id,
        programmeId: round.programmeId,
        applicationId: application.id,
        startupOrganisationId: application.startupOrganisationId,
        challengeId: challenge.id,
        sponsorOrganisationId: challenge.sponsorOrganisationId,
      }),
    );
  }
}
