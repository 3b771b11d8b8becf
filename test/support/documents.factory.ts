import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import type { Harness } from './harness';
import type { TestUser } from './factories';

/**
 * A minimal valid PDF (one empty page), written by hand with a correct cross-reference table,
 * so a test needs no file on disk.
 */
export function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The first bytes of a Linux executable (ELF, x86-64), padded. */
export function elfExecutable(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(header);
  header.writeUInt16LE(2, 16); // ET_EXEC
  header.writeUInt16LE(0x3e, 18); // x86-64
  return header;
}

/** The first bytes of a Windows executable (MZ header pointing at a PE header), padded. */
export function windowsExecutable(): Buffer {
  const file = Buffer.alloc(1024);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('PE\0\0', 0x80, 'latin1');
  return file;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Collects a response body as bytes, whatever its content type. */
export function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

export interface StreamedFile {
  name: string;
  contentType: string;
  /** The first bytes (a signature); the rest up to `size` is generated filler. */
  head: Buffer;
  size: number;
  /**
   * Stop sending once this many bytes of the file are out: await `beforeAbort`, then destroy
   * the connection (the status is then 0).
   */
  abortAfter?: number;
  beforeAbort?: () => Promise<void>;
}

/**
 * POSTs an upload to the API over a real socket, generating the file as it is sent (64 KiB at a
 * time, honouring backpressure), so a test of a large upload keeps neither the file on disk nor
 * the whole of it in memory. Resolves with the status, the parsed body and the file's SHA-256.
 */
export async function streamUpload(
  h: Harness,
  user: TestUser,
  fields: Record<string, string>,
  file: StreamedFile,
): Promise<{ status: number; body: Record<string, unknown>; sha256: string }> {
  const api = h.api!;
  const server = api.getHttpServer();
  if (!server.listening) await api.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const boundary = `----catalyst-${randomBytes(8).toString('hex')}`;
  const hash = createHash('sha256');
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/documents',
    headers: {
      authorization: user.bearer,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
  const answered = new Promise<{ status: number; body: Record<string, unknown> }>(
    (resolve, reject) => {
      req.on('error', (error) =>
        file.abortAfter ? resolve({ status: 0, body: {} }) : reject(error),
      );
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
          }),
        );
      });
    },
  );
  const write = async (chunk: Buffer | string) => {
    if (req.destroyed) return;
    if (!req.write(chunk)) await Promise.race([once(req, 'drain'), once(req, 'close')]);
  };
  for (const [name, value] of Object.entries(fields)) {
    await write(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
  }
  await write(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      `Content-Type: ${file.contentType}\r\n\r\n`,
  );
  hash.update(file.head);
  await write(file.head);
  const filler = Buffer.alloc(64 * 1024, 0x20);
  for (let sent = file.head.length; sent < file.size; sent += filler.length) {
    if (file.abortAfter !== undefined && sent >= file.abortAfter) {
      await file.beforeAbort?.();
      req.destroy();
      return { ...(await answered), sha256: '' };
    }
    const piece = filler.subarray(0, Math.min(filler.length, file.size - sent));
    hash.update(piece);
    await write(piece);
  }
  await write(`\r\n--${boundary}--\r\n`);
  req.end();
  return { ...(await answered), sha256: hash.digest('hex') };
}

/** A ZIP archive of uncompressed entries (enough for office formats, which are ZIP containers). */
export function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A minimal .docx: a ZIP whose [Content_Types].xml names the Word main part. */
export function minimalDocx(): Buffer {
  return storedZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    'word/document.xml':
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
  });
}
