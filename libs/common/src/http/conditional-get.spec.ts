import { entityTag, notModified } from './conditional-get';

describe('conditional GET', () => {
  const etag = entityTag('<feed/>');
  const modified = new Date('2027-03-01T12:00:00.750Z');

  it('gives the same strong tag to the same bytes and another to other bytes', () => {
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(entityTag('<feed/>')).toBe(etag);
    expect(entityTag('<feed></feed>')).not.toBe(etag);
  });

  it('answers 304 to a matching If-None-Match (also weak, in a list, or *)', () => {
    expect(notModified({ 'if-none-match': etag }, etag, modified)).toBe(true);
    expect(notModified({ 'if-none-match': `"x", W/${etag}` }, etag, modified)).toBe(true);
    expect(notModified({ 'if-none-match': '*' }, etag, modified)).toBe(true);
    expect(notModified({ 'if-none-match': '"other"' }, etag, modified)).toBe(false);
  });

  it('lets If-None-Match decide over If-Modified-Since', () => {
    const later = 'Wed, 01 Mar 2028 00:00:00 GMT';
    expect(
      notModified({ 'if-none-match': '"other"', 'if-modified-since': later }, etag, modified),
    ).toBe(false);
  });

  it('compares If-Modified-Since to the second', () => {
    expect(notModified({ 'if-modified-since': modified.toUTCString() }, etag, modified)).toBe(true);
    expect(
      notModified({ 'if-modified-since': 'Mon, 01 Mar 2027 11:59:59 GMT' }, etag, modified),
    ).toBe(false);
    expect(notModified({ 'if-modified-since': 'yesterday' }, etag, modified)).toBe(false);
    expect(notModified({}, etag, modified)).toBe(false);
  });
});
