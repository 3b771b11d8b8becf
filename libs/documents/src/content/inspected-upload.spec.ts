import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  elfExecutable,
  minimalDocx,
  minimalPdf,
  storedZip,
  windowsExecutable,
} from '@catalyst/testing/documents.factory';
import { HEAD_BYTES, InspectedUpload, detectContentType } from './inspected-upload';

const claims = (name: string, declaredType = 'application/octet-stream') => ({
  name,
  declaredType,
});

/** The buffers as a stream of pieces, as an upload arrives. */
const pieces = (...buffers: Buffer[]): AsyncIterable<Buffer> => Readable.from(buffers);

async function readAll(upload: InspectedUpload): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of upload.content()) out.push(piece);
  return Buffer.concat(out);
}

describe('detectContentType', () => {
  it('recognises the allowed formats by their content', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452' + '00'.repeat(32), 'hex');
    const jpeg = Buffer.from('ffd8ffe000104a46494600' + '00'.repeat(32), 'hex');
    const gif = Buffer.from('GIF89a' + '\0'.repeat(32), 'latin1');
    const webp = Buffer.from('RIFF\x24\0\0\0WEBPVP8 ' + '\0'.repeat(32), 'latin1');
    const odt = storedZip({ mimetype: 'application/vnd.oasis.opendocument.text' });
    for (const [bytes, type] of [
      [minimalPdf(), 'application/pdf'],
      [png, 'image/png'],
      [jpeg, 'image/jpeg'],
      [gif, 'image/gif'],
      [webp, 'image/webp'],
      [minimalDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [odt, 'application/vnd.oasis.opendocument.text'],
    ] as const) {
      expect(await detectContentType(bytes, claims('whatever.bin'))).toBe(type);
    }
  });

  it('refuses executables and archives whatever they are called', async () => {
    expect(
      await detectContentType(elfExecutable(), claims('report.pdf', 'application/pdf')),
    ).toBeUndefined();
    expect(await detectContentType(windowsExecutable(), claims('report.pdf'))).toBeUndefined();
    expect(
      await detectContentType(storedZip({ 'a.txt': 'a' }), claims('a.csv', 'text/csv')),
    ).toBeUndefined();
  });

  it('takes UTF-8 text only when it is said to be CSV or text', async () => {
    const text = Buffer.from('naam,plaats\nZoë,Malmö\n');
    expect(await detectContentType(text, claims('a.csv'))).toBe('text/csv; charset=utf-8');
    expect(await detectContentType(text, claims('A.TXT'))).toBe('text/plain; charset=utf-8');
    expect(await detectContentType(text, claims('a', 'text/csv; charset=utf-8'))).toBe(
      'text/csv; charset=utf-8',
    );
    expect(await detectContentType(text, claims('a.json', 'application/json'))).toBeUndefined();
    expect(await detectContentType(Buffer.from('a\0b'), claims('a.txt'))).toBeUndefined();
    expect(await detectContentType(Buffer.from([0x61, 0xff]), claims('a.txt'))).toBeUndefined();
    // A character cut by the end of the sample is not an error.
    expect(await detectContentType(Buffer.from('añ').subarray(0, 2), claims('a.txt'))).toBe(
      'text/plain; charset=utf-8',
    );
  });
});

describe('InspectedUpload', () => {
  it('passes the content through in order and reports its size and SHA-256', async () => {
    const pdf = minimalPdf();
    const upload = await InspectedUpload.open(
      pieces(pdf.subarray(0, 10), pdf.subarray(10)),
      claims('a.pdf'),
      1024,
    );
    expect(upload.contentType).toBe('application/pdf');
    expect(Buffer.compare(await readAll(upload), pdf)).toBe(0);
    expect(upload.result()).toEqual({
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
  });

  it('refuses content past the limit as it streams (413)', async () => {
    const upload = await InspectedUpload.open(
      pieces(minimalPdf(), Buffer.alloc(HEAD_BYTES), Buffer.alloc(HEAD_BYTES)),
      claims('a.pdf'),
      HEAD_BYTES + 1000,
    );
    await expect(readAll(upload)).rejects.toMatchObject({
      status: 413,
      code: 'document.too_large',
    });
  });

  it('checks text to its end, across pieces (415 for invalid UTF-8 late in the file)', async () => {
    const ok = Buffer.from('é');
    const good = await InspectedUpload.open(
      pieces(Buffer.from('a,b\n'), ok.subarray(0, 1), ok.subarray(1)),
      claims('a.csv'),
      1024,
    );
    expect((await readAll(good)).toString()).toBe('a,b\né');
    const bad = await InspectedUpload.open(
      pieces(Buffer.alloc(HEAD_BYTES, 'a'), Buffer.from([0xc3])),
      claims('a.csv'),
      HEAD_BYTES * 2,
    );
    await expect(readAll(bad)).rejects.toMatchObject({ status: 415 });
  });

  it('refuses an empty file (400) and an unknown type (415) before reading further', async () => {
    await expect(InspectedUpload.open(pieces(), claims('a.pdf'), 1024)).rejects.toMatchObject({
      code: 'document.empty',
    });
    await expect(
      InspectedUpload.open(pieces(elfExecutable()), claims('a.pdf'), 1024),
    ).rejects.toMatchObject({ code: 'document.unsupported_type' });
  });
});
