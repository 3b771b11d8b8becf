import { createHash } from 'node:crypto';

/** A strong entity tag of a representation's bytes. */
export function entityTag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * RFC 9110 §13.1–13.2 for GET: true when the client's copy is current and a 304 should be sent.
 * `If-None-Match` decides when present (weak comparison, `*` matches); `If-Modified-Since` is
 * looked at only without it, to the second (HTTP dates carry no milliseconds).
 */
export function notModified(
  headers: { 'if-none-match'?: string | string[]; 'if-modified-since'?: string | string[] },
  etag: string,
  lastModified: Date,
): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    const tags = (Array.isArray(inm) ? inm.join(',') : inm).split(',').map((t) => t.trim());
    const opaque = (tag: string) => tag.replace(/^W\//, '');
    return tags.some((tag) => tag === '*' || opaque(tag) === opaque(etag));
  }
  const ims = headers['if-modified-since'];
  if (typeof ims !== 'string') return false;
  const since = Date.parse(ims);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}
