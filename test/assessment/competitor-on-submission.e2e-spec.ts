import { randomUUID } from 'node:crypto';
import { ConflictCompetitorsHandler } from '@catalyst/assessment';
import { JobContext } from '@catalyst/queues';
import { ApplicationsFactory, Harness, TestUser, assignPairs, panelOf } from '@catalyst/testing';

/**
 * A panel member whose company applies to the challenge after they were assigned is a competitor
 * of every applicant: the submission's event (`application.submitted`, through the outbox) has
 * the worker conflict their assessments at once, not at the next assignment run.
 */
describe('a panel member’s company applying to the same challenge', () => {
  const h = new Harness();
  const apps = new ApplicationsFactory(h);
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    await h.startWorker();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  async function assessmentStatus(id: string): Promise<string> {
    const res = await h
      .http()
      .get(`/api/v1/assessments/${id}`)
      .set('authorization', pm.bearer)
      .expect(200);
    return res.body.status as string;
  }

  /** An open call with two submitted applications and a two-member panel, both assigned. */
  async function assignedDuringTheCall() {
    const challenge = await apps.challenge(await apps.round());
    const first = await apps.submitted(await h.make.startupMember(), challenge.id);
    const second = await apps.submitted(await h.make.startupMember(), challenge.id);
    const [judge, honest] = await panelOf(h, pm, challenge.id, 2);
    const [ofFirst, ofSecond, honestOne] = await assignPairs(h, pm, challenge.id, [
      { applicationId: first.id, assessor: judge },
      { applicationId: second.id, assessor: judge },
      { applicationId: first.id, assessor: honest },
    ]);
    await h.drainQueues(60_000);
    return { challenge, judge, ofFirst, ofSecond, honestOne };
  }

  /** The judge's own company applies, through the API, while the call is still open. */
  async function judgesCompanyApplies(judge: TestUser, challengeId: string) {
    const founder = await h.make.startupMember();
    await h.make.addMembership(judge.id, founder.organisationId, 'startup_member');
    const rival = await apps.submitted(founder, challengeId);
    await h.drainQueues(60_000);
    return rival;
  }

  it('conflicts their assessments in that challenge as soon as the company submits', async () => {
    const { challenge, judge, ofFirst, ofSecond, honestOne } = await assignedDuringTheCall();
    const rival = await judgesCompanyApplies(judge, challenge.id);

    expect(await assessmentStatus(ofFirst)).toBe('conflicted');
    expect(await assessmentStatus(ofSecond)).toBe('conflicted');
    expect(await assessmentStatus(honestOne)).toBe('assigned');
    const audit: { entity_id: string; actor_id: string | null; reason: string }[] = await h
      .dataSource()
      .query(
        `SELECT entity_id, actor_id, reason FROM audit_events
          WHERE action = 'assessment.conflicted' AND entity_id = ANY($1::text[])`,
        [[ofFirst, ofSecond, honestOne]],
      );
    expect(audit.map((a) => a.entity_id).sort()).toEqual([ofFirst, ofSecond].sort());
    for (const row of audit) {
      expect(row.actor_id).toBeNull();
      expect(row.reason).toMatch(/applied to this challenge/);
    }
    // One outbox row, relayed, for the submission, under its deterministic job id.
    const rows: { relayed: boolean }[] = await h
      .dataSource()
      .query(`SELECT relayed_at IS NOT NULL AS relayed FROM outbox_events WHERE job_id = $1`, [
        `conflict-competitors.${rival.id}`,
      ]);
    expect(rows).toEqual([{ relayed: true }]);
  });

  it('moves nothing the second time it runs, nor for an unknown application', async () => {
    const { challenge, judge, ofFirst } = await assignedDuringTheCall();
    const rival = await judgesCompanyApplies(judge, challenge.id);
    expect(await assessmentStatus(ofFirst)).toBe('conflicted');

    const handler = h.workers[0].get(ConflictCompetitorsHandler);
    const context: JobContext = { id: 'again', attemptsMade: 1 };
    expect(await handler.handle({ applicationId: rival.id }, context)).toEqual({ conflicted: [] });
    expect(await handler.handle({ applicationId: randomUUID() }, context)).toEqual({
      conflicted: [],
    });
  });
});
