import { MAX_NAME_LENGTH, attachmentDisposition, documentName } from './document-name';

describe('documentName', () => {
  it('keeps an ordinary name as given', () => {
    expect(documentName('Business plan v2.pdf')).toBe('Business plan v2.pdf');
    expect(documentName('Плán.docx')).toBe('Плán.docx');
  });

  it('drops folders, control and direction-override characters', () => {
    expect(documentName('C:\\Users\\ana\\plan.pdf')).toBe('plan.pdf');
    expect(documentName('../../etc/passwd')).toBe('passwd');
    expect(documentName('in\u0000voice\r\n.pdf')).toBe('invoice.pdf');
    expect(documentName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
  });

  it('names a nameless file "document"', () => {
    for (const name of [undefined, '', '   ', '..', 'folder/', '\u0007']) {
      expect(documentName(name)).toBe('document');
    }
  });

  it('shortens a long name, keeping its extension', () => {
    const name = documentName(`${'ä'.repeat(300)}.pdf`);
    expect([...name].length).toBe(MAX_NAME_LENGTH);
    expect(name.endsWith('ä.pdf')).toBe(true);
  });
});

describe('attachmentDisposition (RFC 6266)', () => {
  it('quotes a plain ASCII name', () => {
    expect(attachmentDisposition('plan v2.pdf')).toBe('attachment; filename="plan v2.pdf"');
  });

  it('adds filename* in UTF-8 beside an ASCII fallback when the name needs it', () => {
    expect(attachmentDisposition('Plán "final".pdf')).toBe(
      `attachment; filename="Pl_n _final_.pdf"; filename*=UTF-8''Pl%C3%A1n%20%22final%22.pdf`,
    );
    // RFC 8187 attr-char: ' ( ) * must be percent-encoded too.
    expect(attachmentDisposition("it's (1)*.txt")).toBe(`attachment; filename="it's (1)*.txt"`);
    expect(attachmentDisposition("naïve's (1)*.txt")).toBe(
      `attachment; filename="na_ve's (1)*.txt"; filename*=UTF-8''na%C3%AFve%27s%20%281%29%2A.txt`,
    );
    expect(attachmentDisposition('100%.txt')).toBe(
      `attachment; filename="100_.txt"; filename*=UTF-8''100%25.txt`,
    );
  });
});
