import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { Milestone, ProgressUpdate, Sprint } from '@catalyst/accelerator';
import { JobProducer, QueueName } from '@catalyst/queues';
import type { Round } from '@catalyst/rounds';
import {
  ReportKind,
  SPONSOR_DIGESTS_JOB,
  SponsorDigestsHandler,
  reportJsonSchema,
} from '@catalyst/reporting';
import { Harness, TestUser, awardedContract, expectStatus, gbp, waitFor } from '@catalyst/testing';

interface ReportState {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  fileName: string | null;
}

describe('reports: built in the worker, figures by hand, formats, access', () => {
  const h = new Harness();
  let pm: TestUser;
  let otherPm: TestUser;
  let round: Round;
  let s1: TestUser;
  let s2: TestUser;
  let startup: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    await h.startWorker();
    pm = await h.make.programmeManager();
    const other = await h.make.programme();
    otherPm = await h.make.programmeManager(other.operatorOrganisationId);
    s1 = await h.make.sponsor();
    s2 = await h.make.sponsor();
    startup = await h.make.startupMember();
    round = await h.make.round({
      status: 'assessment',
      closedAt: new Date('2027-02-01T12:00:00Z'),
    });
  });
  afterAll(() => h.teardown());

  const ask = async (user: TestUser, body: Record<string, unknown>, status = 202) => {
    const res = await h.http().post('/api/v1/reports').set('authorization', user.bearer).send(body);
    return expectStatus(res, status).body as ReportState;
  };
  const state = async (user: TestUser, id: string, status = 200) =>
    expectStatus(
      await h.http().get(`/api/v1/reports/${id}`).set('authorization', user.bearer),
      status,
    ).body as ReportState;
  const finished = async (user: TestUser, id: string): Promise<ReportState> => {
    await h.drainQueues(60_000);
    let s = await state(user, id);
    await waitFor('the report to finish', async () => {
      s = await state(user, id);
      return s.status === 'done' || s.status === 'failed';
    });
    return s;
  };
  const download = async (user: TestUser, id: string, status = 200) =>
    expectStatus(
      await h
        .http()
        .get(`/api/v1/reports/${id}/download`)
        .set('authorization', user.bearer)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
        }),
      status,
    );
  const built = async (user: TestUser, body: Record<string, unknown>) => {
    const asked = await ask(user, body);
    const done = await finished(user, asked.id);
    expect(done).toMatchObject({ status: 'done', progress: 100, error: null });
    const res = await download(user, asked.id);
    return { id: asked.id, res, text: res.body as string };
  };
  const validJson = (kind: ReportKind, text: string) => {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(reportJsonSchema(kind));
    expect(validate.errors ?? validate(doc)).toBe(true);
    return doc as {
      schemaVersion: number;
      headline: { label: string; value: string }[];
      rows: Record<string, unknown>[];
    };
  };

  describe('round funnel', () => {
    let challengeA: string;
    beforeAll(async () => {
      const a = await h.make.challenge(round, {
        sponsorOrganisationId: s1.organisationId,
        title: 'A bins',
      });
      const b = await h.make.challenge(round, {
        sponsorOrganisationId: s2.organisationId,
        title: 'B roads',
      });
      challengeA = a.id;
      await h.make.application(a, { status: 'draft', submittedAt: null });
      await h.make.application(a, { status: 'submitted' });
      await h.make.application(a, { status: 'ineligible' });
      const notSme = await h.make.organisation('startup', { sme: false });
      await h.make.application(a, { status: 'shortlisted', company: notSme });
      const selected = await h.make.application(a, { status: 'selected' });
      await h.make.application(b, { status: 'submitted' });
      // Two assessments at 5/10 (50 points); one raised to 8/10 (80): a spread of 30.
      const { assessmentIds } = await h.make.assessments(selected.id, ['submitted', 'submitted']);
      await h
        .dataSource()
        .query(`UPDATE assessment_scores SET score = 8 WHERE assessment_id = $1`, [
          assessmentIds[0],
        ]);
    });

    it('CSV: one row per challenge with stages, rates, SME share and median spread by hand', async () => {
      const { res, text } = await built(pm, {
        kind: 'round_funnel',
        roundId: round.id,
        format: 'csv',
      });
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="round-funnel-2027-01-15\.csv"/,
      );
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      const rows = parse<Record<string, string>>(text, { columns: true });
      expect(rows).toHaveLength(2);
      const a = rows.find((r) => r.challengeId === challengeA)!;
      expect(a).toMatchObject({
        challenge: 'A bins',
        started: '5',
        submitted: '4',
        eligible: '3',
        shortlisted: '2',
        selected: '1',
        submittedRate: '0.8',
        shortlistedRate: '0.5',
        selectedRate: '0.5',
        conversion: '0.25',
        smeShare: '0.75',
        medianSpread: '30',
      });
      const b = rows.find((r) => r.challenge === 'B roads')!;
      expect(b).toMatchObject({ started: '1', submitted: '1', selected: '0', medianSpread: '' });
    });

    it('JSON validates against its schema; HTML has one SVG per chart, a title and data tables', async () => {
      const json = validJson(
        'round_funnel',
        (await built(pm, { kind: 'round_funnel', roundId: round.id, format: 'json' })).text,
      );
      expect(json.schemaVersion).toBe(1);
      expect(json.headline).toContainEqual({ label: 'Applications submitted', value: '5' });
      const { res, text } = await built(pm, {
        kind: 'round_funnel',
        roundId: round.id,
        format: 'html',
      });
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(text.match(/<svg/g)).toHaveLength(1);
      expect(text).toContain('<title>Funnel per challenge</title>');
      expect(text).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Applications started/);
      expect(text.match(/<table/g)!.length).toBeGreaterThanOrEqual(2);
      expect(text).toContain('<h1>Round funnel: ');
    });

    it('a sponsor gets its own challenges only; identical requests share one report', async () => {
      const { text } = await built(s1, { kind: 'round_funnel', roundId: round.id, format: 'csv' });
      const rows = parse<Record<string, string>>(text, { columns: true });
      expect(rows.map((r) => r.challenge)).toEqual(['A bins']);
      const first = await ask(pm, { kind: 'round_funnel', roundId: round.id, format: 'csv' });
      const second = await ask(pm, { kind: 'round_funnel', roundId: round.id, format: 'csv' });
      expect(second.id).toBe(first.id);
    });
  });

  describe('who may ask and download', () => {
    let pmReport: string;
    let s1Report: string;
    beforeAll(async () => {
      pmReport = (await built(pm, { kind: 'round_funnel', roundId: round.id, format: 'json' })).id;
      s1Report = (await built(s1, { kind: 'round_funnel', roundId: round.id, format: 'json' })).id;
    });

    it.each([
      ['a programme manager of another programme', () => otherPm, 404],
      ['a startup', () => startup, 403],
    ])('%s may not ask for the round’s funnel', async (_who, user, status) => {
      await ask(user(), { kind: 'round_funnel', roundId: round.id, format: 'csv' }, status);
    });

    it('a programme manager of another programme, a startup and another sponsor see nothing (404)', async () => {
      for (const user of [otherPm, startup, s2]) {
        await state(user, pmReport, 404);
        await download(user, pmReport, 404);
        await state(user, s1Report, 404);
        await download(user, s1Report, 404);
      }
      // The round's programme managers read a sponsor's report of their round.
      await state(pm, s1Report, 200);
    });

    it('a sponsor with no challenge in the round is told nothing; a digest needs a scope', async () => {
      const s3 = await h.make.sponsor();
      await ask(s3, { kind: 'round_funnel', roundId: round.id, format: 'csv' }, 404);
      const res = await h
        .http()
        .post('/api/v1/reports')
        .set('authorization', pm.bearer)
        .send({ kind: 'sponsor_digest', format: 'csv' });
      expect(expectStatus(res, 422).body.code).toBe('report.scope_required');
      await ask(
        s1,
        { kind: 'sponsor_digest', sponsorOrganisationId: s2.organisationId, format: 'csv' },
        404,
      );
    });
  });

  describe('cohort progress', () => {
    it('per team: accepted, due, overdue, latest RAG, paid and payable by hand', async () => {
      const r = await h.make.round({
        status: 'accelerator',
        closedAt: new Date('2027-02-01T12:00:00Z'),
      });
      const team = await h.make.team({ round: r, sponsorOrganisationId: s1.organisationId });
      const empty = await h.make.team({ round: r });
      const ds = h.dataSource();
      const [sp1, sp2] = await ds.getRepository(Sprint).save([
        { roundId: r.id, number: 1, startsOn: '2027-01-01', endsOn: '2027-01-14', lengthDays: 14 },
        { roundId: r.id, number: 2, startsOn: '2027-01-15', endsOn: '2027-01-28', lengthDays: 14 },
      ]);
      const base = { teamId: team.id, title: 'M', paymentCurrency: 'GBP' };
      await ds.getRepository(Milestone).save([
        {
          ...base,
          dueOn: '2027-01-10',
          sprintId: sp1.id,
          paymentAmountMinor: 100_000,
          status: 'accepted',
          acceptedAt: new Date('2027-01-12T10:00:00Z'),
          paidOn: '2027-01-13',
          paymentReference: 'PAY-1',
        },
        {
          ...base,
          dueOn: '2027-01-12',
          sprintId: sp1.id,
          paymentAmountMinor: 50_050,
          status: 'accepted',
          acceptedAt: new Date('2027-01-13T10:00:00Z'),
        },
        { ...base, dueOn: '2027-01-11', paymentAmountMinor: 25_000, status: 'planned' },
        {
          ...base,
          dueOn: '2027-02-20',
          paymentAmountMinor: null,
          paymentCurrency: null,
          status: 'planned',
        },
      ] as Partial<Milestone>[]);
      void sp2;
      await ds.getRepository(ProgressUpdate).save({
        teamId: team.id,
        sprintId: sp1.id,
        authorUserId: pm.id,
        rag: 'amber',
        summary: 'ok',
        createdAt: new Date('2027-01-14T09:00:00Z'),
      } as Partial<ProgressUpdate>);
      const { text } = await built(pm, { kind: 'cohort_progress', roundId: r.id, format: 'csv' });
      const rows = parse<Record<string, string>>(text, { columns: true });
      const mine = rows.find((x) => x.teamId === team.id)!;
      expect(mine).toMatchObject({
        milestones: '4',
        accepted: '2',
        due: '1',
        overdue: '1',
        latestRag: 'amber',
        lastUpdateOn: '2027-01-14',
        currency: 'GBP',
        paid: '1000.00',
        payable: '500.50',
      });
      expect(rows.find((x) => x.teamId === empty.id)).toMatchObject({
        milestones: '0',
        currency: '',
        paid: '',
      });
      const html = (await built(pm, { kind: 'cohort_progress', roundId: r.id, format: 'html' }))
        .text;
      expect(html.match(/<svg/g)).toHaveLength(1);
      expect(html).toContain('<title>Milestones accepted per sprint</title>');
      const json = validJson(
        'cohort_progress',
        (await built(pm, { kind: 'cohort_progress', roundId: r.id, format: 'json' })).text,
      );
      expect(json.headline).toContainEqual({ label: 'Milestones accepted', value: '2 of 4' });
    });
  });

  describe('impact', () => {
    it('counts post-programme contracts of the cohort from any buyer, investment and jobs, by hand', async () => {
      const r = await h.make.round({
        status: 'accelerator',
        closedAt: new Date('2027-02-01T12:00:00Z'),
      });
      const sponsorOrg = await h.make.organisation('sponsor');
      const otherBuyer = await h.make.organisation('sponsor');
      const team = await h.make.team({ round: r, sponsorOrganisationId: sponsorOrg.id });
      const company = team.startupOrganisationId;
      await awardedContract(h, pm, {
        buyerOrganisationId: sponsorOrg.id,
        startupOrganisationId: company,
        teamId: team.id,
        value: gbp(100_000),
      });
      await awardedContract(h, pm, {
        buyerOrganisationId: otherBuyer.id,
        startupOrganisationId: company,
        roundId: r.id,
        kind: 'commercial',
        value: gbp(200_050),
      });
      // Not counted: a programme contract.
      await awardedContract(h, pm, {
        buyerOrganisationId: sponsorOrg.id,
        startupOrganisationId: company,
        teamId: team.id,
        kind: 'exploration',
        value: gbp(999_900),
      });
      for (const body of [
        { kind: 'investment', value: gbp(500_000), reportedOn: '2027-01-05' },
        { kind: 'jobs', count: 3, reportedOn: '2027-01-01' },
        { kind: 'jobs', count: 7, reportedOn: '2027-01-10' },
      ]) {
        expectStatus(
          await h
            .http()
            .post(`/api/v1/organisations/${company}/outcomes`)
            .set('authorization', pm.bearer)
            .send(body),
          201,
        );
      }
      const { text } = await built(pm, { kind: 'impact', roundId: r.id, format: 'csv' });
      const rows = parse<Record<string, string>>(text, { columns: true });
      expect(
        rows.map((x) => [x.kind, x.value, x.currency, x.fromOtherBuyer, x.quarter]).sort(),
      ).toEqual([
        ['commercial', '2000.50', 'GBP', 'true', '2027-Q1'],
        ['follow_on', '1000.00', 'GBP', 'false', '2027-Q1'],
      ]);
      const json = validJson(
        'impact',
        (await built(pm, { kind: 'impact', roundId: r.id, format: 'json' })).text,
      );
      expect(json.headline).toEqual(
        expect.arrayContaining([
          { label: 'Contracts', value: '2' },
          { label: 'Value (GBP)', value: 'GBP 3000.50' },
          { label: 'Distinct buyers', value: '2' },
          { label: 'Won from buyers other than the sponsor', value: '1 (50.0%)' },
          { label: 'Investment raised (GBP)', value: 'GBP 5000.00' },
          { label: 'Jobs', value: '7' },
        ]),
      );
      const html = (await built(pm, { kind: 'impact', roundId: r.id, format: 'html' })).text;
      expect(html.match(/<svg/g)).toHaveLength(1);
      expect(html).toContain('<title>Contract value after the programme by quarter</title>');
    });
  });

  describe('sponsor digest', () => {
    it('lists what happened on the sponsor’s things in the period; another sponsor cannot get it', async () => {
      const asked = await ask(s1, {
        kind: 'sponsor_digest',
        period: '2027-01-01/2027-01-31',
        format: 'json',
      });
      expect((await finished(s1, asked.id)).status).toBe('done');
      validJson('sponsor_digest', (await download(s1, asked.id)).body as string);
      await state(s2, asked.id, 404);
      await download(s2, asked.id, 404);
      await state(otherPm, asked.id, 404);
    });

    it('runs once per period with two workers, for each sponsor organisation, read by its members only', async () => {
      const w1 = await h.startWorker({ registerSchedules: true });
      const w2 = await h.startWorker({ registerSchedules: true });
      const queue = h.producer().queue(QueueName.Reports);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.filter((s) => s.key === 'reports-weekly-sponsor-digest')).toHaveLength(1);
      // Schedulers always leave a delayed next run: remove them all so the queues can drain.
      for (const name of Object.values(QueueName)) {
        const q = h.producer().queue(name);
        for (const s of await q.getJobSchedulers()) await q.removeJobScheduler(s.key);
      }
      await Promise.all([
        w1.get(SponsorDigestsHandler).handle({ today: '2027-01-18' }),
        w2.get(SponsorDigestsHandler).handle({ today: '2027-01-18' }),
        w2
          .get(JobProducer)
          .enqueue(SPONSOR_DIGESTS_JOB, { today: '2027-01-18' }, { jobId: 'digest-again' }),
      ]);
      await h.drainQueues(60_000);
      const digests = await h.dataSource().query<{ org: string; n: number }[]>(
        `SELECT requester_organisation_id AS org, count(*)::int AS n FROM reports
          WHERE kind = 'sponsor_digest' AND requester_organisation_id IS NOT NULL
            AND period_from = '2027-01-11' AND period_to = '2027-01-17' GROUP BY 1`,
      );
      expect(digests.length).toBeGreaterThanOrEqual(2);
      expect(digests.every((d) => d.n === 1)).toBe(true);
      const list = expectStatus(
        await h.http().get('/api/v1/reports').set('authorization', s1.bearer),
        200,
      ).body as { items: (ReportState & { sponsorOrganisationId: string; period: string })[] };
      const weekly = list.items.find((r) => r.period === '2027-01-11/2027-01-17')!;
      expect(weekly).toMatchObject({ status: 'done', sponsorOrganisationId: s1.organisationId });
      await state(s2, weekly.id, 404);
      const html = (await download(s1, weekly.id)).body as string;
      expect(html.match(/<svg/g)).toHaveLength(1);
    });
  });

  describe('a failing report', () => {
    it('ends failed with a readable error, never stuck running', async () => {
      await h.ownerQuery(
        'ALTER FUNCTION contract_current_value(uuid) RENAME TO contract_current_value_gone',
      );
      try {
        const asked = await ask(pm, { kind: 'impact', format: 'csv' });
        const end = await finished(pm, asked.id);
        expect(end.status).toBe('failed');
        expect(end.error).toMatch(
          /could not be built because of an unexpected error; ask for it again/,
        );
        const res = await download(pm, asked.id, 409);
        expect((JSON.parse(res.body as string) as { code: string }).code).toBe('report.not_ready');
      } finally {
        await h.ownerQuery(
          'ALTER FUNCTION contract_current_value_gone(uuid) RENAME TO contract_current_value',
        );
      }
    });
  });
});
