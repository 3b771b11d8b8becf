import { ActorService } from '@catalyst/identity';
import { DocumentReferencesService } from '@catalyst/documents';
import type { Application } from '@catalyst/applications';
import type { Challenge } from '@catalyst/rounds';
import { Harness, TestUser, binary, expectStatus, minimalPdf, sha256 } from '@catalyst/testing';

/** Uploading, downloading and who may do either: documents follow the thing they belong to. */
describe('documents attached to applications', () => {
  const h = new Harness();
  const pdf = minimalPdf();
  let challenge: Challenge;
  let sponsor: TestUser;
  let member: TestUser;
  let draft: Application;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    sponsor = await h.make.sponsor();
    const round = await h.make.round();
    challenge = await h.make.challenge(round, { sponsorOrganisationId: sponsor.organisationId });
    member = await h.make.startupMember();
    draft = await draftOf(member);
  });
  afterAll(() => h.teardown());

  const draftOf = (user: TestUser) =>
    h.make.application(challenge, {
      startupOrganisationId: user.organisationId,
      status: 'draft',
      submittedAt: null,
    });

  const upload = (
    user: TestUser | null,
    applicationId: string,
    file: Buffer = pdf,
    filename = 'business-plan.pdf',
  ) => {
    const req = h.http().post('/api/v1/documents');
    if (user) void req.set('authorization', user.bearer);
    return req
      .field('attachToType', 'application')
      .field('attachToId', applicationId)
      .attach('file', file, { filename, contentType: 'application/pdf' });
  };
  const download = (user: TestUser, id: string) =>
    h
      .http()
      .get(`/api/v1/documents/${id}`)
      .set('authorization', user.bearer)
      .buffer(true)
      .parse(binary);
  const count = async (table: 'documents' | 'document_chunks') =>
    (await h.dataSource().query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const submit = (application: Application) =>
    h
      .dataSource()
      .query(`UPDATE applications SET status = 'submitted', submitted_at = now() WHERE id = $1`, [
        application.id,
      ]);

  describe('a startup member attaching a PDF to their draft', () => {
    let document: { id: string } & Record<string, unknown>;

    beforeAll(async () => {
      document = expectStatus(await upload(member, draft.id), 201).body;
    });

    it('answers with the document: name, size, detected type and SHA-256', () => {
      expect(document).toEqual({
        id: expect.any(String),
        name: 'business-plan.pdf',
        size: pdf.length,
        contentType: 'application/pdf',
        sha256: sha256(pdf),
        attachedTo: { type: 'application', id: draft.id },
        uploadedByUserId: member.id,
        createdAt: expect.any(String),
      });
    });

    it('downloads it byte for byte, as an attachment that browsers must not sniff', async () => {
      const res = await download(member, document.id).expect(200);
      expect(Buffer.compare(res.body as Buffer, pdf)).toBe(0);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(pdf.length));
      expect(res.headers['content-disposition']).toBe('attachment; filename="business-plan.pdf"');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, no-store');
    });

    it('records document.uploaded with the name, size, digest and the thing it is attached to', async () => {
      const events = await h
        .dataSource()
        .query(
          `SELECT actor_id, action, entity_type, data FROM audit_events WHERE entity_id = $1`,
          [document.id],
        );
      expect(events).toEqual([
        {
          actor_id: member.id,
          action: 'document.uploaded',
          entity_type: 'document',
          data: {
            name: 'business-plan.pdf',
            size: pdf.length,
            sha256: sha256(pdf),
            contentType: 'application/pdf',
            attachedTo: { type: 'application', id: draft.id },
          },
        },
      ]);
    });

    it('describes it and lists it among the application’s documents', async () => {
      const meta = await h
        .http()
        .get(`/api/v1/documents/${document.id}/meta`)
        .set('authorization', member.bearer)
        .expect(200);
      expect(meta.body).toEqual(document);
      const list = await h
        .http()
        .get('/api/v1/documents')
        .query({ attachedToType: 'application', attachedToId: draft.id })
        .set('authorization', member.bearer)
        .expect(200);
      expect(list.body).toEqual({ items: [document], nextCursor: null });
    });

    it('hides it from the challenge’s sponsor while the application is a draft', async () => {
      await download(sponsor, document.id).expect(404);
    });
  });

  it('offers a non-ASCII name as UTF-8 filename* beside an ASCII fallback (RFC 6266)', async () => {
    const own = await draftOf(await h.make.startupMember());
    const user = await h.make.startupMember(own.startupOrganisationId);
    const { body } = expectStatus(await upload(user, own.id, pdf, 'Плán "v2".pdf'), 201);
    expect(body.name).toBe('Плán "v2".pdf');
    const res = await download(user, body.id).expect(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="___n _v2_.pdf"; filename*=UTF-8''%D0%9F%D0%BB%C3%A1n%20%22v2%22.pdf`,
    );
  });

  it('lets the challenge’s sponsor download a submitted application’s document', async () => {
    const company = await h.make.startupMember();
    const application = await draftOf(company);
    const { body } = expectStatus(await upload(company, application.id), 201);
    await submit(application);
    const res = await download(sponsor, body.id).expect(200);
    expect(sha256(res.body as Buffer)).toBe(body.sha256);
    const pm = await h.make.programmeManager();
    await download(pm, body.id).expect(200);
  });

  describe('another organisation’s startup member', () => {
    let outsider: TestUser;
    let document: { id: string };

    beforeAll(async () => {
      outsider = await h.make.startupMember();
      document = expectStatus(await upload(member, draft.id), 201).body;
    });

    it('gets 404 downloading, reading or listing, as if nothing were there', async () => {
      const res = await download(outsider, document.id).expect(404);
      expect(JSON.parse((res.body as Buffer).toString('utf8'))).toMatchObject({
        code: 'document.not_found',
      });
      await h
        .http()
        .get(`/api/v1/documents/${document.id}/meta`)
        .set('authorization', outsider.bearer)
        .expect(404);
      const list = await h
        .http()
        .get('/api/v1/documents')
        .query({ attachedToType: 'application', attachedToId: draft.id })
        .set('authorization', outsider.bearer)
        .expect(404);
      expect(list.body.code).toBe('application.not_found');
    });

    it('gets 404 attaching to the application, and nothing is stored', async () => {
      const [documents, chunks] = [await count('documents'), await count('document_chunks')];
      const res = await upload(outsider, draft.id).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('application.not_found');
      expect([await count('documents'), await count('document_chunks')]).toEqual([
        documents,
        chunks,
      ]);
    });

    it('gets 404 removing it', async () => {
      await h
        .http()
        .delete(`/api/v1/documents/${document.id}`)
        .set('authorization', outsider.bearer)
        .expect(404);
    });
  });

  it('refuses to attach to an application that is no longer a draft (409), storing nothing', async () => {
    const company = await h.make.startupMember();
    const application = await draftOf(company);
    await submit(application);
    const before = [await count('documents'), await count('document_chunks')];
    const res = await upload(company, application.id).expect(409);
    expect(res.body).toMatchObject({ status: 409, code: 'application.not_draft' });
    expect([await count('documents'), await count('document_chunks')]).toEqual(before);
  });

  it('refuses a sponsor who may see the application but not attach to it (403)', async () => {
    const company = await h.make.startupMember();
    const application = await draftOf(company);
    await submit(application);
    const res = await upload(sponsor, application.id).expect(403);
    expect(res.body.code).toBe('auth.forbidden');
  });

  it('refuses after the round’s closing time, as editing the draft is (422)', async () => {
    h.clock.set('2027-02-01T12:00:00Z');
    try {
      const res = await upload(member, draft.id).expect(422);
      expect(res.body.code).toBe('application.deadline_passed');
    } finally {
      h.clock.set('2027-01-15T09:00:00Z');
    }
  });

  it('answers 401 without a token, reading nothing', async () => {
    const res = await upload(null, draft.id).expect(401);
    expect(res.body.code).toBe('auth.unauthenticated');
    const anonymous = await h.http().get(`/api/v1/documents/${draft.id}`).expect(401);
    expect(anonymous.body.code).toBe('auth.unauthenticated');
  });

  describe('malformed uploads (400 problem+json)', () => {
    const expectProblem = (res: { status: number; headers: Record<string, string> }) => {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    };

    it('without a file', async () => {
      const res = await h
        .http()
        .post('/api/v1/documents')
        .set('authorization', member.bearer)
        .field('attachToType', 'application')
        .field('attachToId', draft.id);
      expectProblem(res);
      expect(res.body).toMatchObject({
        code: 'document.file_missing',
        errors: [{ field: 'file', message: 'is required' }],
      });
    });

    it('without what to attach it to', async () => {
      const res = await h
        .http()
        .post('/api/v1/documents')
        .set('authorization', member.bearer)
        .attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' });
      expectProblem(res);
      expect(res.body.code).toBe('request.invalid');
      const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
      expect([...fields].sort()).toEqual(['attachToId', 'attachToType']);
    });

    it('with the text fields after the file (they are not read)', async () => {
      const res = await h
        .http()
        .post('/api/v1/documents')
        .set('authorization', member.bearer)
        .attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' })
        .field('attachToType', 'application')
        .field('attachToId', draft.id);
      expectProblem(res);
    });

    it('attached to a kind of thing that takes no documents', async () => {
      const res = await h
        .http()
        .post('/api/v1/documents')
        .set('authorization', member.bearer)
        .field('attachToType', 'round')
        .field('attachToId', draft.id)
        .attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' });
      expectProblem(res);
      expect(res.body).toMatchObject({
        code: 'document.unknown_attachment_type',
        errors: [{ field: 'attachToType', message: expect.stringContaining('application') }],
      });
    });

    it('with an empty file', async () => {
      const res = await upload(member, draft.id, Buffer.alloc(0), 'empty.pdf');
      expectProblem(res);
      expect(res.body.code).toBe('document.empty');
    });

    it('other routes still refuse multipart bodies (415)', async () => {
      const res = await h
        .http()
        .post('/api/v1/organisations')
        .set('authorization', member.bearer)
        .field('name', 'Acme')
        .attach('file', pdf, 'x.pdf');
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('request.unsupported_media_type');
    });

    it('with JSON instead of multipart', async () => {
      const res = await h
        .http()
        .post('/api/v1/documents')
        .set('authorization', member.bearer)
        .send({ attachToType: 'application', attachToId: draft.id });
      expectProblem(res);
      expect(res.body.code).toBe('document.file_missing');
    });
  });

  describe('removing a document', () => {
    it('is the company’s while the application is a draft; its content goes with it', async () => {
      const { body } = expectStatus(await upload(member, draft.id), 201);
      await h
        .http()
        .delete(`/api/v1/documents/${body.id}`)
        .set('authorization', member.bearer)
        .expect(204);
      await download(member, body.id).expect(404);
      const [{ n }] = await h
        .dataSource()
        .query(`SELECT count(*)::int AS n FROM document_chunks WHERE document_id = $1`, [body.id]);
      expect(n).toBe(0);
      const [event] = await h
        .dataSource()
        .query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at DESC, seq DESC`, [
          body.id,
        ]);
      expect(event.action).toBe('document.deleted');
    });

    it('is refused once the application is submitted (409)', async () => {
      const company = await h.make.startupMember();
      const application = await draftOf(company);
      const { body } = expectStatus(await upload(company, application.id), 201);
      await submit(application);
      const res = await h
        .http()
        .delete(`/api/v1/documents/${body.id}`)
        .set('authorization', company.bearer)
        .expect(409);
      expect(res.body.code).toBe('application.not_draft');
    });
  });

  describe('references from other contexts (documentIds)', () => {
    it('accepts documents attached to the thing and visible, refuses others with 422', async () => {
      const company = await h.make.startupMember();
      const application = await draftOf(company);
      const mine = expectStatus(await upload(company, application.id), 201).body;
      const elsewhere = expectStatus(await upload(member, draft.id), 201).body;
      const actor = (await h.api!.get(ActorService).load(company.id))!;
      const references = h.api!.get(DocumentReferencesService);
      const target = { type: 'application', id: application.id };
      const found = await h
        .dataSource()
        .transaction((m) => references.attached(m, actor, [mine.id, mine.id], target));
      expect(found).toEqual([mine]);
      await expect(
        h
          .dataSource()
          .transaction((m) =>
            references.attached(m, actor, [mine.id, elsewhere.id, 'not-a-uuid'], target),
          ),
      ).rejects.toMatchObject({
        status: 422,
        code: 'document.invalid_reference',
        extensions: { documentIds: [elsewhere.id, 'not-a-uuid'] },
      });
      const outsider = (await h.api!.get(ActorService).load((await h.make.startupMember()).id))!;
      await expect(
        h.dataSource().transaction((m) => references.attached(m, outsider, [mine.id], target)),
      ).rejects.toMatchObject({ code: 'document.invalid_reference' });
    });
  });
});
