import { DocumentAttachmentRegistry } from '@catalyst/documents';
import { ActorService } from '@catalyst/identity';
import {
  AcceleratorTeam,
  Harness,
  TestUser,
  acceleratorTeam,
  addMilestone,
  agreePlan,
  binary,
  countQueries,
  expectStatus,
  minimalPdf,
  moveMilestone,
  sha256,
} from '@catalyst/testing';

/**
 * Documents as evidence in the accelerator: the team (or a programme manager for it) uploads
 * them to a milestone while working on it and names them in the submission; the sponsor and
 * the programme's managers download them; nobody else learns they exist. A progress update's
 * author attaches documents to it for 24 hours.
 */
describe('milestone evidence documents', () => {
  const h = new Harness();
  const pdf = minimalPdf();
  let t: AcceleratorTeam;
  let other: AcceleratorTeam;
  let otherSponsor: TestUser;
  let otherProgrammeManager: TestUser;

  type Doc = { id: string; name: string; size: number; contentType: string; sha256: string };

  const send = (user: TestUser, method: 'get' | 'post' | 'patch', path: string, body?: object) =>
    h
      .http()
      [method](`/api/v1${path}`)
      .set('authorization', user.bearer)
      .send(body ?? {});
  const upload = (user: TestUser, type: string, id: string, filename = 'pilot-report.pdf') =>
    h
      .http()
      .post('/api/v1/documents')
      .set('authorization', user.bearer)
      .field('attachToType', type)
      .field('attachToId', id)
      .attach('file', pdf, { filename, contentType: 'application/pdf' });
  const uploaded = async (user: TestUser, type: string, id: string, filename?: string) =>
    expectStatus(await upload(user, type, id, filename), 201).body as Doc;
  const download = (user: TestUser, id: string) =>
    h
      .http()
      .get(`/api/v1/documents/${id}`)
      .set('authorization', user.bearer)
      .buffer(true)
      .parse(binary);
  const remove = (user: TestUser, id: string) =>
    h.http().delete(`/api/v1/documents/${id}`).set('authorization', user.bearer);
  const stored = async () =>
    (
      await h
        .dataSource()
        .query<{ n: number }[]>(
          `SELECT ((SELECT count(*) FROM documents) + (SELECT count(*) FROM document_chunks))::int AS n`,
        )
    )[0].n;
  const events = (entityId: string) =>
    h.dataSource().query<
      {
        action: string;
        actor_id: string;
        programme_id: string | null;
        data: Record<string, unknown> | null;
      }[]
    >(`SELECT action, actor_id, programme_id, data FROM audit_events WHERE entity_id = $1 ORDER BY at, seq`, [entityId]);
  const summaryOf = ({ id, name, size, contentType, sha256 }: Doc) => ({
    id,
    name,
    size,
    contentType,
    sha256,
  });
  const agreedMilestone = async (team: AcceleratorTeam, title = 'Pilot') =>
    addMilestone(h, team.sponsor, team.team.id, { title });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    t = await acceleratorTeam(h);
    other = await acceleratorTeam(h, { pm: t.pm });
    await addMilestone(h, t.member, t.team.id, { title: 'Plan' });
    await agreePlan(h, t.member, t.sponsor, t.team.id);
    await addMilestone(h, other.member, other.team.id, { title: 'Plan' });
    await agreePlan(h, other.member, other.sponsor, other.team.id);
    otherSponsor = await h.make.sponsor();
    const programme = await h.make.programme();
    otherProgrammeManager = await h.make.programmeManager(programme.operatorOrganisationId);
  });
  afterAll(() => h.teardown());

  describe('the team uploads a PDF to its milestone and submits it as evidence', () => {
    let milestoneId: string;
    let document: Doc;
    let submitted: Record<string, unknown>;

    beforeAll(async () => {
      milestoneId = (await agreedMilestone(t, 'Field trial')).id;
      await moveMilestone(h, t.member, milestoneId, 'in_progress');
      document = await uploaded(t.member, 'milestone', milestoneId);
      const res = await send(t.member, 'post', `/milestones/${milestoneId}/transitions`, {
        to: 'submitted',
        documentIds: [document.id],
      });
      submitted = expectStatus(res, 200).body;
    });

    it('stores the document attached to the milestone', () => {
      expect(document).toMatchObject({
        name: 'pilot-report.pdf',
        size: pdf.length,
        contentType: 'application/pdf',
        sha256: sha256(pdf),
        attachedTo: { type: 'milestone', id: milestoneId },
        uploadedByUserId: t.member.id,
      });
    });

    it('shows the submission with its evidence documents described', () => {
      expect(submitted).toMatchObject({
        status: 'submitted',
        documentIds: [document.id],
        documents: [summaryOf(document)],
      });
    });

    it('lets the sponsor and the programme manager download it byte for byte', async () => {
      for (const reader of [t.sponsor, t.pm]) {
        const res = await download(reader, document.id).expect(200);
        expect(Buffer.compare(res.body as Buffer, pdf)).toBe(0);
      }
      const seen = expectStatus(await send(t.sponsor, 'get', `/milestones/${milestoneId}`), 200);
      expect(seen.body.documents).toEqual([summaryOf(document)]);
      const listed = await h
        .http()
        .get('/api/v1/documents')
        .query({ attachedToType: 'milestone', attachedToId: milestoneId })
        .set('authorization', t.sponsor.bearer)
        .expect(200);
      expect(listed.body.items.map((d: Doc) => d.id)).toEqual([document.id]);
    });

    it('shows the evidence in the team at a glance and the milestone list', async () => {
      const glance = expectStatus(await send(t.sponsor, 'get', `/teams/${t.team.id}`), 200).body;
      const fromTeam = glance.milestones.find((m: { id: string }) => m.id === milestoneId);
      expect(fromTeam.documents).toEqual([summaryOf(document)]);
      const list = expectStatus(await send(t.pm, 'get', `/teams/${t.team.id}/milestones`), 200);
      const fromList = list.body.items.find((m: { id: string }) => m.id === milestoneId);
      expect(fromList.documents).toEqual([summaryOf(document)]);
    });

    it('records the upload in the team’s programme and the submission with its documents', async () => {
      const [upload] = await events(document.id);
      expect(upload).toMatchObject({
        action: 'document.uploaded',
        actor_id: t.member.id,
        programme_id: t.team.programmeId,
      });
      expect(upload.data).not.toHaveProperty('onBehalfOf');
      const milestone = await events(milestoneId);
      expect(milestone.at(-1)).toMatchObject({
        action: 'milestone.submitted',
        data: { documentIds: [document.id] },
      });
    });

    it('refuses to attach or remove documents once submitted, and once accepted (409)', async () => {
      const before = await stored();
      for (const res of [
        await upload(t.member, 'milestone', milestoneId),
        await remove(t.member, document.id),
      ]) {
        expect(expectStatus(res, 409).body.code).toBe('milestone.not_open');
      }
      await moveMilestone(h, t.sponsor, milestoneId, 'accepted');
      for (const user of [t.member, t.pm]) {
        const res = await upload(user, 'milestone', milestoneId);
        expect(expectStatus(res, 409).body).toMatchObject({
          code: 'milestone.not_open',
          status: 409,
        });
      }
      expect(await stored()).toBe(before);
      await download(t.sponsor, document.id).expect(200);
    });
  });

  describe('references that are not the milestone’s documents', () => {
    it('refuses a document of another milestone or an unknown id (422), changing nothing', async () => {
      const target = await agreedMilestone(t, 'Target');
      const elsewhere = await agreedMilestone(t, 'Elsewhere');
      const foreign = await uploaded(t.member, 'milestone', elsewhere.id);
      const own = await uploaded(t.member, 'milestone', target.id);
      const unknown = '9b2f8c9e-4c1a-4c57-9d3e-2f1f0c8b7a61';
      const trail = (await events(target.id)).length;
      for (const documentIds of [[own.id, foreign.id], [unknown]]) {
        const res = await send(t.member, 'post', `/milestones/${target.id}/transitions`, {
          to: 'submitted',
          documentIds,
        });
        expect(expectStatus(res, 422).body).toMatchObject({
          code: 'document.invalid_reference',
          documentIds: documentIds.filter((id) => id !== own.id),
        });
      }
      const after = expectStatus(await send(t.member, 'get', `/milestones/${target.id}`), 200);
      expect(after.body).toMatchObject({
        status: 'planned',
        version: target.version,
        documentIds: [],
        documents: [],
      });
      expect(await events(target.id)).toHaveLength(trail);
    });

    it('refuses a document of another team’s milestone, even to its programme manager', async () => {
      const mine = await agreedMilestone(t, 'Mine');
      const theirs = await uploaded(other.member, 'milestone', (await agreedMilestone(other)).id);
      const res = await send(t.pm, 'post', `/milestones/${mine.id}/transitions`, {
        to: 'submitted',
        documentIds: [theirs.id],
      });
      expect(expectStatus(res, 422).body.code).toBe('document.invalid_reference');
    });
  });

  describe('people who may not see the team', () => {
    let milestoneId: string;
    let document: Doc;
    let strangers: [string, TestUser][];

    beforeAll(async () => {
      milestoneId = (await agreedMilestone(t, 'Private')).id;
      document = await uploaded(t.member, 'milestone', milestoneId);
      strangers = [
        ['another sponsor', otherSponsor],
        ['another team', other.member],
        ['another team’s sponsor', other.sponsor],
        ['a programme manager of another programme', otherProgrammeManager],
      ];
    });

    it('get 404 downloading, describing or listing the documents', async () => {
      for (const [who, stranger] of strangers) {
        const res = await download(stranger, document.id);
        expect([who, res.status]).toEqual([who, 404]);
        expect(JSON.parse((res.body as Buffer).toString('utf8')).code).toBe('document.not_found');
        await h
          .http()
          .get(`/api/v1/documents/${document.id}/meta`)
          .set('authorization', stranger.bearer)
          .expect(404);
        const list = await h
          .http()
          .get('/api/v1/documents')
          .query({ attachedToType: 'milestone', attachedToId: milestoneId })
          .set('authorization', stranger.bearer);
        expect([who, list.status, list.body.code]).toEqual([who, 404, 'milestone.not_found']);
      }
    });

    it('get 404 attaching or removing, and nothing is stored', async () => {
      const before = await stored();
      for (const [who, stranger] of strangers) {
        const res = await upload(stranger, 'milestone', milestoneId);
        expect([who, res.status, res.body.code]).toEqual([who, 404, 'milestone.not_found']);
        expect([who, (await remove(stranger, document.id)).status]).toEqual([who, 404]);
      }
      expect(await stored()).toBe(before);
    });
  });

  describe('the sponsor and the programme manager', () => {
    it('the sponsor sees the milestone but may not attach to it (403)', async () => {
      const m = await agreedMilestone(t, 'Sponsor’s view');
      const res = await upload(t.sponsor, 'milestone', m.id);
      expect(expectStatus(res, 403).body.code).toBe('auth.forbidden');
    });

    it('a programme manager of the round’s programme attaches for the team, audited as such', async () => {
      const m = await agreedMilestone(t, 'With help');
      const document = await uploaded(t.pm, 'milestone', m.id, 'site-photos.pdf');
      const [event] = await events(document.id);
      expect(event).toMatchObject({
        action: 'document.uploaded',
        actor_id: t.pm.id,
        programme_id: t.team.programmeId,
        data: { attachedTo: { type: 'milestone', id: m.id }, onBehalfOf: 'team' },
      });
      const view = await moveMilestone(h, t.pm, m.id, 'submitted', { documentIds: [document.id] });
      expect(view.documentIds).toEqual([document.id]);
      await download(t.member, document.id).expect(200);
    });

    it('the team removes a document while it works on the milestone, audited in its programme', async () => {
      const m = await agreedMilestone(t, 'Draft evidence');
      const document = await uploaded(t.member, 'milestone', m.id);
      await remove(t.member, document.id).expect(204);
      expect((await events(document.id)).at(-1)).toMatchObject({
        action: 'document.deleted',
        actor_id: t.member.id,
        programme_id: t.team.programmeId,
      });
    });
  });

  it('locks the milestone FOR UPDATE on the check made inside the upload’s transaction', async () => {
    const m = await agreedMilestone(t, 'Locked');
    const type = h.api!.get(DocumentAttachmentRegistry).get('milestone');
    const actor = (await h.api!.get(ActorService).load(t.member.id))!;
    const tryLock = () =>
      h.dataSource().query(`SELECT id FROM milestones WHERE id = $1 FOR UPDATE NOWAIT`, [m.id]);
    await h.dataSource().transaction(async (manager) => {
      await type.assertCanAttach(actor, m.id, { manager, lock: false });
      await expect(tryLock()).resolves.toHaveLength(1);
      await type.assertCanAttach(actor, m.id, { manager, lock: true });
      await expect(tryLock()).rejects.toMatchObject({ code: '55P03' });
    });
    await expect(tryLock()).resolves.toHaveLength(1);
  });

  it('lists milestones with their evidence in the same number of queries for 1 and 4', async () => {
    const team = await acceleratorTeam(h, { pm: t.pm });
    await addMilestone(h, team.member, team.team.id, { title: 'Plan' });
    await agreePlan(h, team.member, team.sponsor, team.team.id);
    const submitWithDocument = async () => {
      const m = await agreedMilestone(team, 'Counted');
      const document = await uploaded(team.member, 'milestone', m.id);
      await moveMilestone(h, team.member, m.id, 'submitted', { documentIds: [document.id] });
    };
    const measure = async () => {
      const { result, count } = await countQueries(h.dataSource(), async () =>
        expectStatus(await send(team.sponsor, 'get', `/teams/${team.team.id}/milestones`), 200),
      );
      const withDocuments = result.body.items.filter(
        (m: { documents: Doc[] }) => m.documents.length === 1,
      );
      return { count, withDocuments: withDocuments.length };
    };
    await submitWithDocument();
    const one = await measure();
    for (let i = 0; i < 3; i++) await submitWithDocument();
    const four = await measure();
    expect([one.withDocuments, four.withDocuments]).toEqual([1, 4]);
    expect(four.count).toBe(one.count);
  });

  describe('documents of a progress update', () => {
    let update: { id: string };
    let document: Doc;

    beforeAll(async () => {
      expectStatus(
        await send(t.pm, 'post', `/rounds/${t.team.roundId}/sprints`, { lengthDays: 14 }),
        201,
      );
      h.clock.set('2027-04-16T09:00:00Z');
      update = expectStatus(
        await send(t.member, 'post', `/teams/${t.team.id}/updates`, {
          rag: 'green',
          summary: 'Sensors installed',
        }),
        201,
      ).body;
      document = await uploaded(t.member, 'progress_update', update.id, 'install-log.pdf');
    });
    afterAll(() => h.clock.set('2027-01-15T09:00:00Z'));

    it('are attached by the author and named in the update, for whoever sees the team', async () => {
      const res = await send(t.member, 'patch', `/progress-updates/${update.id}`, {
        documentIds: [document.id],
      });
      expect(expectStatus(res, 200).body).toMatchObject({
        documentIds: [document.id],
        documents: [summaryOf(document)],
      });
      const listed = expectStatus(await send(t.sponsor, 'get', `/teams/${t.team.id}/updates`), 200);
      expect(listed.body.items[0].documents).toEqual([summaryOf(document)]);
      const glance = expectStatus(await send(t.pm, 'get', `/teams/${t.team.id}`), 200).body;
      expect(glance.latestUpdate.documents).toEqual([summaryOf(document)]);
      for (const reader of [t.sponsor, t.pm]) await download(reader, document.id).expect(200);
      expect((await events(update.id)).at(-1)).toMatchObject({
        action: 'progress_update.edited',
        data: { changes: { documentIds: { from: [], to: [document.id] } } },
      });
    });

    it('refuses a document of another thing in documentIds (422)', async () => {
      const milestone = await agreedMilestone(t, 'Not an update');
      const foreign = await uploaded(t.member, 'milestone', milestone.id);
      const res = await send(t.member, 'patch', `/progress-updates/${update.id}`, {
        documentIds: [foreign.id],
      });
      expect(expectStatus(res, 422).body.code).toBe('document.invalid_reference');
    });

    it('are attached by the author only, and are hidden from other teams', async () => {
      const colleague = await h.make.startupMember(t.team.startupOrganisationId);
      for (const user of [colleague, t.sponsor, t.pm]) {
        const res = await upload(user, 'progress_update', update.id);
        expect(expectStatus(res, 403).body.code).toBe('progress_update.not_author');
      }
      for (const stranger of [other.member, otherSponsor, otherProgrammeManager]) {
        const res = await upload(stranger, 'progress_update', update.id);
        expect(expectStatus(res, 404).body.code).toBe('progress_update.not_found');
        await download(stranger, document.id).expect(404);
      }
    });

    it('are no longer attached once the update is final, after 24 hours (409)', async () => {
      h.clock.advance(24 * 3600_000);
      const res = await upload(t.member, 'progress_update', update.id);
      expect(expectStatus(res, 409).body.code).toBe('progress_update.locked');
      await download(t.sponsor, document.id).expect(200);
    });
  });
});
