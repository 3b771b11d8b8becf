import {
  AcceleratorTeam,
  EVIDENCE,
  Harness,
  TestUser,
  acceleratorTeam,
  acceptMilestone,
  addMilestone,
  agreePlan,
  expectStatus,
  gbp,
  movePlan,
  moveMilestone,
} from '@catalyst/testing';

/**
 * Milestones with every role: the team works and submits, its sponsor signs off, a programme
 * manager may act for either side (audited as such), nobody else sees a thing; the plan's
 * agreement and the rule for changing it after; payments; overdue derived from the clock.
 */
describe('milestones', () => {
  const h = new Harness();
  let t: AcceleratorTeam;
  let otherSponsor: TestUser;
  let otherStartup: TestUser;

  const audit = (entityId: string) =>
    h.dataSource().query<
      {
        action: string;
        actor_id: string;
        reason: string | null;
        data: Record<string, unknown> | null;
      }[]
    >(`SELECT action, actor_id, reason, data FROM audit_events WHERE entity_id = $1 ORDER BY at, seq`, [entityId]);
  const send = (
    user: TestUser,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
  ) =>
    h
      .http()
      [method](`/api/v1${path}`)
      .set('authorization', user.bearer)
      .send(body ?? {});

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    t = await acceleratorTeam(h);
    otherSponsor = await h.make.sponsor();
    otherStartup = await h.make.startupMember();
  });
  afterAll(() => h.teardown());

  describe('lifecycle with every role', () => {
    let team: AcceleratorTeam;
    beforeAll(async () => {
      team = await acceleratorTeam(h, { pm: t.pm });
    });

    it('runs planned → in_progress → submitted → changes_requested → submitted → accepted', async () => {
      const m = await addMilestone(h, team.member, team.team.id, { payment: gbp(250_000) });
      expect(m).toMatchObject({ status: 'planned', paymentStatus: 'planned', overdue: false });
      await agreePlan(h, team.member, team.sponsor, team.team.id);
      expect((await moveMilestone(h, team.member, m.id, 'in_progress')).status).toBe('in_progress');
      // Evidence is required to submit.
      const bare = await send(team.member, 'post', `/milestones/${m.id}/transitions`, {
        to: 'submitted',
      });
      expect(expectStatus(bare, 422).body.code).toBe('milestone.evidence_required');
      const submitted = await moveMilestone(h, team.member, m.id, 'submitted', EVIDENCE);
      expect(submitted).toMatchObject({ status: 'submitted', evidenceUrls: EVIDENCE.evidenceUrls });
      expect(submitted.allowedTransitions).toEqual([]);
      // The sponsor sees its two moves; asking for changes needs a reason.
      const asSponsor = expectStatus(await send(team.sponsor, 'get', `/milestones/${m.id}`), 200);
      expect(asSponsor.body.allowedTransitions).toEqual([
        { to: 'accepted', reasonRequired: false },
        { to: 'changes_requested', reasonRequired: true },
      ]);
      const noReason = await send(team.sponsor, 'post', `/milestones/${m.id}/transitions`, {
        to: 'changes_requested',
      });
      expectStatus(noReason, 400);
      const changes = await moveMilestone(h, team.sponsor, m.id, 'changes_requested', {
        reason: 'Add the flow readings',
      });
      expect(changes).toMatchObject({ changesRequestedReason: 'Add the flow readings' });
      await moveMilestone(h, team.member, m.id, 'submitted', EVIDENCE);
      const accepted = await moveMilestone(h, team.sponsor, m.id, 'accepted');
      expect(accepted).toMatchObject({ status: 'accepted', paymentStatus: 'payable' });
      // Accepted is final.
      const again = await send(team.member, 'post', `/milestones/${m.id}/transitions`, {
        to: 'in_progress',
      });
      expect(expectStatus(again, 409).body).toMatchObject({
        code: 'milestone.invalid_transition',
        allowed: [],
      });
      expect((await audit(m.id)).map((e) => e.action)).toEqual([
        'milestone.created',
        'milestone.in_progress',
        'milestone.submitted',
        'milestone.changes_requested',
        'milestone.submitted',
        'milestone.accepted',
      ]);
    });

    it('never lets the team accept its own milestone, even a member who is also a sponsor', async () => {
      const m = await addMilestone(h, team.sponsor, team.team.id, { title: 'Own' });
      await moveMilestone(h, team.member, m.id, 'submitted', EVIDENCE);
      const own = await send(team.member, 'post', `/milestones/${m.id}/transitions`, {
        to: 'accepted',
      });
      expectStatus(own, 403);
      // A company member who also sits in the sponsor organisation is still the team.
      await h.make.addMembership(team.member.id, team.team.sponsorOrganisationId, 'sponsor');
      expectStatus(
        await send(team.member, 'post', `/milestones/${m.id}/transitions`, { to: 'accepted' }),
        403,
      );
      // The sponsor may not submit for the team.
      const other = await addMilestone(h, team.sponsor, team.team.id, { title: 'Other' });
      expectStatus(
        await send(team.sponsor, 'post', `/milestones/${other.id}/transitions`, {
          to: 'submitted',
          ...EVIDENCE,
        }),
        403,
      );
    });

    it('hides the milestone from another sponsor and another company (404)', async () => {
      const m = await addMilestone(h, team.sponsor, team.team.id, { title: 'Hidden' });
      for (const stranger of [otherSponsor, otherStartup]) {
        expect(
          expectStatus(await send(stranger, 'get', `/milestones/${m.id}`), 404).body.code,
        ).toBe('milestone.not_found');
        expectStatus(
          await send(stranger, 'post', `/milestones/${m.id}/transitions`, { to: 'accepted' }),
          404,
        );
        expectStatus(await send(stranger, 'get', `/teams/${team.team.id}/milestones`), 404);
      }
    });

    it('audits a programme manager acting for the sponsor and for the team as such', async () => {
      const m = await addMilestone(h, team.sponsor, team.team.id, { title: 'By the PM' });
      await moveMilestone(h, t.pm, m.id, 'submitted', EVIDENCE);
      await moveMilestone(h, t.pm, m.id, 'accepted');
      const events = await audit(m.id);
      expect(events.slice(1).map((e) => [e.action, e.actor_id, e.data?.onBehalfOf])).toEqual([
        ['milestone.submitted', t.pm.id, 'team'],
        ['milestone.accepted', t.pm.id, 'sponsor'],
      ]);
      // The sponsor's own acceptance carries no onBehalfOf.
      expect(
        (await audit((await addMilestone(h, team.sponsor, team.team.id)).id))[0].data,
      ).not.toHaveProperty('onBehalfOf');
    });

    it('refuses document ids that are not documents of the milestone, with a clear 422', async () => {
      const m = await addMilestone(h, team.sponsor, team.team.id, { title: 'With documents' });
      const res = await send(team.member, 'post', `/milestones/${m.id}/transitions`, {
        to: 'submitted',
        documentIds: ['9b2f8c9e-4c1a-4c57-9d3e-2f1f0c8b7a61'],
      });
      expect(expectStatus(res, 422).body).toMatchObject({
        code: 'document.invalid_reference',
        documentIds: ['9b2f8c9e-4c1a-4c57-9d3e-2f1f0c8b7a61'],
      });
    });
  });

  describe('the plan and changes after agreement', () => {
    it('is proposed by the team and agreed by the sponsor, then needs the sponsor or a reason', async () => {
      const x = await acceleratorTeam(h, { pm: t.pm });
      const path = `/teams/${x.team.id}/plan/transitions`;
      // Nothing to propose yet; work does not start before agreement.
      expect(
        expectStatus(await send(x.member, 'post', path, { to: 'proposed' }), 422).body.code,
      ).toBe('milestone_plan.empty');
      const m = await addMilestone(h, x.member, x.team.id, { dueOn: '2027-05-14' });
      const early = await send(x.member, 'post', `/milestones/${m.id}/transitions`, {
        to: 'in_progress',
      });
      expect(expectStatus(early, 422).body.code).toBe('milestone.plan_not_agreed');
      // The sponsor may not propose; the team may not agree.
      expectStatus(await send(x.sponsor, 'post', path, { to: 'proposed' }), 403);
      const proposed = await movePlan(h, x.member, x.team.id, 'proposed');
      expectStatus(await send(x.member, 'post', path, { to: 'agreed' }), 403);
      // A change while proposed moves the plan's version: an agreement read before is stale.
      await addMilestone(h, x.member, x.team.id, { title: 'Second', dueOn: '2027-06-01' });
      const stale = await h
        .http()
        .post(`/api/v1${path}`)
        .set('authorization', x.sponsor.bearer)
        .set('if-match', String(proposed.version))
        .send({ to: 'agreed' });
      expect(expectStatus(stale, 409).body.code).toBe('milestone_plan.stale_version');
      const agreed = await movePlan(h, x.sponsor, x.team.id, 'agreed');
      expect(agreed.status).toBe('agreed');

      // After agreement: the team can neither add, remove nor re-date…
      const add = await send(x.member, 'post', `/teams/${x.team.id}/milestones`, {
        title: 'Late idea',
        dueOn: '2027-06-20',
      });
      expect(expectStatus(add, 409).body.code).toBe('milestone.plan_agreed');
      const redate = await send(x.member, 'patch', `/milestones/${m.id}`, { dueOn: '2027-05-21' });
      expect(expectStatus(redate, 409).body.code).toBe('milestone.plan_agreed');
      expectStatus(await send(x.member, 'delete', `/milestones/${m.id}`), 409);
      // …but may still fix a title.
      expectStatus(await send(x.member, 'patch', `/milestones/${m.id}`, { title: 'Pilot' }), 200);
      // The sponsor may re-date (its agreement is the change).
      expectStatus(
        await send(x.sponsor, 'patch', `/milestones/${m.id}`, { dueOn: '2027-05-21' }),
        200,
      );
      // A programme manager needs a reason, and is audited as acting for the sponsor.
      const pmNoReason = await send(t.pm, 'patch', `/milestones/${m.id}`, { dueOn: '2027-05-28' });
      expect(expectStatus(pmNoReason, 422).body.code).toBe('milestone.change_reason_required');
      expectStatus(
        await send(t.pm, 'patch', `/milestones/${m.id}`, {
          dueOn: '2027-05-28',
          reason: 'Sponsor asked by phone',
        }),
        200,
      );
      const updates = (await audit(m.id)).filter((e) => e.action === 'milestone.updated');
      expect(updates.map((e) => [e.actor_id, e.reason, e.data?.onBehalfOf ?? null])).toEqual([
        [x.member.id, null, null],
        [x.sponsor.id, null, null],
        [t.pm.id, 'Sponsor asked by phone', 'sponsor'],
      ]);
      // Reopening takes a reason; then the team changes freely and proposes again.
      expectStatus(await send(x.member, 'post', path, { to: 'reopened' }), 400);
      await movePlan(h, x.member, x.team.id, 'reopened', 'A new stakeholder');
      await addMilestone(h, x.member, x.team.id, {
        title: 'Stakeholder demo',
        dueOn: '2027-06-25',
      });
      await agreePlan(h, x.member, x.sponsor, x.team.id);
      const planEvents = await audit(x.team.id);
      expect(planEvents.map((e) => e.action)).toEqual([
        'milestone_plan.proposed',
        'milestone_plan.agreed',
        'milestone_plan.reopened',
        'milestone_plan.proposed',
        'milestone_plan.agreed',
      ]);
    });

    it('takes payments in the programme’s currency only', async () => {
      const x = await acceleratorTeam(h, { pm: t.pm, currency: 'EUR' });
      const res = await send(x.member, 'post', `/teams/${x.team.id}/milestones`, {
        title: 'Paid in pounds',
        dueOn: '2027-05-14',
        payment: gbp(1000),
      });
      expect(expectStatus(res, 422).body.code).toBe('milestone.currency_mismatch');
    });
  });

  describe('payments', () => {
    it('are payable only once accepted, recorded paid once by a programme manager, audited', async () => {
      const x = await acceleratorTeam(h, { pm: t.pm });
      const m = await addMilestone(h, x.member, x.team.id, { payment: gbp(1_500_000) });
      const none = await addMilestone(h, x.member, x.team.id, { title: 'Unpaid work' });
      await agreePlan(h, x.member, x.sponsor, x.team.id);
      const pay = (
        user: TestUser,
        id: string,
        body: object = { paidOn: '2027-01-15', reference: 'PO-1' },
      ) => send(user, 'post', `/milestones/${id}/payment`, body);
      expect(expectStatus(await pay(t.pm, m.id), 422).body.code).toBe('milestone.not_payable');
      await acceptMilestone(h, x.member, x.sponsor, m.id);
      await acceptMilestone(h, x.member, x.sponsor, none.id);
      expect(expectStatus(await pay(t.pm, none.id), 422).body.code).toBe('milestone.not_payable');
      // Only a programme manager records it; the team and sponsor may not.
      expectStatus(await pay(x.sponsor, m.id), 403);
      expectStatus(await pay(x.member, m.id), 403);
      expect(
        expectStatus(await pay(t.pm, m.id, { paidOn: '2027-01-16', reference: 'PO-1' }), 422).body
          .code,
      ).toBe('milestone.paid_on_future');
      const paid = expectStatus(await pay(t.pm, m.id), 200).body;
      expect(paid).toMatchObject({
        paymentStatus: 'paid',
        paidOn: '2027-01-15',
        paymentReference: 'PO-1',
      });
      expect(expectStatus(await pay(t.pm, m.id), 409).body.code).toBe('milestone.already_paid');
      const event = (await audit(m.id)).find((e) => e.action === 'milestone.paid');
      expect(event?.data).toEqual({
        teamId: x.team.id,
        roundId: x.team.roundId,
        startupOrganisationId: x.team.startupOrganisationId,
        sponsorOrganisationId: x.team.sponsorOrganisationId,
        amount: gbp(1_500_000),
        paidOn: '2027-01-15',
        reference: 'PO-1',
      });
      // The team and the sponsor see the totals.
      const third = await send(x.sponsor, 'post', `/teams/${x.team.id}/milestones`, {
        title: 'Final report',
        dueOn: '2027-07-10',
        payment: gbp(700_000),
      });
      expectStatus(third, 201);
      for (const user of [x.member, x.sponsor]) {
        const view = expectStatus(await send(user, 'get', `/teams/${x.team.id}`), 200).body;
        expect(view.payments).toEqual({
          paid: [gbp(1_500_000)],
          payable: [],
          planned: [gbp(700_000)],
        });
      }
    });
  });

  describe('overdue', () => {
    it('is derived from the clock in the round’s time zone, across a date line', async () => {
      const london = await acceleratorTeam(h, { pm: t.pm });
      const laRound = await h.make.round({
        status: 'accelerator',
        timezone: 'America/Los_Angeles',
      });
      const la = await acceleratorTeam(h, { pm: t.pm, round: laRound });
      const ml = await addMilestone(h, london.member, london.team.id, { dueOn: '2027-05-10' });
      const mla = await addMilestone(h, la.member, la.team.id, { dueOn: '2027-05-10' });
      const overdue = async (id: string) =>
        (
          expectStatus(await send(t.pm, 'get', `/milestones/${id}`), 200).body as {
            overdue: boolean;
          }
        ).overdue;
      // 23:30 on the 10th in London: still due today everywhere.
      h.clock.set('2027-05-10T22:30:00Z');
      expect([await overdue(ml.id), await overdue(mla.id)]).toEqual([false, false]);
      // 00:30 on the 11th in London, 16:30 on the 10th in Los Angeles.
      h.clock.set('2027-05-10T23:30:00Z');
      expect([await overdue(ml.id), await overdue(mla.id)]).toEqual([true, false]);
      // 00:30 on the 11th in Los Angeles.
      h.clock.set('2027-05-11T07:30:00Z');
      expect([await overdue(ml.id), await overdue(mla.id)]).toEqual([true, true]);
      // Accepted milestones are never overdue; nothing was stored.
      await agreePlan(h, london.member, london.sponsor, london.team.id);
      await acceptMilestone(h, london.member, london.sponsor, ml.id);
      expect(await overdue(ml.id)).toBe(false);
      const list = expectStatus(
        await send(la.member, 'get', `/teams/${la.team.id}/milestones`),
        200,
      );
      expect(list.body.items.map((m: { overdue: boolean }) => m.overdue)).toEqual([true]);
      h.clock.set('2027-01-15T09:00:00Z');
    });
  });
});
