import {
  AssessmentQueryService,
  AssignmentService,
  BlindCopyService,
  ConflictsService,
  ModerationNotesService,
  PanelService,
  RankingService,
  ReviewProgressService,
  ScoringService,
} from '@catalyst/assessment';
import { ForbiddenError, NotFoundError } from '@catalyst/common';
import { Actor, ActorService } from '@catalyst/identity';
import type { Challenge } from '@catalyst/rounds';
import {
  Harness,
  MatrixCall,
  MatrixRow,
  TestUser,
  addToPanel,
  assignPairs,
  expectMatrixStatus,
  matrixCases,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

jest.setTimeout(60_000);

type Who = 'pm' | 'otherPm' | 'sponsor' | 'panel' | 'ownAssessor' | 'otherAssessor' | 'startup';
const WHO: Who[] = ['pm', 'otherPm', 'sponsor', 'panel', 'ownAssessor', 'otherAssessor', 'startup'];
const row = (
  pm: number,
  otherPm: number,
  sponsor: number,
  panel: number,
  ownAssessor: number,
  otherAssessor: number,
  startup: number,
) => ({ pm, otherPm, sponsor, panel, ownAssessor, otherAssessor, startup });

/**
 * Assessment, role × action × own/other organisation × own/other programme, for one challenge
 * in review in the default programme:
 * - pm: a programme manager of that programme;
 * - otherPm: a programme manager of a second operator running a second programme: to them
 *   everything here is 404 (they pass the programme managers' role gates, then the policy
 *   hides the challenge, application or assessment);
 * - sponsor: a sponsor of the challenge's organisation;
 * - panel: an assessor (of another organisation) on the challenge's panel, with one assessment;
 * - ownAssessor: an assessor of the challenge's organisation who is not on its panel (knows the
 *   challenge, so refusals are 403);
 * - otherAssessor: an assessor of another organisation, not on the panel (404);
 * - startup: a member of the applying company.
 * Routes gated by role (`@Roles('programme_manager')` on panel changes and assignment) answer 403
 * before the service; the direct calls at the end show the services refusing by themselves.
 */
describe('assessment access: role × action', () => {
  const h = new Harness();
  const users = {} as Record<Who, TestUser>;
  let challenge: Challenge;
  let applicationId: string;
  let ownAssessment: string;
  let othersAssessment: string;
  const c = () => `/challenges/${challenge.id}`;

  /** A new submitted application to the challenge, assigned to the panel member. */
  const freshAssessment = async () => {
    const { application } = await submittedApplication(h, challenge);
    const [id] = await assignPairs(h, users.pm, challenge.id, [
      { applicationId: application.id, assessor: users.panel },
    ]);
    return id;
  };

  /**
   * A submitted application to a new blind challenge of the same sponsor organisation, in the
   * same programme, with the panel member on its panel.
   */
  const blindApplication = async () => {
    const blind = await reviewChallenge(h, {
      blindReview: true,
      sponsorOrganisationId: challenge.sponsorOrganisationId,
    });
    await addToPanel(h, users.pm, blind.challenge.id, users.panel);
    return (await submittedApplication(h, blind.challenge)).application.id;
  };

  const MATRIX: MatrixRow<Who>[] = [
    [
      'add an assessor to the panel',
      async () => ({
        method: 'post',
        path: `${c()}/assessors`,
        body: { userId: (await h.make.assessor()).id },
      }),
      row(201, 404, 403, 403, 403, 403, 403),
    ],
    [
      'see the panel',
      () => ({ method: 'get', path: `${c()}/assessors` }),
      row(200, 404, 200, 403, 403, 404, 404),
    ],
    [
      'take a member off the panel',
      async () => {
        const member = await h.make.assessor();
        await addToPanel(h, users.pm, challenge.id, member);
        return { method: 'delete', path: `${c()}/assessors/${member.id}` };
      },
      row(200, 404, 403, 403, 403, 403, 403),
    ],
    [
      'run the assignment',
      () => ({ method: 'post', path: `${c()}/assignments`, body: { perApplication: 1 } }),
      row(201, 404, 403, 403, 403, 403, 403),
    ],
    [
      'declare a panel member’s conflict',
      async () => ({
        method: 'post',
        path: `${c()}/conflicts`,
        body: {
          assessorUserId: users.panel.id,
          startupOrganisationId: (await h.make.organisation('startup')).id,
          reason: 'Advised them last year',
        },
      }),
      row(201, 404, 403, 201, 403, 404, 404),
    ],
    [
      'list conflicts',
      () => ({ method: 'get', path: `${c()}/conflicts` }),
      row(200, 404, 403, 200, 403, 404, 404),
    ],
    [
      'see the ranking',
      () => ({ method: 'get', path: `${c()}/ranking` }),
      row(200, 404, 200, 403, 403, 404, 404),
    ],
    [
      'see review progress',
      () => ({ method: 'get', path: `${c()}/review-progress` }),
      row(200, 404, 200, 403, 403, 404, 404),
    ],
    [
      'read moderation notes',
      () => ({ method: 'get', path: `/applications/${applicationId}/moderation-notes` }),
      row(200, 404, 403, 200, 403, 404, 404),
    ],
    [
      'write a moderation note',
      () => ({
        method: 'post',
        path: `/applications/${applicationId}/moderation-notes`,
        body: { body: 'Scores differ on feasibility.' },
      }),
      row(201, 404, 403, 201, 403, 404, 404),
    ],
    [
      'read the panel member’s own assessment',
      () => ({ method: 'get', path: `/assessments/${ownAssessment}` }),
      row(200, 404, 404, 200, 404, 404, 404),
    ],
    [
      'read another panel member’s assessment',
      () => ({ method: 'get', path: `/assessments/${othersAssessment}` }),
      row(200, 404, 404, 404, 404, 404, 404),
    ],
    [
      'score the panel member’s own assessment',
      (): MatrixCall => ({
        method: 'put',
        path: `/assessments/${ownAssessment}`,
        body: { scores: { impact: 4, feasibility: 7 } },
      }),
      row(403, 404, 404, 200, 404, 404, 404),
    ],
    [
      'declare the panel member’s own assessment conflicted',
      async () => ({
        method: 'post',
        path: `/assessments/${await freshAssessment()}/transitions`,
        body: { to: 'conflicted', reason: 'Worked with the founder last year' },
      }),
      row(200, 404, 404, 200, 404, 404, 404),
    ],
    [
      'edit assignments by hand',
      async () => ({
        method: 'post',
        path: `${c()}/assignments/bulk`,
        body: {
          add: [
            {
              applicationId: (await submittedApplication(h, challenge)).application.id,
              assessorUserId: users.panel.id,
            },
          ],
        },
      }),
      row(200, 404, 403, 403, 403, 403, 403),
    ],
    [
      'read the blind copy',
      () => ({ method: 'get', path: `/applications/${applicationId}/blind-copy` }),
      row(200, 404, 403, 403, 403, 404, 404),
    ],
    [
      'amend the blind copy in a blind round',
      async () => ({
        method: 'put',
        path: `/applications/${await blindApplication()}/blind-copy`,
        body: { answers: [{ key: 'founder', value: null, withheld: true }] },
      }),
      row(200, 404, 403, 403, 403, 404, 404),
    ],
  ];

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    h.clock.set('2027-01-20T09:00:00Z');
    users.pm = await h.make.programmeManager();
    const second = await h.make.programme();
    users.otherPm = await h.make.programmeManager(second.operatorOrganisationId);
    const review = await reviewChallenge(h);
    challenge = review.challenge;
    users.sponsor = review.sponsor;
    users.panel = await h.make.assessor();
    users.ownAssessor = await h.make.assessor(challenge.sponsorOrganisationId);
    users.otherAssessor = await h.make.assessor();
    const { application, company } = await submittedApplication(h, challenge);
    applicationId = application.id;
    users.startup = await h.make.startupMember(company.id);
    const otherPanelMember = await h.make.assessor();
    await addToPanel(h, users.pm, challenge.id, users.panel);
    await addToPanel(h, users.pm, challenge.id, otherPanelMember);
    [ownAssessment, othersAssessment] = await assignPairs(h, users.pm, challenge.id, [
      { applicationId, assessor: users.panel },
      { applicationId, assessor: otherPanelMember },
    ]);
  }, 60_000);
  afterAll(() => h.teardown());

  it.each(matrixCases(MATRIX, WHO))('%s as %s → %i', (_action, who, status, request) =>
    expectMatrixStatus(h, users[who], request, status),
  );

  it('lists only a panel member’s own assessments, whichever assessor they ask for', async () => {
    const res = await h
      .http()
      .get(`/api/v1/assessments?assessorUserId=${users.pm.id}`)
      .set('authorization', users.panel.bearer)
      .expect(200);
    // The matrix gave the panel member more assessments since; never another assessor's.
    const items = res.body.items as { id: string; assessorUserId: string }[];
    expect(items.map((a) => a.id)).toContain(ownAssessment);
    expect(items.map((a) => a.id)).not.toContain(othersAssessment);
    expect(new Set(items.map((a) => a.assessorUserId))).toEqual(new Set([users.panel.id]));
  });

  it('lists none of the first programme’s assessments to another programme’s manager, however they ask', async () => {
    for (const query of [
      '?limit=200',
      `?assessorUserId=${users.panel.id}`,
      `?challengeId=${challenge.id}`,
      `?applicationId=${applicationId}`,
      '?mine=true',
    ]) {
      const res = await h
        .http()
        .get(`/api/v1/assessments${query}`)
        .set('authorization', users.otherPm.bearer);
      expect([query, res.status, res.body.items]).toEqual([query, 200, []]);
    }
  });

  describe('the services refuse on their own, without the HTTP layer', () => {
    const actorOf = async (who: Who): Promise<Actor> =>
      (await h.api!.get(ActorService).load(users[who].id)) as Actor;

    it('refuses the sponsor who changes the panel or runs the assignment', async () => {
      const sponsor = await actorOf('sponsor');
      const assessor = await h.make.assessor();
      await expect(
        h.api!.get(PanelService).add(sponsor, challenge.id, assessor.id),
      ).rejects.toThrow(ForbiddenError);
      await expect(
        h.api!.get(PanelService).remove(sponsor, challenge.id, users.panel.id),
      ).rejects.toThrow(ForbiddenError);
      await expect(h.api!.get(AssignmentService).run(sponsor, challenge.id, 1)).rejects.toThrow(
        ForbiddenError,
      );
    });

    it('refuses a panel member the ranking and progress, and hides them from outsiders', async () => {
      const panel = await actorOf('panel');
      const outsider = await actorOf('otherAssessor');
      await expect(h.api!.get(RankingService).forActor(panel, challenge.id)).rejects.toThrow(
        ForbiddenError,
      );
      await expect(
        h.api!.get(ReviewProgressService).progress(outsider, challenge.id),
      ).rejects.toThrow(NotFoundError);
    });

    it('hides the first programme’s review from another programme’s manager', async () => {
      const otherPm = await actorOf('otherPm');
      const assessor = await h.make.assessor();
      const hidden: [string, () => Promise<unknown>][] = [
        ['panel add', () => h.api!.get(PanelService).add(otherPm, challenge.id, assessor.id)],
        ['panel list', () => h.api!.get(PanelService).list(otherPm, challenge.id, {})],
        ['assignment', () => h.api!.get(AssignmentService).run(otherPm, challenge.id, 1)],
        ['conflicts', () => h.api!.get(ConflictsService).list(otherPm, challenge.id, {})],
        ['ranking', () => h.api!.get(RankingService).forActor(otherPm, challenge.id)],
        ['progress', () => h.api!.get(ReviewProgressService).progress(otherPm, challenge.id)],
        ['moderation', () => h.api!.get(ModerationNotesService).list(otherPm, applicationId, {})],
        ['blind copy', () => h.api!.get(BlindCopyService).get(otherPm, applicationId)],
        ['assessment', () => h.api!.get(AssessmentQueryService).get(otherPm, ownAssessment)],
      ];
      for (const [what, call] of hidden) {
        await expect(call().then(() => what)).rejects.toThrow(NotFoundError);
      }
    });

    it('keeps the sponsor out of moderation and a programme manager from scoring', async () => {
      await expect(
        h.api!.get(ModerationNotesService).list(await actorOf('sponsor'), applicationId, {}),
      ).rejects.toThrow(ForbiddenError);
      await expect(
        h.api!.get(ScoringService).save(await actorOf('pm'), ownAssessment, {
          scores: { impact: 1, feasibility: 1 },
        }),
      ).rejects.toThrow(ForbiddenError);
      const page = await h
        .api!.get(AssessmentQueryService)
        .list(await actorOf('otherAssessor'), {});
      expect(page.items).toEqual([]);
    });
  });
});
