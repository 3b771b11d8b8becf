import {
  Harness,
  TestUser,
  assignPairs,
  panelOf,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

describe('blind review', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  /** A company whose identity leaks into its answers in every way an applicant might. */
  async function revealingApplication(blindReview: boolean) {
    const { challenge } = await reviewChallenge(h, { blindReview });
    const companyName = `Quillfeather Analytics ${Math.random().toString(36).slice(2, 6)}`;
    const website = 'https://www.quillfeather.example';
    const founder = await h.make.startupMember();
    const { application, company } = await submittedApplication(h, challenge, {
      companyName,
      website,
      answers: {
        approach: `At ${companyName} we fit sensors in culverts. Read more at quillfeather.example or write to ${founder.email}.`,
        teamSize: 6,
        website,
        founder: 'Ada Quill',
      },
    });
    // The founder is a member of the company: their e-mail must not reach the assessor.
    await h.make.addMembership(founder.id, company.id, 'startup_member');
    const [assessor] = await panelOf(h, pm, challenge.id, 1);
    const [assessmentId] = await assignPairs(h, pm, challenge.id, [
      { applicationId: application.id, assessor },
    ]);
    const secrets = [
      company.id,
      companyName,
      'quillfeather',
      founder.email,
      founder.id,
      'Ada Quill',
    ];
    return { challenge, application, company, assessor, assessmentId, secrets };
  }

  function leaks(body: unknown, secrets: string[]): string[] {
    const text = JSON.stringify(body).toLowerCase();
    return secrets.filter((s) => text.includes(s.toLowerCase()));
  }

  it('shows the assessor nothing that identifies the company', async () => {
    const { assessor, assessmentId, secrets, application } = await revealingApplication(true);
    const view = await h
      .http()
      .get(`/api/v1/assessments/${assessmentId}`)
      .set('authorization', assessor.bearer)
      .expect(200);
    expect(leaks(view.body, secrets)).toEqual([]);
    expect(view.body.blind).toBe(true);
    expect(view.body.application).not.toHaveProperty('startupOrganisationId');
    expect(view.body.application).not.toHaveProperty('companyName');
    expect(view.body.application.id).toBe(application.id);
    const byKey = Object.fromEntries(
      view.body.application.answers.map((a: { key: string }) => [a.key, a]),
    );
    expect(byKey.website).toMatchObject({ value: null, withheld: true });
    expect(byKey.founder).toMatchObject({ value: null, withheld: true });
    expect(byKey.teamSize).toMatchObject({ value: 6, withheld: false });
    expect(byKey.approach.value).toBe(
      'At [withheld] we fit sensors in culverts. Read more at [withheld] or write to [withheld].',
    );

    // Nor do the list, the score sheet answer, or the submission answer.
    const list = await h
      .http()
      .get('/api/v1/assessments?mine=true')
      .set('authorization', assessor.bearer)
      .expect(200);
    expect(leaks(list.body, secrets)).toEqual([]);
    const saved = await h
      .http()
      .put(`/api/v1/assessments/${assessmentId}`)
      .set('authorization', assessor.bearer)
      .send({ scores: { impact: 3, feasibility: 7 } })
      .expect(200);
    expect(leaks(saved.body, secrets)).toEqual([]);
    const submitted = await h
      .http()
      .post(`/api/v1/assessments/${assessmentId}/transitions`)
      .set('authorization', assessor.bearer)
      .send({ to: 'submitted' })
      .expect(200);
    expect(leaks(submitted.body, secrets)).toEqual([]);
  });

  it('hides the company id from the assessor’s own conflict declarations in a blind round', async () => {
    const { challenge, application, assessor, secrets } = await revealingApplication(true);
    const declared = await h
      .http()
      .post(`/api/v1/challenges/${challenge.id}/conflicts`)
      .set('authorization', assessor.bearer)
      .send({ applicationId: application.id, reason: 'I think I know who this is' })
      .expect(201);
    expect(leaks(declared.body, secrets)).toEqual([]);
    const listed = await h
      .http()
      .get(`/api/v1/challenges/${challenge.id}/conflicts`)
      .set('authorization', assessor.bearer)
      .expect(200);
    expect(listed.body.items).toHaveLength(1);
    expect(leaks(listed.body, secrets)).toEqual([]);
  });

  it('shows programme managers the company even in a blind round', async () => {
    const { assessmentId, company } = await revealingApplication(true);
    const view = await h
      .http()
      .get(`/api/v1/assessments/${assessmentId}`)
      .set('authorization', pm.bearer)
      .expect(200);
    expect(view.body.blind).toBe(false);
    expect(view.body.application).toMatchObject({
      startupOrganisationId: company.id,
      companyName: company.name,
    });
  });

  it('shows the company and every answer when the round is not blind', async () => {
    const { assessor, assessmentId, company } = await revealingApplication(false);
    const view = await h
      .http()
      .get(`/api/v1/assessments/${assessmentId}`)
      .set('authorization', assessor.bearer)
      .expect(200);
    expect(view.body.blind).toBe(false);
    expect(view.body.application.companyName).toBe(company.name);
    const website = view.body.application.answers.find((a: { key: string }) => a.key === 'website');
    expect(website).toMatchObject({ value: 'https://www.quillfeather.example', withheld: false });
  });
});
