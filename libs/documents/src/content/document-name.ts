import { extname } from 'node:path';

/** The longest name kept, in characters (most file systems take 255 bytes). */
export const MAX_NAME_LENGTH = 200;

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates that can make
// "invoice‮fdp.exe" read as "invoiceexe.pdf".
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name as it is stored and offered back on download: without any folder part, control
 * or direction-override characters, NFC-normalised, trimmed, at most MAX_NAME_LENGTH
 * characters (the extension kept); `document` when nothing is left.
 */
export function documentName(given: string | undefined): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(UNSAFE, '').trim();
  if (!cleaned || cleaned === '.' || cleaned === '..') return 'document';
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const extension = [...extname(cleaned)];
  const keep = extension.length < 20 ? extension : [];
  return chars.slice(0, MAX_NAME_LENGTH - keep.length).join('') + keep.join('');
}

/**
 * `Content-Disposition: attachment` for a file name (RFC 6266): a plain `filename` that every
 * client reads (non-ASCII, quotes and backslashes replaced by `_`) and, when that differs from
 * the real name, `filename*` with the name in UTF-8, percent-encoded (RFC 8187, formerly 5987).
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const plain = `attachment; filename="${fallback}"`;
  if (fallback === name) return plain;
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${plain}; filename*=UTF-8''${encoded}`;
}
