import { createHash, Hash } from 'node:crypto';
import { extname } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import {
  DocumentEmptyError,
  DocumentTooLargeError,
  UnsupportedDocumentTypeError,
} from '../documents/document.errors';
import { ALLOWED_BINARY_TYPES, TEXT_TYPES } from './allowed-types';

/** How much of the start of a file the type is detected from (office files need their entries). */
export const HEAD_BYTES = 256 * 1024;

export interface UploadClaims {
  /** The file name the client gave. */
  name: string;
  /** The content type the client declared for the file part (only trusted for plain text). */
  declaredType: string;
}

/**
 * An upload being read: its type decided from its first bytes before anything is stored, then
 * its content passed on piece by piece while its size is counted (413 past the limit), its
 * SHA-256 computed and, for text, its encoding checked to the end. Holds at most HEAD_BYTES.
 */
export class InspectedUpload {
  private size = 0;
  private readonly hash: Hash = createHash('sha256');
  private consumed = false;

  private constructor(
    private readonly head: Buffer[],
    private readonly rest: AsyncIterator<Buffer>,
    private readonly maxBytes: number,
    readonly contentType: string,
  ) {}

  /** Reads the head and decides the type: 415 outside the allow-list, 400 when empty. */
  static async open(
    source: AsyncIterable<Buffer>,
    claims: UploadClaims,
    maxBytes: number,
  ): Promise<InspectedUpload> {
    const iterator = source[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let headBytes = 0;
    while (headBytes < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      headBytes += next.value.length;
    }
    if (headBytes === 0) throw new DocumentEmptyError();
    if (headBytes > maxBytes) throw new DocumentTooLargeError(maxBytes);
    const contentType = await detectContentType(Buffer.concat(head, headBytes), claims);
    if (!contentType) throw new UnsupportedDocumentTypeError();
    return new InspectedUpload(head, iterator, maxBytes, contentType);
  }

  get isText(): boolean {
    return this.contentType.startsWith('text/');
  }

  /** The whole content, once, in order. */
  async *content(): AsyncGenerator<Buffer> {
    if (this.consumed) throw new Error('an upload is read once');
    this.consumed = true;
    const text = this.isText ? new TextCheck() : undefined;
    const pass = (piece: Buffer): Buffer => {
      this.size += piece.length;
      if (this.size > this.maxBytes) throw new DocumentTooLargeError(this.maxBytes);
      text?.check(piece);
      this.hash.update(piece);
      return piece;
    };
    for (const piece of this.head) yield pass(piece);
    this.head.length = 0;
    for (let next = await this.rest.next(); !next.done; next = await this.rest.next()) {
      yield pass(next.value);
    }
    text?.end();
  }

  /** Size and digest, once the content has been read to its end. */
  result(): { size: number; sha256: string } {
    return { size: this.size, sha256: this.hash.digest('hex') };
  }
}

/**
 * The content type of a file from its first bytes: a detected type on the allow-list, or CSV
 * or plain text when the client says so and the bytes are UTF-8 text; undefined otherwise.
 */
export async function detectContentType(
  head: Buffer,
  claims: UploadClaims,
): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    return ALLOWED_BINARY_TYPES.find((t) => t.contentType === detected.mime)?.contentType;
  }
  const claimed = claimedText(claims);
  if (!claimed || !isUtf8Text(head)) return undefined;
  return TEXT_TYPES[claimed].contentType;
}

function claimedText({ name, declaredType }: UploadClaims): 'csv' | 'txt' | undefined {
  const extension = extname(name).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.txt') return 'txt';
  const declared = declaredType.split(';')[0].trim().toLowerCase();
  if (declared === 'text/csv') return 'csv';
  if (declared === 'text/plain') return 'txt';
  return undefined;
}

/** UTF-8 without NUL bytes; a character cut at the end of the sample is fine. */
function isUtf8Text(sample: Buffer): boolean {
  try {
    new TextCheck().check(sample);
    return true;
  } catch {
    return false;
  }
}

/** Checks text piece by piece: well-formed UTF-8 across piece boundaries, and no NUL byte. */
class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  check(piece: Buffer): void {
    if (piece.includes(0)) throw new UnsupportedDocumentTypeError('The text holds NUL bytes.');
    try {
      this.decoder.decode(piece, { stream: true });
    } catch {
      throw new UnsupportedDocumentTypeError('The text is not valid UTF-8.');
    }
  }

  end(): void {
    try {
      this.decoder.decode();
    } catch {
      throw new UnsupportedDocumentTypeError('The text ends in the middle of a UTF-8 character.');
    }
  }
}
