import type { Challenge } from '@catalyst/rounds';
import {
  Harness,
  MatrixRow,
  TestUser,
  expectMatrixStatus,
  matrixCases,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

jest.setTimeout(60_000);

type Who = 'pm' | 'otherPm' | 'sponsor' | 'panel' | 'company' | 'otherCompany' | 'stranger';
const WHO: Who[] = ['pm', 'otherPm', 'sponsor', 'panel', 'company', 'otherCompany', 'stranger'];
const row = (
  pm: number,
  otherPm: number,
  sponsor: number,
  panel: number,
  company: number,
  otherCompany: number,
  stranger: number,
) => ({ pm, otherPm, sponsor, panel, company, otherCompany, stranger });
/** Routes for programme managers only: 403 to everyone else, 404 to another programme’s. */
const pmOnly = (pm: number) => row(pm, 404, 403, 403, 403, 403, 403);

const RUBRIC = [{ key: 'pitch', label: 'Pitch', weight: 1, maxScore: 10 }];

/**
 * Stages, slots, moderated outcomes and feedback, role × action, for one challenge with an
 * interview stage:
 * - otherPm: a programme manager of another programme (everything here is 404 to them);
 * - sponsor: a sponsor of the challenge's organisation;
 * - panel: an assessor on the interview stage's panel;
 * - company: a member of the company whose application entered the interview;
 * - otherCompany: a member of a company that applied but was not entered;
 * - stranger: an assessor of another organisation, on no panel.
 */
describe('stages and feedback access: role × action', () => {
  const h = new Harness();
  const users = {} as Record<Who, TestUser>;
  let challenge: Challenge;
  let entered: string;
  let notEntered: string;
  let siftAssessment: string;
  let n = 0;
  const c = () => `/challenges/${challenge.id}`;
  const pmPost = (path: string, body: object) =>
    h.http().post(`/api/v1${path}`).set('authorization', users.pm.bearer).send(body);
  const freeSlot = async () =>
    (
      await pmPost(`${c()}/stages/interview/slots`, {
        startsAt: `2027-02-0${1 + (n++ % 8)}T10:00:00Z`,
        lengthMinutes: 30,
        videoUrl: 'https://meet.example.org/room',
      }).expect(201)
    ).body.id as string;

  const MATRIX: MatrixRow<Who>[] = [
    [
      'list the stages',
      () => ({ method: 'get', path: `${c()}/stages` }),
      row(200, 404, 200, 200, 404, 404, 404),
    ],
    [
      'add a stage',
      () => ({
        method: 'post',
        path: `${c()}/stages`,
        body: { key: `extra${n++}`, label: 'Extra', rubric: RUBRIC },
      }),
      pmOnly(201),
    ],
    [
      'enter an application into the interview',
      async () => {
        const { application } = await submittedApplication(h, challenge);
        return {
          method: 'post',
          path: `${c()}/stages/interview/entries`,
          body: { applicationIds: [application.id], reason: 'Strong sift' },
        };
      },
      pmOnly(201),
    ],
    [
      'add an interview slot',
      () => ({
        method: 'post',
        path: `${c()}/stages/interview/slots`,
        body: { startsAt: '2027-02-10T09:00:00Z', lengthMinutes: 30, place: 'Room 1' },
      }),
      pmOnly(201),
    ],
    [
      'see the interview timetable',
      () => ({ method: 'get', path: `${c()}/stages/interview/slots` }),
      row(200, 404, 200, 200, 200, 404, 404),
    ],
    [
      'book a slot for the entered application',
      async () => ({
        method: 'post',
        path: `/interview-slots/${await freeSlot()}/booking`,
        body: { applicationId: entered },
      }),
      row(404, 404, 404, 404, 200, 404, 404),
    ],
    [
      'see the interview ranking',
      () => ({ method: 'get', path: `${c()}/ranking?stage=interview` }),
      row(200, 404, 200, 403, 404, 404, 404),
    ],
    [
      'record a moderated outcome',
      () => ({
        method: 'put',
        path: `/applications/${entered}/moderation-outcome`,
        body: { outcome: 'confirmed', reason: 'Spread explained' },
      }),
      pmOnly(200),
    ],
    [
      'edit a comment before release',
      () => ({
        method: 'put',
        path: `/assessments/${siftAssessment}/feedback-comment`,
        body: { comment: 'Good.' },
      }),
      pmOnly(200),
    ],
    [
      // Refused for the programme manager too while an application awaits its decision.
      'release the feedback',
      () => ({ method: 'post', path: `${c()}/feedback-release` }),
      pmOnly(422),
    ],
    [
      'read an application’s feedback before release',
      () => ({ method: 'get', path: `/applications/${entered}/feedback` }),
      row(200, 404, 404, 404, 404, 404, 404),
    ],
  ];

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    users.pm = await h.make.programmeManager();
    const other = await h.make.programme();
    users.otherPm = await h.make.programmeManager(other.operatorOrganisationId);
    const review = await reviewChallenge(h);
    challenge = review.challenge;
    users.sponsor = review.sponsor;
    users.panel = await h.make.assessor();
    users.stranger = await h.make.assessor();
    const a = await submittedApplication(h, challenge);
    const b = await submittedApplication(h, challenge);
    entered = a.application.id;
    notEntered = b.application.id;
    users.company = await h.make.startupMember(a.company.id);
    users.otherCompany = await h.make.startupMember(b.company.id);
    siftAssessment = (await h.make.assessments(entered, ['submitted'])).assessmentIds[0];
    await pmPost(`${c()}/stages`, {
      key: 'interview',
      label: 'Interview',
      rubric: RUBRIC,
      needsSlots: true,
    }).expect(201);
    await pmPost(`${c()}/assessors?stage=interview`, { userId: users.panel.id }).expect(201);
    await pmPost(`${c()}/stages/interview/entries`, {
      applicationIds: [entered],
      reason: 'Best of the sift',
    }).expect(201);
  });
  afterAll(() => h.teardown());

  it.each(matrixCases(MATRIX, WHO))('%s as %s → %i', (_action, who, status, request) =>
    expectMatrixStatus(h, users[who], request, status),
  );

  it('the application not entered stays out of the interview', async () => {
    const res = await h
      .http()
      .get(`/api/v1${c()}/ranking?stage=interview`)
      .set('authorization', users.pm.bearer)
      .expect(200);
    expect(res.body.items.map((i: { applicationId: string }) => i.applicationId)).not.toContain(
      notEntered,
    );
  });
});
