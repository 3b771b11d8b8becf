import type { Application } from '@catalyst/applications';
import {
  Harness,
  TestUser,
  binary,
  elfExecutable,
  expectStatus,
  minimalDocx,
  minimalPdf,
  sha256,
  storedZip,
  streamUpload,
  waitFor,
  windowsExecutable,
} from '@catalyst/testing';

const MiB = 1024 * 1024;

/** What documents may hold (judged by content), how large, and how it is stored. */
describe('document content', () => {
  const h = new Harness();
  let member: TestUser;
  let draft: Application;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    const round = await h.make.round();
    const challenge = await h.make.challenge(round);
    member = await h.make.startupMember();
    draft = await h.make.application(challenge, {
      startupOrganisationId: member.organisationId,
      status: 'draft',
      submittedAt: null,
    });
  });
  afterAll(() => h.teardown());

  const fields = () => ({ attachToType: 'application', attachToId: draft.id });
  const upload = (file: Buffer, filename: string, contentType: string) =>
    h
      .http()
      .post('/api/v1/documents')
      .set('authorization', member.bearer)
      .field(fields())
      .attach('file', file, { filename, contentType });
  const stored = async () => {
    const [row] = await h.dataSource().query<{ documents: number; chunks: number }[]>(
      `SELECT (SELECT count(*)::int FROM documents) AS documents,
              (SELECT count(*)::int FROM document_chunks) AS chunks`,
    );
    return row;
  };

  describe('refused by content (415), whatever the name, storing nothing', () => {
    it.each([
      ['an ELF executable named report.pdf', elfExecutable(), 'report.pdf', 'application/pdf'],
      [
        'a Windows executable named report.pdf',
        windowsExecutable(),
        'report.pdf',
        'application/pdf',
      ],
      ['a Windows executable named notes.txt', windowsExecutable(), 'notes.txt', 'text/plain'],
      ['a ZIP archive named data.csv', storedZip({ 'a.txt': 'a' }), 'data.csv', 'text/csv'],
      ['text named data.bin', Buffer.from('a,b\n1,2\n'), 'data.bin', 'application/octet-stream'],
      ['text with NUL bytes named notes.txt', Buffer.from('a\u0000b'), 'notes.txt', 'text/plain'],
      ['Latin-1 text named notes.csv', Buffer.from('caf\xe9\n', 'latin1'), 'notes.csv', 'text/csv'],
    ])('%s', async (_what, bytes, filename, contentType) => {
      const before = await stored();
      const res = await upload(bytes, filename, contentType).expect(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 415,
        code: 'document.unsupported_type',
        allowedTypes: expect.arrayContaining(['application/pdf', 'text/csv; charset=utf-8']),
      });
      expect(await stored()).toEqual(before);
    });

    it('text that turns out not to be UTF-8 after its first chunk', async () => {
      const before = await stored();
      const text = Buffer.concat([Buffer.alloc(300 * 1024, 'a'), Buffer.from([0xff, 0x0a])]);
      const res = await upload(text, 'big.csv', 'text/csv').expect(415);
      expect(res.body.code).toBe('document.unsupported_type');
      expect(await stored()).toEqual(before);
    });
  });

  it('accepts CSV and plain text (UTF-8) when named or declared so', async () => {
    const csv = Buffer.from('name,city\nZoë,Malmö\n', 'utf8');
    const a = expectStatus(await upload(csv, 'people.csv', 'application/octet-stream'), 201);
    expect(a.body).toMatchObject({ contentType: 'text/csv; charset=utf-8', sha256: sha256(csv) });
    const b = expectStatus(await upload(csv, 'people', 'text/plain'), 201);
    expect(b.body.contentType).toBe('text/plain; charset=utf-8');
    const res = await h
      .http()
      .get(`/api/v1/documents/${a.body.id}`)
      .set('authorization', member.bearer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect((res.body as Buffer).toString('utf8')).toBe(csv.toString('utf8'));
  });

  it('accepts an office document, recognised inside its ZIP container', async () => {
    const res = expectStatus(await upload(minimalDocx(), 'bid.docx', 'application/zip'), 201);
    expect(res.body.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('stores the detected type, not the declared one', async () => {
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      Buffer.alloc(64),
    ]);
    const res = expectStatus(await upload(png, 'photo.pdf', 'application/pdf'), 201);
    expect(res.body.contentType).toBe('image/png');
  });

  it('streams a multi-megabyte file into 256 KiB chunks and back, byte for byte', async () => {
    const size = 3 * MiB + 1000;
    const sent = await streamUpload(h, member, fields(), {
      name: 'annex.pdf',
      contentType: 'application/pdf',
      head: minimalPdf(),
      size,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ size, sha256: sent.sha256, contentType: 'application/pdf' });
    const chunks = await h
      .dataSource()
      .query<{ seq: number; bytes: number }[]>(
        `SELECT seq, octet_length(bytes) AS bytes FROM document_chunks WHERE document_id = $1 ORDER BY seq`,
        [sent.body.id],
      );
    expect(chunks.length).toBe(13);
    expect(chunks.slice(0, 12).every((c) => c.bytes === 256 * 1024)).toBe(true);
    expect(chunks[12]).toEqual({ seq: 12, bytes: 1000 });
    const res = await h
      .http()
      .get(`/api/v1/documents/${sent.body.id as string}`)
      .set('authorization', member.bearer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-length']).toBe(String(size));
    expect(sha256(res.body as Buffer)).toBe(sent.sha256);
  });

  it('refuses a 25 MB upload with 413 (over the 20 MiB default) and stores nothing', async () => {
    const before = await stored();
    const sent = await streamUpload(h, member, fields(), {
      name: 'huge.pdf',
      contentType: 'application/pdf',
      head: minimalPdf(),
      size: 25 * 1000 * 1000,
    });
    expect(sent.status).toBe(413);
    expect(sent.body).toMatchObject({
      status: 413,
      code: 'document.too_large',
      maxBytes: 20 * MiB,
    });
    expect(await stored()).toEqual(before);
  });

  it('leaves nothing behind when the client goes away mid-upload', async () => {
    const before = await stored();
    const openUploads = async () => {
      const [{ n }] = await h.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'catalyst-api'
            AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
      );
      return n;
    };
    const sent = await streamUpload(h, member, fields(), {
      name: 'interrupted.pdf',
      contentType: 'application/pdf',
      head: minimalPdf(),
      size: 8 * MiB,
      abortAfter: 2 * MiB,
      // Abort once the upload's transaction is open and chunks are on their way in.
      beforeAbort: () => waitFor('the upload’s transaction', async () => (await openUploads()) > 0),
    });
    expect(sent.status).toBe(0);
    await waitFor('the upload’s rollback', async () => (await openUploads()) === 0);
    expect(await stored()).toEqual(before);
    // Its slot is free again: the next upload goes through.
    expectStatus(await upload(minimalPdf(), 'after.pdf', 'application/pdf'), 201);
  });

  it('keeps stored content unchangeable for the app’s database role', async () => {
    await expect(
      h.dataSource().query(`UPDATE document_chunks SET bytes = '\\x00'`),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
